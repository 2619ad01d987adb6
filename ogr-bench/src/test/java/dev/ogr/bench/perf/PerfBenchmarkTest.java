package dev.ogr.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.StepResult;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * What is timed is the preset's own step, not its warm-up: paper 1's presets take 5 warm-up steps (gradient
     * descent along the momentum) before the model's first step, and a timing of a few calls at D = 10⁷ would
     * otherwise measure those.
     */
    @Test
    void timingStartsAfterTheWarmUp() {
        RecipeResolver resolver = new RecipeResolver(PluginLoader.load());
        OgrOptimizer ogr1d = OgrOptimizer.create(resolver.resolve("ogr1d"),
                Nd4j.ones(DataType.FLOAT, 100));
        INDArray g = Nd4j.ones(DataType.FLOAT, 100);
        List<Boolean> modelSteps = new ArrayList<>();
        PerfBenchmark.pastWarmup(ogr1d, () -> {
            StepResult r = ogr1d.step(g.mul(1 + 0.1 * modelSteps.size()), 0.01, null);
            modelSteps.add(r.modelStep());
            return r;
        });
        assertEquals(List.of(false, false, false, false, false, true), modelSteps);
        OgrOptimizer sgd = OgrOptimizer.create(resolver.resolve("sgd"),
                Nd4j.ones(DataType.FLOAT, 100));
        PerfBenchmark.pastWarmup(sgd, () -> {
            throw new AssertionError("a preset without a model has no warm-up to step through");
        });
        assertEquals(0, sgd.iteration());
    }

    /** Sizes print as 1e7 and 2e6 only when that is their value. */
    @Test
    void sizesPrintAsTheyAre() {
        assertEquals("3", PerfBenchmark.size(3));
        assertEquals("9999", PerfBenchmark.size(9999));
        assertEquals("1e4", PerfBenchmark.size(10_000));
        assertEquals("1e7", PerfBenchmark.size(10_000_000));
        assertEquals("2e6", PerfBenchmark.size(2_000_000));
        assertEquals("1234567", PerfBenchmark.size(1_234_567));
    }
}
