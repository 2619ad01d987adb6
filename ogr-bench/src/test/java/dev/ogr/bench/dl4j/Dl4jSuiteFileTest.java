package dev.ogr.bench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dl4jSuiteFileTest {

    @Test
    void theBuiltInFileDescribesTheSuite() {
        Dl4jSuite.Settings s = Dl4jSuiteFile.load(null);
        assertEquals(Dl4jSuite.Model.MLP, s.model());
        assertEquals("mnist", s.dataset());
        assertEquals(100, s.batch());
        assertEquals(10_000, s.holdout());
        assertEquals("dl4j-adam", s.baseline());
        assertEquals(new Dl4jSuite.Candidate("dogr@updater", Dl4jSuite.Path.UPDATER, "dogr", List.of(0.3, 1.0, 3.0)),
                s.candidates().stream().filter(c -> c.label().equals("dogr@updater")).findFirst().orElseThrow());
        assertEquals(List.of("dl4j-adam", "dogr@trainer"),
                s.only(List.of("dogr@trainer")).candidates().stream().map(Dl4jSuite.Candidate::label).toList());
    }

    @Test
    void theDefaultsFileTunesNothingAndRunsTheParameterFreeBaselines() {
        Dl4jSuite.Settings s = Dl4jSuiteFile.load(null, "dl4j-defaults");
        assertFalse(s.tuned());
        assertTrue(Dl4jSuiteFile.load(null).tuned());
        List<String> labels = s.candidates().stream().map(Dl4jSuite.Candidate::label).toList();
        assertTrue(labels.containsAll(List.of("prodigy@trainer", "dog@trainer", "schedule-free-adamw@trainer",
                "adamw@trainer", "cdogr@updater")), labels.toString());
        assertTrue(s.candidates().stream().allMatch(c -> c.grid().isEmpty()));
        assertEquals("suite file my.yaml, line 4, key 'optimizers[0].grid': tuning: none runs every optimizer at its"
                + " defaults; remove the grid", error("model: mlp\ntuning: none\noptimizers:\n"
                        + "  - {label: a, dl4j: adam, grid: [0.1]}\n"));
        assertTrue(error("tuning: maybe\noptimizers:\n  - {label: a, dl4j: adam}\n").contains("key 'tuning'"));
    }

    private static String error(String text) {
        return assertThrows(ConfigurationException.class, () -> Dl4jSuiteFile.parse(text, "my.yaml")).getMessage();
    }

    @Test
    void mistakesNameTheLineAndTheKey() {
        String head = "model: mlp\noptimizers:\n";
        assertEquals("suite file my.yaml, line 3, key 'optimizers[0]': needs exactly one of dl4j, updater, trainer;"
                + " got 2", error(head + "  - {label: a, dl4j: adam, updater: asgd, grid: [0.1]}\n"));
        String notCoordinates = error(head + "  - {label: a, dl4j: adam, grid: [0.1]}\n"
                + "  - {label: b, updater: ogr1d, grid: [0.1]}\n");
        assertTrue(notCoordinates.startsWith("suite file my.yaml, line 4, key 'optimizers[1].updater': recipe")
                && notCoordinates.contains("OgrTrainer"), notCoordinates);
        assertEquals("suite file my.yaml, line 1, key 'model': expected mlp or cnn, got 'rnn'",
                error("model: rnn\noptimizers:\n  - {label: a, dl4j: adam, grid: [0.1]}\n"));
        assertTrue(error(head + "  - {label: a, dl4j: adam, grid: [0.1], setps: 3}\n")
                .startsWith("suite file my.yaml, line 3, key 'optimizers[0].setps': unknown key 'setps'"));
        assertEquals("suite file my.yaml, line 3, key 'optimizers[0].grid[1]': learning rates must be positive"
                + " numbers, got -1.0", error(head + "  - {label: a, dl4j: adam, grid: [0.1, -1]}\n"));
        assertEquals("suite file my.yaml, line 5, key 'baseline': 'adam' is not the label of an optimizer",
                error(head + "  - {label: a, dl4j: adam, grid: [0.1]}\n\nbaseline: adam\n"));
        assertEquals("suite file my.yaml, line 4, key 'optimizers[1].label': label 'a' is used twice",
                error(head + "  - {label: a, dl4j: adam, grid: [0.1]}\n  - {label: a, dl4j: sgd, grid: [0.1]}\n"));
    }
}
