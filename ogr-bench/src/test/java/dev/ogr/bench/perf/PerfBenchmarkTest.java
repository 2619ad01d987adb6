package dev.ogr.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table of {@code ogr perf}: a row per preset, and the bytes each step must move at least. */
class PerfBenchmarkTest {

    @Test
    void bytesAreWhatEachStepMustMove() {
        StringWriter text = new StringWriter();
        new PerfBenchmark(new RecipeResolver(PluginLoader.load()), new StepTimer(0, 1e-4, 1), new PrintWriter(text))
                .run(List.of(1000L), List.of("momentum", "asgd", "dogr", "ogr1d", "ogr-pca"));
        Map<String, String> bytes = new HashMap<>();
        for (String line : text.toString().split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length > 5 && cells[2].trim().equals("1000")) {
                bytes.put(cells[1].trim(), cells[5].trim());
            }
        }
        assertEquals(10, bytes.size(), text.toString());
        // one pass: θ and g read, θ written, each state array read and written: 4·D·(3 + 2·S)
        assertEquals("0.00800 MB", bytes.get("STREAM copy")); // b read, a written
        assertEquals("0.00800 MB", bytes.get("STREAM scale"));
        assertEquals("0.0120 MB", bytes.get("STREAM add")); // b and c read, a written
        assertEquals("0.0120 MB", bytes.get("STREAM triad"));
        assertEquals("0.0280 MB", bytes.get("DL4J Adam updater")); // θ, g, two moments, the update
        assertEquals("0.0200 MB", bytes.get("momentum")); // S = 1, the velocity
        assertEquals("0.0440 MB", bytes.get("asgd")); // S = 4: means and variances, no covariance
        assertEquals("0.0600 MB", bytes.get("dogr")); // S = 6: the covariance too, and the rule's momentum
        // measured before moved: θ, g and the state read twice, + 4·D·(2 + S)
        assertEquals("0.0440 MB", bytes.get("ogr1d")); // S = 2, momentum and direction: 28 + 16 kB
        assertEquals("0.0680 MB", bytes.get("ogr-pca")); // S = 4 basis vectors: 44 + 24 kB
        assertTrue(text.toString().startsWith("| optimizer | D | time per step |"), text.toString());
    }
}
