package dev.ogr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.dl4j.OgrUpdater;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;

/** The comparison's options (the run itself needs MNIST and is the launcher's job). */
class SparkMnistComparisonTest {

    @Test
    void defaultsAreDl4jAdamAndTheBestOgrUpdaterOfTheDl4jBench() {
        SparkMnistComparison.Options o = SparkMnistComparison.parse(new String[0]);
        assertEquals(2, o.workers());
        assertEquals(5, o.averaging());
        assertEquals(List.of("dl4j-adam", "dogr@updater"),
                o.candidates().stream().map(SparkMnistComparison.Candidate::label).toList());
        assertEquals(new Adam(3e-3), o.candidates().get(0).updater());
        assertEquals(new OgrUpdater("dogr", 1.0), o.candidates().get(1).updater());
    }

    @Test
    void optionsAreReadAndBadOnesNamed() {
        SparkMnistComparison.Options o = SparkMnistComparison.parse(new String[] {"--workers", "3", "--ogr",
            "asgdc@0.1", "--ogr", "cdogr@1"});
        assertEquals(3, o.workers());
        assertEquals(3, o.candidates().size());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> SparkMnistComparison.parse(new String[] {"--epochs", "2"}));
        assertTrue(unknown.getMessage().contains("--epochs"), unknown.getMessage());
        var workers = assertThrows(IllegalArgumentException.class,
                () -> SparkMnistComparison.parse(new String[] {"--workers", "0"}));
        assertTrue(workers.getMessage().contains("--workers '0'"), workers.getMessage());
        var eta = assertThrows(IllegalArgumentException.class,
                () -> SparkMnistComparison.parse(new String[] {"--ogr", "dogr"}));
        assertTrue(eta.getMessage().contains("RECIPE@ETA"), eta.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> SparkMnistComparison.parse(new String[] {"--seed"}));
        assertTrue(missing.getMessage().contains("--seed needs a value"), missing.getMessage());
    }
}
