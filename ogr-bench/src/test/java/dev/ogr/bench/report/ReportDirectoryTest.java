package dev.ogr.bench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.bench.suite.Suite;
import dev.ogr.bench.suite.SuiteFile;
import dev.ogr.core.plugin.PluginLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clearing an earlier report deletes the files a report writes, and nothing a problem's label could point at. */
class ReportDirectoryTest {

    @Test
    void aLabelThatLeavesPlotsDeletesNothingOutsideIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tiny.yaml"), "name: tiny\ngrid: [0.1]\nseeds: 1\noptimizers: [sgd]\n"
                + "baselines: [sgd]\nproblems:\n  - problem: quadratic(dim=3)\n    steps: 5\n");
        Suite suite = SuiteFile.load(file.toString(), PluginLoader.load());
        Path out = Files.createDirectories(dir.resolve("out/plots"));
        Path report = out.getParent();
        Files.writeString(report.resolve("results.json"), "{\"suite\": {\"name\": \"tiny\", \"seeds\": 1, \"optimizers\":"
                + " [\"sgd\"], \"problems\": [{\"label\": \"../../x\"}, {\"label\": \"../y\"}, {\"label\": \"z\"}]}}");
        Path outside = Files.writeString(dir.resolve("x-steps.png"), "mine");
        Path beside = Files.writeString(report.resolve("y-steps.png"), "mine");
        Path chart = Files.writeString(out.resolve("z-steps.png"), "chart");
        Path notes = Files.writeString(report.resolve("notes.txt"), "mine");
        ReportDirectory.check(report, suite, false).clear(); // the same suite, optimizers and seeds: a rerun
        assertTrue(Files.exists(outside) && Files.exists(beside) && Files.exists(notes));
        assertFalse(Files.exists(chart));
        assertFalse(Files.exists(report.resolve("results.json")));
        assertFalse(Files.exists(out)); // plots/ went once empty
    }
}
