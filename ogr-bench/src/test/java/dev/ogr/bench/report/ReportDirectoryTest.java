package dev.ogr.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.ConfigurationException;
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

    private static Suite tiny(Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tiny.yaml"), "name: tiny\ngrid: [0.1]\nseeds: 1\noptimizers: [sgd]\n"
                + "baselines: [sgd]\nproblems:\n  - problem: quadratic(dim=3)\n    steps: 5\n");
        return SuiteFile.load(file.toString(), PluginLoader.load());
    }

    private static final String REPORT = "{\"suite\": {\"name\": \"tiny\", \"seeds\": 1, \"optimizers\": [\"sgd\"],"
            + " \"problems\": [{\"label\": \"quadratic\"}]}}";

    @Test
    void aReportOfOursAloneIsSwappedInWholeAndTheJournalGoes(@TempDir Path dir) throws IOException {
        Suite suite = tiny(dir);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("results.json"), REPORT);
        Files.writeString(out.resolve(dev.ogr.bench.suite.RunJournal.FILE), "{}\n");
        ReportDirectory report = ReportDirectory.check(out, suite, false);
        Path staging = report.prepare();
        assertFalse(staging.getParent().equals(out.toAbsolutePath()), "beside the report: " + staging);
        Files.writeString(staging.resolve("results.json"), "new");
        assertTrue(Files.readString(out.resolve("results.json")).startsWith("{"), "the earlier report stays until then");
        report.commit();
        assertTrue(Files.readString(out.resolve("results.json")).equals("new"));
        assertFalse(Files.exists(out.resolve(dev.ogr.bench.suite.RunJournal.FILE)));
        assertFalse(Files.exists(staging));
    }

    @Test
    void otherFilesStayAndTheNewFilesReplaceTheOldOneByOne(@TempDir Path dir) throws IOException {
        Suite suite = tiny(dir);
        Path out = Files.createDirectories(dir.resolve("out/plots"));
        Path report = out.getParent();
        Files.writeString(report.resolve("results.json"), REPORT);
        Files.writeString(out.resolve("quadratic-steps.png"), "old chart");
        Path notes = Files.writeString(report.resolve("notes.txt"), "mine");
        ReportDirectory dirOf = ReportDirectory.check(report, suite, false);
        Path staging = dirOf.prepare();
        assertTrue(staging.getParent().equals(report.toAbsolutePath()), "inside, as the directory holds other files");
        Files.createDirectories(staging.resolve("plots"));
        Files.writeString(staging.resolve("results.json"), "new");
        Files.writeString(staging.resolve("plots/quadratic-seconds.png"), "new chart");
        dirOf.commit();
        assertTrue(Files.exists(notes));
        assertFalse(Files.exists(out.resolve("quadratic-steps.png")), "the earlier report's chart went");
        assertTrue(Files.readString(out.resolve("quadratic-seconds.png")).equals("new chart"));
        assertFalse(Files.exists(staging));
    }

    @Test
    void aKilledRunsLeftoversAreCleanedAndAHalfSwapIsUndone(@TempDir Path dir) throws IOException {
        Suite suite = tiny(dir);
        Path staging = Files.createDirectories(dir.resolve(".out.ogr-new-4242"));
        Files.writeString(staging.resolve("results.json"), "half");
        Path aside = Files.createDirectories(dir.resolve(".out.ogr-old-4242"));
        Files.writeString(aside.resolve("results.json"), REPORT);
        Path mine = Files.createDirectories(dir.resolve(".out.ogr-new-mine")); // not ours: no pid
        ReportDirectory.check(dir.resolve("out"), suite, false);
        assertFalse(Files.exists(staging));
        assertTrue(Files.readString(dir.resolve("out/results.json")).equals(REPORT), "the earlier report is back");
        assertFalse(Files.exists(aside));
        assertTrue(Files.exists(mine));
    }

    @Test
    void anEmptyOutOrTheRootIsRefused(@TempDir Path dir) throws IOException {
        Suite suite = tiny(dir);
        assertEquals("--out is empty; expected the directory to write the report into", assertThrows(
                ConfigurationException.class, () -> ReportDirectory.check(Path.of(""), suite, false)).getMessage());
        assertTrue(assertThrows(ConfigurationException.class, () -> ReportDirectory.check(Path.of("/"), suite, false))
                .getMessage().contains("root"));
    }

    @Test
    void aDirectoryAnotherRunIsWritingIsRefused(@TempDir Path dir) throws IOException {
        Suite suite = tiny(dir);
        try (ReportDirectory first = ReportDirectory.check(dir.resolve("out"), suite, false)) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> ReportDirectory.check(dir.resolve("out"), suite, false));
            assertTrue(e.getMessage().endsWith("is being written by another ogr bench run (its run journal is"
                    + " locked); wait for it to end, or choose another --out"), e.getMessage());
        }
        ReportDirectory.check(dir.resolve("out"), suite, false).close(); // free again once the first is closed
    }
}
