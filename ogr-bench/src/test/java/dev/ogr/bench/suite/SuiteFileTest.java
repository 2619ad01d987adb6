package dev.ogr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.ConfigurationException;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The suite file format: the shipped suites are valid, and every mistake is one message naming its line and key. */
class SuiteFileTest {

    private static final StrategyRegistry REGISTRY = PluginLoader.load();

    private static final String GOOD = """
            name: tiny
            seeds: 2
            grid: [0.01, 0.1]
            optimizers: [sgd, ogr1dc]
            baselines: [sgd]
            problems:
              - problem: rosenbrock(noise=0.1)
                steps: 20
                target: 0.5
                lattice: {x: [-1, 1], y: [0, 2], n: 2}
              - problem: quadratic(dim=5)
                label: quad
            """;

    @ParameterizedTest
    @ValueSource(strings = {"quick", "defaults", "sweep", "paper", "full"})
    void theShippedSuitesAreValid(String name) {
        Suite s = SuiteFile.load(name, REGISTRY);
        assertEquals(name, s.name());
        assertFalse(s.problems().isEmpty());
        assertTrue(s.optimizers().containsAll(s.baselines()));
    }

    @Test
    void theQuickSuiteTakesEveryPresetOnTheClasspathAndOnlyBundledData() {
        Suite s = SuiteFile.load("quick", REGISTRY);
        assertTrue(s.optimizers().containsAll(List.of("sgd", "momentum", "nesterov", "adam", "ogr1d", "asgdc")));
        assertTrue(s.problems().stream().noneMatch(p -> p.spec().contains("mnist")));
    }

    @Test
    void theDefaultsSuiteTunesNothingAndHasTheQuickProblemsAndTheParameterFreeBaselines() {
        Suite defaults = SuiteFile.load("defaults", REGISTRY);
        Suite quick = SuiteFile.load("quick", REGISTRY);
        assertFalse(defaults.tuned());
        assertTrue(quick.tuned());
        assertEquals(quick.problems().stream().map(SuiteProblem::spec).toList(),
                defaults.problems().stream().map(SuiteProblem::spec).toList());
        assertTrue(defaults.baselines().containsAll(List.of("prodigy", "dadapt-adam", "dadapt-sgd", "dog",
                "schedule-free-sgd", "schedule-free-adamw", "adamw")), defaults.baselines().toString());
    }

    @Test
    void tuningNoneNeedsNoGridAndABadProtocolIsNamed() {
        Suite s = SuiteFile.parse(GOOD.replace("grid: [0.01, 0.1]", "tuning: none"), "tiny.yaml", REGISTRY);
        assertFalse(s.tuned());
        assertEquals(List.of(), s.grid());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SuiteFile.parse(GOOD.replace("grid: [0.01, 0.1]", "tuning: some"), "tiny.yaml", REGISTRY));
        assertTrue(e.getMessage().contains("tuning") && e.getMessage().contains("'none'")
                && e.getMessage().contains("'some'"), e.getMessage());
    }

    @Test
    void aGoodFileGivesItsValuesAndDefaults() {
        Suite s = SuiteFile.parse(GOOD, "tiny.yaml", REGISTRY);
        assertEquals(List.of("sgd", "ogr1dc"), s.optimizers());
        assertTrue(s.isBaseline("sgd"));
        assertFalse(s.isBaseline("ogr1dc"));
        assertEquals(2, s.tuningSeeds());
        SuiteProblem rosenbrock = s.problems().get(0);
        assertEquals("rosenbrock", rosenbrock.label());
        assertEquals(4, rosenbrock.trajectories());
        assertEquals("rosenbrock(noise=0.1, x0=-1.0, y0=0.0)", rosenbrock.specOf(0));
        assertEquals("rosenbrock(noise=0.1, x0=1.0, y0=2.0)", rosenbrock.specOf(3));
        SuiteProblem quad = s.problems().get(1);
        assertEquals(200, quad.steps());
        assertEquals(null, quad.target());
        assertEquals(List.of(0.01, 0.1), quad.grid());
        assertEquals("quadratic(dim=5)", quad.specOf(0));
    }

    @Test
    void jsonIsAcceptedToo() {
        Suite s = SuiteFile.parse("{\"grid\": [0.1], \"optimizers\": [\"sgd\"], \"problems\": [{\"problem\": \"beale\"}]}",
                "my.json", REGISTRY);
        assertEquals("my", s.name());
        assertEquals("beale", s.problems().get(0).label());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the mistake (a replacement in GOOD) | the message expected
        "    steps: 20 => stpes: 20 | suite file tiny.yaml, line 8, key 'problems[0].stpes': unknown key 'stpes'; known:",
        "seeds: 2 => seeds: many | suite file tiny.yaml, line 2, key 'seeds': expected a whole number, got text",
        "grid: [0.01, 0.1] => grid: 0.01 | suite file tiny.yaml, line 3, key 'grid': expected a list of numbers ([a, b] or one '- a' line each), got a number",
        "n: 2} => n: [2]} | suite file tiny.yaml, line 10, key 'problems[0].lattice.n': expected a whole number, got a list",
        "lattice: {x: [-1, 1], y: [0, 2], n: 2} => lattice: [1, 2] | suite file tiny.yaml, line 10, key 'problems[0].lattice': expected a mapping of keys to values, got a list",
        "seeds: 2 => seeds: 2000000000 | suite file tiny.yaml, line 2, key 'seeds': must be in [1, 1000], got 2000000000",
        "steps: 20 => steps: 100000000 | suite file tiny.yaml, line 8, key 'problems[0].steps': must be in [1, 10000000], got 100000000",
        "n: 2} => n: 1000} | suite file tiny.yaml, line 10, key 'problems[0].lattice.n': must be in [1, 100], got 1000",
        "n: 2} => n: 10000} | suite file tiny.yaml, line 10, key 'problems[0].lattice.n': must be in [1, 100], got 10000",
        "grid: [0.01, 0.1] => grid: [0.1, 0.01] | suite file tiny.yaml, line 3, key 'grid[1]': the grid must be ascending, got 0.01 after 0.1",
        "grid: [0.01, 0.1] => grid: [0.01, -1] | suite file tiny.yaml, line 3, key 'grid[1]': step sizes must be positive numbers, got -1.0",
        "[sgd, ogr1dc] => [sgd, ogr2d] | suite file tiny.yaml, line 4, key 'optimizers[1]': unknown preset 'ogr2d'",
        "baselines: [sgd] => baselines: [adam] | suite file tiny.yaml, line 5, key 'baselines[0]': 'adam' is not among the optimizers",
        "quadratic(dim=5) => quadratic(dim=0) | suite file tiny.yaml, line 11, key 'problems[1].problem': parameter 'dim' of problem 'quadratic' must be an integer",
        "quadratic(dim=5) => cubic | suite file tiny.yaml, line 11, key 'problems[1].problem': unknown problem 'cubic'",
        "n: 2} => n: 0} | suite file tiny.yaml, line 10, key 'problems[0].lattice.n': must be in [1, 100], got 0",
        "x: [-1, 1] => x: [1, -1] | suite file tiny.yaml, line 10, key 'problems[0].lattice.x': must be [low, high] with low <= high",
        "rosenbrock(noise=0.1) => rosenbrock(x0=2) | suite file tiny.yaml, line 10, key 'problems[0].lattice': a lattice needs a two-dimensional problem with x0 and y0 left out",
        "label: quad => label: rosenbrock | suite file tiny.yaml, line 12, key 'problems[1].label': label 'rosenbrock' is used twice",
        "grid: [0.01, 0.1] => grid: [0.01, 0.1 | suite file tiny.yaml, line 4: while parsing a flow sequence; expected ',' or ']', but got :",
    })
    void aMistakeIsOneMessageNamingItsLineAndKey(String edit, String expected) {
        String[] parts = edit.split(" => ");
        assertTrue(GOOD.contains(parts[0]), parts[0]);
        String text = GOOD.replace(parts[0], parts[1]);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SuiteFile.parse(text, "tiny.yaml", REGISTRY));
        assertTrue(e.getMessage().startsWith(expected.strip()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aGridLongerThanTheLimitAndTheBuiltInSuitesWorkAreBounded() {
        StringBuilder grid = new StringBuilder();
        for (int i = 1; i <= SuiteFile.MAX_GRID + 1; i++) {
            grid.append(i == 1 ? "" : ", ").append(i);
        }
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> SuiteFile.parse(
                GOOD.replace("grid: [0.01, 0.1]", "grid: [" + grid + "]"), "tiny.yaml", REGISTRY));
        assertEquals("suite file tiny.yaml, line 3, key 'grid': has 101 step sizes, at most 100 are allowed",
                e.getMessage());
        for (String name : SuiteFile.BUILT_IN) {
            Suite s = SuiteFile.load(name, REGISTRY);
            long work = SuiteFile.totalSteps(s, s.seeds());
            assertTrue(work > 0 && work <= SuiteFile.MAX_TOTAL_STEPS, name + ": " + work);
        }
    }

    @Test
    void tooManyRecordsOrTooMuchWorkInAllIsRefusedBeforeAnythingRuns() {
        ConfigurationException records = assertThrows(ConfigurationException.class, () -> SuiteFile.parse(
                GOOD.replace("    label: quad", "    label: quad\n    records: 1000000"), "tiny.yaml", REGISTRY));
        assertEquals("suite file tiny.yaml, line 13, key 'problems[1].records': must be in [1, 100000], got 1000000",
                records.getMessage());
        ConfigurationException work = assertThrows(ConfigurationException.class, () -> SuiteFile.parse(
                GOOD.replace("seeds: 2", "seeds: 1000\nsteps: 9000000"), "tiny.yaml", REGISTRY));
        assertTrue(work.getMessage().startsWith("suite file tiny.yaml: the suite asks for ")
                && work.getMessage().contains("more than the limit of 2000000000"), work.getMessage());
    }

    @Test
    void yamlAnchorsAndAliasesAreRefusedByLine() {
        String text = GOOD.replace("grid: [0.01, 0.1]", "grid: &g [0.01, 0.1]")
                .replace("    label: quad", "    label: quad\n    grid: *g");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SuiteFile.parse(text, "tiny.yaml", REGISTRY));
        assertTrue(e.getMessage().startsWith("suite file tiny.yaml, line 3: YAML anchors and aliases"), e.getMessage());
    }

    @Test
    void missingKeysAreNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SuiteFile.parse("grid: [0.1]\noptimizers: [sgd]\n", "x.yaml", REGISTRY));
        assertEquals("suite file x.yaml, key 'problems': is missing", e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> SuiteFile.parse("", "x.yaml", REGISTRY));
        assertEquals("suite file x.yaml, line 1: the file is empty", e.getMessage());
    }

    @Test
    void anUnknownSuiteNamesTheBuiltInOnes() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SuiteFile.load("no-such-suite.yaml", REGISTRY));
        assertEquals("unknown suite 'no-such-suite.yaml': neither a built-in suite (quick, defaults, sweep, paper, full) nor a suite"
                + " file", e.getMessage());
    }
}
