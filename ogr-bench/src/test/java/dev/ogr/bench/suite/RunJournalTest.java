package dev.ogr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.ConfigurationException;
import dev.ogr.core.plugin.PluginLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run journal reads back exactly what it recorded, drops a line cut short, and refuses what is not its own. */
class RunJournalTest {

    private static final String TEXT = "name: j\ngrid: [0.1, 0.2]\nseeds: 2\noptimizers: [sgd, adam]\n"
            + "problems:\n  - problem: quadratic(dim=3)\n    steps: 5\n";

    private static Suite suite() {
        return SuiteFile.parse(TEXT, "j.yaml", PluginLoader.load());
    }

    /** A run whose numbers need every bit, and the non-finite values a run can hold. */
    private static RunRecord run(long seed) {
        Curve curve = new Curve(new int[] {0, 3, 5}, new double[] {1.0 / 3, Math.PI * 1e-300, Double.NaN},
                new double[] {0, Math.ulp(1.0), 2e-9}, new double[] {Double.NaN, 0.1, Double.MIN_VALUE});
        return new RunRecord("quadratic", "sgd", seed, 0.1, RunRecord.DIVERGED, Double.POSITIVE_INFINITY,
                Map.of("test_accuracy", 0.9375), curve, 1.25, 3e-7, Double.NEGATIVE_INFINITY);
    }

    @Test
    void whatIsRecordedIsReadBackBitForBit(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunJournal.FILE);
        RunJournal.Entry entry = new RunJournal.Entry("quadratic", "sgd", new double[] {0.5, Double.NaN},
                List.of(run(1), run(2)));
        try (RunJournal j = RunJournal.open(file, suite(), false)) {
            j.record(entry);
        }
        try (RunJournal j = RunJournal.open(file, suite(), true)) {
            assertEquals(1, j.size());
            RunJournal.Entry back = j.recorded("quadratic", "sgd");
            assertArrayEquals(entry.scores(), back.scores());
            for (int i = 0; i < 2; i++) {
                RunRecord a = entry.runs().get(i);
                RunRecord b = back.runs().get(i);
                assertEquals(a.seed(), b.seed());
                assertEquals(a.status(), b.status());
                assertEquals(Double.doubleToRawLongBits(a.finalLoss()), Double.doubleToRawLongBits(b.finalLoss()));
                assertEquals(a.testMetrics(), b.testMetrics());
                assertArrayEquals(a.curve().steps(), b.curve().steps());
                assertArrayEquals(a.curve().loss(), b.curve().loss());
                assertArrayEquals(a.curve().seconds(), b.curve().seconds());
                assertArrayEquals(a.curve().eta(), b.curve().eta());
                assertEquals(a.gradientSecondsPerStep(), b.gradientSecondsPerStep());
            }
            assertNull(j.recorded("quadratic", "adam"));
        }
    }

    @Test
    void aLineCutShortByAKillIsDroppedAndWrittenOver(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunJournal.FILE);
        try (RunJournal j = RunJournal.open(file, suite(), false)) {
            j.record(new RunJournal.Entry("quadratic", "sgd", new double[] {1, 2}, List.of(run(1))));
        }
        long whole = Files.size(file);
        Files.writeString(file, "{\"problem\":\"quadratic\",\"optimizer\":\"adam\",\"sco", StandardOpenOption.APPEND);
        try (RunJournal j = RunJournal.open(file, suite(), true)) {
            assertEquals(1, j.size());
            assertEquals(whole, Files.size(file), "the partial line is cut off before anything is appended");
            j.record(new RunJournal.Entry("quadratic", "adam", new double[] {3, 4}, List.of(run(1))));
        }
        try (RunJournal j = RunJournal.open(file, suite(), true)) {
            assertEquals(2, j.size());
            assertArrayEquals(new double[] {3, 4}, j.recorded("quadratic", "adam").scores());
        }
    }

    @Test
    void withoutResumeAnEarlierJournalIsDiscarded(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunJournal.FILE);
        try (RunJournal j = RunJournal.open(file, suite(), false)) {
            j.record(new RunJournal.Entry("quadratic", "sgd", new double[] {1, 2}, List.of(run(1))));
        }
        try (RunJournal j = RunJournal.open(file, suite(), false)) {
            assertEquals(0, j.size());
        }
        assertEquals(1, Files.readAllLines(file).size()); // the header alone
    }

    @Test
    void anotherConfigurationIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunJournal.FILE);
        try (RunJournal j = RunJournal.open(file, suite(), false)) {
            j.record(new RunJournal.Entry("quadratic", "sgd", new double[] {1, 2}, List.of(run(1))));
        }
        Suite more = suite().withSeeds(3);
        assertNotEquals(RunJournal.fingerprint(suite()), RunJournal.fingerprint(more));
        assertEquals(RunJournal.fingerprint(suite()), RunJournal.fingerprint(suite()), "a fingerprint is stable");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> RunJournal.open(file, more, true));
        assertTrue(e.getMessage().startsWith("--resume: " + file + " records an interrupted run of another"
                + " configuration"), e.getMessage());
        assertEquals(2, Files.readAllLines(file).size(), "a refused journal is left as it was");
    }

    @Test
    void aDamagedLineIsRefusedWithItsNumber(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(RunJournal.FILE);
        try (RunJournal j = RunJournal.open(file, suite(), false)) {
            j.record(new RunJournal.Entry("quadratic", "sgd", new double[] {1, 2}, List.of(run(1))));
        }
        List<String> lines = Files.readAllLines(file);
        Files.writeString(file, lines.get(0) + "\nnot json\n" + lines.get(1) + "\n", StandardCharsets.UTF_8);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> RunJournal.open(file, suite(), true));
        assertTrue(e.getMessage().startsWith("--resume: the run journal " + file + " is damaged at line 2"),
                e.getMessage());
    }
}
