package dev.ogr.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: listing, running with a trace, and one clear line for every kind of bad input. */
class OgrCliTest {

    /** The exit status and both outputs of one invocation. */
    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = OgrCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void listShowsPluginsStrategiesParametersPresetsAndProblems() {
        Result r = run("list");
        assertEquals(0, r.status(), r.err());
        for (String expected : List.of("ogr-core", "ogr-directions", "ogr-lr-learners", "momentum", "plain",
                "parabola-clipped", "fixed", "beta", "default 0.9", "ogr1d", "sgd", "quadratic", "rosenbrock", "beale",
                "warmup", "online-pca", "(also named subspace)", "inside")) {
            assertTrue(r.out().contains(expected), "missing '" + expected + "' in:\n" + r.out());
        }
    }

    @Test
    void runPrintsOneSummaryLineAndWritesTheTrace(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("sub/trace.csv");
        Result r = run("run", "--optimizer", "ogr1d; lr=fixed(eta=0.001)", "--problem", "rosenbrock",
                "--steps", "50", "--seed", "4", "--trace", trace.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(r.out().startsWith("ogr1d; lr=fixed(eta=0.001) on rosenbrock(x0=-1.2, y0=1, noise=0): 50 steps,"
                + " seed 4, loss 2.420000e+01 -> "), r.out());
        List<String> rows = Files.readAllLines(trace);
        assertTrue(rows.get(0).startsWith("step,loss,"), rows.get(0));
        assertEquals(51, rows.size());
        assertTrue(rows.get(1).startsWith("0,24.19"), rows.get(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--optimizer=ogr2d | ogr: unknown preset 'ogr2d' (did you mean 'ogr1d'?); available: ...",
        "--optimizer=direction=momentun; averages=plain; step=parabola-clipped; lr=fixed"
                + " | ogr: unknown direction strategy 'momentun' (did you mean 'momentum'?); available: ...",
        "--optimizer=ogr1d; step=parabola-clipped(clp=1) | ogr: step 'parabola-clipped' has no parameter 'clp'"
                + " (did you mean 'clip'?); its parameters are: alpha, clip, negative, shape, scale",
        "--optimizer=ogr1d; averages=plain(beta=1.5) | ogr: parameter 'beta' of averages 'plain' must be a real in"
                + " [0, 1), got 1.5",
        "--optimizer=ogr1d; lr=fixed(eta=0.1 | ogr: malformed recipe 'ogr1d; lr=fixed(eta=0.1': expected ')' at"
                + " column 24, found end of text",
        "--problem=beale(x0=1 | ogr: malformed problem 'beale(x0=1': expected ')' at column 11, found end of text",
        "--problem=quadratc | ogr: unknown problem 'quadratc' (did you mean 'quadratic'?); available: ...",
        "--problem=quadratic(dim=0) | ogr: parameter 'dim' of problem 'quadratic' must be an integer in"
                + " [1, 100000000], got 0",
        "--problem=beale(noise=-1) | ogr: parameter 'noise' of problem 'beale' must be a real in [0, 1000000],"
                + " got -1.0",
        "--steps=0 | ogr: --steps must be in [1, 1000000000], got 0",
        "--steps=many | ogr: Invalid value for option '--steps': 'many' is not a long (see 'ogr run --help')",
        "--stpes=10 | ogr: Unknown options: '--stpes', '10' (see 'ogr run --help')",
    })
    void badInputExitsNonZeroWithOneLineAndNoStackTrace(String override, String message) {
        String key = override.substring(0, override.indexOf('='));
        String value = override.substring(override.indexOf('=') + 1);
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("--optimizer", "ogr1d");
        options.put("--problem", "beale");
        options.put("--steps", "5");
        options.put(key, value);
        List<String> args = new java.util.ArrayList<>(List.of("run"));
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        Result r = run(args.toArray(String[]::new));
        assertEquals(OgrCli.BAD_INPUT, r.status());
        if (message.endsWith("...")) { // the list goes on with whatever else is registered
            assertTrue(r.err().startsWith(message.substring(0, message.length() - 3)), r.err());
        } else {
            assertEquals(message, r.err().strip());
        }
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aBadVectorApiSettingIsOneLineBeforeAnythingRuns() {
        String old = System.getProperty(dev.ogr.core.kernel.Kernels.SIMD_PROPERTY);
        System.setProperty(dev.ogr.core.kernel.Kernels.SIMD_PROPERTY, "maybe");
        try {
            Result r = run("run", "--optimizer", "asgd", "--problem", "beale", "--steps", "5");
            assertEquals(OgrCli.BAD_INPUT, r.status());
            assertEquals("ogr: system property ogr.simd must be auto, true or false, got 'maybe'", r.err().strip());
            assertEquals("", r.out());
        } finally {
            if (old == null) {
                System.clearProperty(dev.ogr.core.kernel.Kernels.SIMD_PROPERTY);
            } else {
                System.setProperty(dev.ogr.core.kernel.Kernels.SIMD_PROPERTY, old);
            }
        }
    }

    @Test
    void pairsTimeTheDl4jSuitesOnlyAndInRange() {
        Result quick = run("bench", "quick", "--pairs", "3");
        assertEquals(OgrCli.BAD_INPUT, quick.status());
        assertEquals("ogr: --pairs times the dl4j suites only, got suite 'quick'", quick.err().strip());
        Result zero = run("bench", "dl4j", "--pairs", "0");
        assertEquals(OgrCli.BAD_INPUT, zero.status());
        assertEquals("ogr: --pairs must be in [1, 100], got 0", zero.err().strip());
    }

    /** {@code perf} times each preset in a JVM of its own by default, with the rows a run in one JVM has. */
    @Test
    void perfTimesEachPresetInItsOwnJvm() {
        Result forked = run("perf", "--sizes", "1000", "--presets", "asgd,ogr1d; max-step=0", "--seconds", "0.01");
        assertEquals(0, forked.status(), forked.err());
        Result here = run("perf", "--no-fork", "--sizes", "1000", "--presets", "asgd,ogr1d; max-step=0", "--seconds",
                "0.01");
        assertEquals(0, here.status(), here.err());
        for (Result r : List.of(forked, here)) {
            List<String> rows = new java.util.ArrayList<>();
            for (String line : r.out().split("\n")) {
                String[] cells = line.split("\\|");
                if (cells.length > 3 && cells[2].trim().equals("1000")) {
                    rows.add(cells[1].trim());
                    assertTrue(cells[3].trim().matches("[0-9.]+ (µs|ms)"), line);
                }
            }
            assertEquals(List.of("STREAM copy", "STREAM scale", "STREAM add", "STREAM triad", "DL4J Adam updater",
                    "asgd", "ogr1d; max-step=0"), rows, r.out());
        }
    }

    @ParameterizedTest(name = "{0} --help")
    @CsvSource({"list", "run", "bench", "perf"})
    void everySubcommandPrintsItsUsageForHelp(String command) {
        Result r = run(command, "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("Usage: ogr " + command), r.out());
        assertTrue(r.out().contains("-h, --help"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void anUnwritableTraceIsOneLine(@TempDir Path dir) throws IOException {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        Result r = run("run", "--optimizer", "sgd", "--problem", "beale", "--steps", "3", "--trace",
                blocker.resolve("trace.csv").toString());
        assertEquals(OgrCli.BAD_INPUT, r.status());
        assertEquals("ogr: --trace " + blocker.resolve("trace.csv") + " cannot be written: " + blocker
                + " is a file, not a directory", r.err().strip());
        Result directory = run("run", "--optimizer", "sgd", "--problem", "beale", "--steps", "3", "--trace",
                dir.toString());
        assertEquals("ogr: --trace " + dir + " is a directory, expected the path of a CSV file", directory.err().strip());
        Result empty = run("run", "--optimizer", "sgd", "--problem", "beale", "--steps", "3", "--trace", "");
        assertEquals("ogr: --trace is empty, expected the path of a CSV file to write", empty.err().strip());
        assertEquals("", directory.out() + empty.out(), "nothing ran");
    }

    @Test
    void aDivergingRunStopsWithOneLine() {
        Result r = run("run", "--optimizer", "sgd; lr=fixed(eta=1)", "--problem", "rosenbrock", "--steps", "100");
        assertEquals(OgrCli.FAILED, r.status());
        assertTrue(r.err().startsWith("ogr: run stopped: step "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void benchRunsASuiteFileAndWritesTheReport(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, "grid: [0.01, 0.1]\nseeds: 1\noptimizers: [sgd]\nbaselines: [sgd]\n"
                + "problems:\n  - problem: quadratic(dim=3)\n    steps: 5\n");
        Result r = run("bench", file.toString(), "--out", dir.resolve("out").toString(), "--seeds", "2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\nsgd (baseline) "), r.out()); // the terminal summary's loss grid
        for (String f : List.of("report.md", "report.html", "results.csv", "results.json")) {
            assertTrue(Files.exists(dir.resolve("out").resolve(f)), f);
        }
        assertEquals(3, Files.readAllLines(dir.resolve("out/results.csv")).size()); // --seeds 2 won over the file's 1
    }

    /** A suite file named {@code name} of tiny quadratics labelled {@code labels}: sgd on one seed, seconds to run. */
    private static Path tinySuite(Path dir, String name, String... labels) throws IOException {
        StringBuilder problems = new StringBuilder();
        for (String label : labels) {
            problems.append("  - problem: quadratic(dim=3)\n    label: ").append(label).append("\n    steps: 5\n");
        }
        return Files.writeString(dir.resolve(name + ".yaml"), "name: " + name + "\ngrid: [0.01, 0.1]\nseeds: 1\n"
                + "optimizers: [sgd]\nbaselines: [sgd]\nproblems:\n" + problems);
    }

    private static List<String> tree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void benchRefusesAnOutDirectoryOfAnotherRunBeforeRunning(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Path suite = tinySuite(dir, "tiny", "a");
        assertEquals(0, run("bench", suite.toString(), "--out", out.toString()).status());
        String csv = Files.readString(out.resolve("results.csv"));
        for (String[] other : List.of(new String[] {"--seeds", "2"}, new String[] {"--optimizers", "sgd,momentum"})) {
            Result r = run("bench", suite.toString(), "--out", out.toString(), other[0], other[1]);
            assertEquals(OgrCli.BAD_INPUT, r.status(), r.err());
            assertEquals("", r.out()); // nothing ran
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("ogr: --out " + out + " holds the report of another run (suite 'tiny', 1 seed,"
                    + " 1 optimizer (sgd); this run: suite 'tiny', "), r.err());
            assertTrue(r.err().endsWith("); pass --force to replace it, or choose another --out" + System.lineSeparator()),
                    r.err());
        }
        Result otherSuite = run("bench", tinySuite(dir, "other", "a").toString(), "--out", out.toString());
        assertEquals(OgrCli.BAD_INPUT, otherSuite.status(), otherSuite.err());
        assertTrue(otherSuite.err().contains("this run: suite 'other'"), otherSuite.err());
        assertEquals(csv, Files.readString(out.resolve("results.csv"))); // the earlier report is untouched
    }

    @Test
    void benchRefusesADirectoryOfOtherFilesUnlessForced(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        Path suite = tinySuite(dir, "tiny", "a");
        Result r = run("bench", suite.toString(), "--out", out.toString());
        assertEquals(OgrCli.BAD_INPUT, r.status(), r.err());
        assertEquals("ogr: --out " + out + " is not empty and holds no ogr report; pass --force to write the report into"
                + " it anyway (its other files stay), or choose another --out", r.err().strip());
        assertEquals(List.of("notes.txt"), tree(out));
        Result forced = run("bench", suite.toString(), "--out", out.toString(), "--force");
        assertEquals(0, forced.status(), forced.err());
        assertTrue(tree(out).containsAll(List.of("notes.txt", "plots/a-steps.png", "report.html", "results.json")),
                tree(out).toString());
        Result file = run("bench", suite.toString(), "--out", out.resolve("notes.txt").toString());
        assertEquals(OgrCli.BAD_INPUT, file.status(), file.err());
        assertTrue(file.err().contains("is not a directory"), file.err());
    }

    @Test
    void benchWithForceReplacesAnotherRunsReportAndKeepsOtherFiles(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, run("bench", tinySuite(dir, "first", "a", "b").toString(), "--out", out.toString()).status());
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.writeString(out.resolve("plots/mine.png"), "mine");
        assertTrue(tree(out).containsAll(List.of("plots/a-steps.png", "plots/b-steps.png", "plots/profile.png")));
        Result r = run("bench", tinySuite(dir, "second", "c").toString(), "--out", out.toString(), "--force");
        assertEquals(0, r.status(), r.err());
        List<String> files = tree(out);
        assertTrue(files.stream().noneMatch(f -> f.startsWith("plots/a-") || f.startsWith("plots/b-")
                || f.equals("plots/profile.png")), "stale charts of the first run: " + files);
        assertTrue(files.containsAll(List.of("notes.txt", "plots/mine.png", "plots/c-steps.png", "report.md",
                "report.html", "results.csv", "results.json")), files.toString());
        assertTrue(Files.readString(out.resolve("results.csv")).lines().skip(1).allMatch(l -> l.startsWith("second,c,")));
    }

    @Test
    void benchRerunOfTheSameRunReplacesItsReportWithNothingStale(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Path suite = tinySuite(dir, "tiny", "a", "b");
        assertEquals(0, run("bench", suite.toString(), "--out", out.toString()).status());
        Files.writeString(out.resolve("notes.txt"), "mine");
        List<String> before = tree(out);
        Result again = run("bench", suite.toString(), "--out", out.toString()); // twice in a row, as the main job may be
        assertEquals(0, again.status(), again.err());
        assertEquals(before, tree(out));
        tinySuite(dir, "tiny", "b"); // the same suite, optimizers and seeds, one problem fewer
        Result fewer = run("bench", suite.toString(), "--out", out.toString());
        assertEquals(0, fewer.status(), fewer.err());
        List<String> files = tree(out);
        assertTrue(files.stream().noneMatch(f -> f.startsWith("plots/a-") || f.equals("plots/profile.png")),
                "stale charts: " + files);
        assertTrue(files.containsAll(List.of("notes.txt", "plots/b-steps.png")), files.toString());
    }

    @Test
    void outOfMemoryIsOneLineNamingBothBoundsAndHowToRaiseThem() {
        String line = OgrCli.outOfMemory(new OutOfMemoryError("Physical memory usage is too high"));
        assertTrue(line.startsWith("ogr: out of memory (Physical memory usage is too high); this run may use a "), line);
        assertTrue(line.contains(" GiB heap (-Xmx) and ") && line.contains(" GiB in all (-Dorg.bytedeco.javacpp"
                + ".maxphysicalbytes)") && line.contains("OGR_JAVA_OPTS="), line);
        assertEquals(1, line.lines().count());
    }

    @Test
    void benchPrintsABuiltInSuiteToCopy() {
        Result r = run("bench", "--print", "quick");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("name: quick") && r.out().contains("problems:"), r.out());
    }

    @Test
    void aBadSuiteFileIsOneLineWithStatusTwo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "grid: [0.1]\noptimizers: [sgd]\nproblems:\n  - problem: beale\n    setps: 5\n");
        Result r = run("bench", file.toString());
        assertEquals(OgrCli.BAD_INPUT, r.status());
        assertTrue(r.err().startsWith("ogr: suite file " + file + ", line 5, key 'problems[0].setps': unknown key"
                + " 'setps'; known: grid, label, lattice, log_scale, problem, records, steps, target"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void theDl4jSuiteNamesBadModelsDataSetsAndOptimizers() {
        Result model = run("bench", "dl4j", "--model", "rnn");
        assertEquals(OgrCli.BAD_INPUT, model.status());
        assertTrue(model.err().contains("'rnn', expected mlp or cnn"), model.err());
        Result data = run("bench", "dl4j", "--dataset", "cifar");
        assertEquals(OgrCli.BAD_INPUT, data.status());
        assertTrue(data.err().contains("unknown data set 'cifar'") && data.err().contains("fashion-mnist"), data.err());
        Result optimizer = run("bench", "dl4j", "--optimizers", "dl4j-adamw");
        assertEquals(OgrCli.BAD_INPUT, optimizer.status());
        assertTrue(optimizer.err().contains("unknown optimizer 'dl4j-adamw'") && optimizer.err().contains("dl4j-nesterovs"),
                optimizer.err());
    }

    @Test
    void theDl4jSuiteWritesTheReportFilesOfEverySuite(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        java.nio.file.Path file = tmp.resolve("tiny.yaml");
        java.nio.file.Files.writeString(file, """
                dataset: digits
                batch: 100
                holdout: 300
                optimizers:
                  - {label: dl4j-adam, dl4j: adam, grid: [1e-2]}
                  - {label: dogr@updater, updater: dogr, grid: [1]}
                """);
        java.nio.file.Path out = tmp.resolve("report");
        Result r = run("bench", "dl4j", "--file", file.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("report: " + out.toAbsolutePath().resolve("report.html")), r.out());
        for (String f : dev.ogr.bench.report.ReportWriter.FILES) {
            assertTrue(java.nio.file.Files.isRegularFile(out.resolve(f)), f);
        }
        assertTrue(java.nio.file.Files.isRegularFile(out.resolve("plots/digits-mlp-updater-accuracy-epochs.svg")));
        // the same run again replaces its report; --resume is for suite files, which keep a journal
        assertEquals(0, run("bench", "dl4j", "--file", file.toString(), "--out", out.toString()).status());
        Result resume = run("bench", "dl4j", "--file", file.toString(), "--out", out.toString(), "--resume");
        assertEquals(OgrCli.BAD_INPUT, resume.status());
        assertTrue(resume.err().contains("--resume continues a suite file's run"), resume.err());
        // another optimizer list is another run: refused without --force
        Result other = run("bench", "dl4j", "--file", file.toString(), "--out", out.toString(), "--optimizers",
                "dl4j-adam");
        assertEquals(OgrCli.BAD_INPUT, other.status());
        assertTrue(other.err().contains("holds the report of another run"), other.err());
    }

    @Test
    void theDl4jSuiteRefusesAHoldoutThatLeavesNothingToTrainOn() {
        Result r = run("bench", "dl4j", "--dataset", "digits");
        assertEquals(OgrCli.BAD_INPUT, r.status());
        assertTrue(r.err().contains("holdout 10000 and batch 100 leave no minibatch to train on: digits has 1500"
                + " training images"), r.err());
    }
}
