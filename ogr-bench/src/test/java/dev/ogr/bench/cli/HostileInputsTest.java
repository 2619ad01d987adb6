package dev.ogr.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.OgrPlugin;
import dev.ogr.api.StepRule;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and unusual input to the command line, as a table: each case is a command line, the environment variables
 * and system properties it runs with, and the plugins on its class path; each must be answered with the expected exit
 * status and a message matching the expected pattern, one line per problem, with no stack trace and nothing on
 * standard output. The classes are those a hostile user found (environment and properties, work bounds in suite
 * files, suite file types and syntax, output paths, input files, command-line values, misbehaving plugins).
 */
class HostileInputsTest {

    @TempDir
    static Path dir;

    /**
     * One row of the table.
     *
     * @param name    what is tried, as the test's name
     * @param args    the command line ({@code {dir}} stands for the fixtures' directory)
     * @param env     environment variables checked before anything runs
     * @param props   system properties checked likewise
     * @param plugins plugin classes added to the class path (through a service file), or empty
     * @param status  the expected exit status
     * @param message a regular expression the whole of standard error must match ({@code find}, one line)
     * @param lines   how many lines standard error must have
     */
    record Case(String name, List<String> args, Map<String, String> env, Map<String, String> props,
            List<Class<? extends OgrPlugin>> plugins, int status, String message, int lines) {

        @Override
        public String toString() {
            return name;
        }

        Case env(String key, String value) {
            Map<String, String> e = new LinkedHashMap<>(env);
            e.put(key, value);
            return new Case(name, args, e, props, plugins, status, message, lines);
        }

        Case prop(String key, String value) {
            Map<String, String> p = new LinkedHashMap<>(props);
            p.put(key, value);
            return new Case(name, args, env, p, plugins, status, message, lines);
        }

        Case plugin(Class<? extends OgrPlugin> plugin) {
            List<Class<? extends OgrPlugin>> p = new ArrayList<>(plugins);
            p.add(plugin);
            return new Case(name, args, env, props, p, status, message, lines);
        }

        Case lines(int n) {
            return new Case(name, args, env, props, plugins, status, message, n);
        }
    }

    private static Case bad(String name, String message, String... args) {
        return new Case(name, List.of(args), Map.of(), Map.of(), List.of(), OgrCli.BAD_INPUT, message, 1);
    }

    private static final String[] RUN = {"run", "--optimizer", "sgd", "--problem", "beale", "--steps", "3"};

    private static String[] run(String... more) {
        return Stream.concat(Stream.of(RUN), Stream.of(more)).toArray(String[]::new);
    }

    /** A suite file of one tiny problem with {@code extra} YAML appended (later keys replace nothing: YAML refuses). */
    private static String suite(String body) {
        return "name: tiny\n" + body;
    }

    private static final String OK_BODY = "grid: [0.1]\nseeds: 1\ntuning_seeds: 1\noptimizers: [sgd]\nbaselines: [sgd]\n";
    private static final String PROBLEM = "problems:\n  - problem: quadratic(dim=3)\n    steps: 5\n";

    /** The suite files the cases name, by file name. */
    private static final Map<String, String> SUITES = new LinkedHashMap<>();

    static {
        SUITES.put("seeds-huge.yaml", suite("grid: [0.1]\nseeds: 2000000000\noptimizers: [sgd]\n" + PROBLEM));
        SUITES.put("seeds-zero.yaml", suite("grid: [0.1]\nseeds: 0\noptimizers: [sgd]\n" + PROBLEM));
        SUITES.put("tuning-seeds-huge.yaml", suite("grid: [0.1]\ntuning_seeds: 5000\noptimizers: [sgd]\n" + PROBLEM));
        SUITES.put("steps-zero.yaml", suite(OK_BODY + "problems:\n  - problem: quadratic(dim=3)\n    steps: 0\n"));
        SUITES.put("steps-huge.yaml", suite(OK_BODY + "problems:\n  - problem: quadratic(dim=3)\n    steps: 100000000\n"));
        SUITES.put("steps-float.yaml", suite(OK_BODY + "problems:\n  - problem: quadratic(dim=3)\n    steps: 1.5\n"));
        SUITES.put("steps-text.yaml", suite(OK_BODY + "problems:\n  - problem: quadratic(dim=3)\n    steps: many\n"));
        StringBuilder grid = new StringBuilder("grid: [");
        for (int i = 0; i < 101; i++) {
            grid.append(i == 0 ? "" : ", ").append(1e-3 * (i + 1));
        }
        SUITES.put("grid-long.yaml", suite(grid + "]\nseeds: 1\noptimizers: [sgd]\n" + PROBLEM));
        SUITES.put("grid-scalar.yaml", suite("grid: 0.01\nseeds: 1\noptimizers: [sgd]\n" + PROBLEM));
        SUITES.put("grid-text.yaml", suite("grid: [fast]\nseeds: 1\noptimizers: [sgd]\n" + PROBLEM));
        SUITES.put("grid-negative.yaml", suite("grid: [-0.1]\nseeds: 1\noptimizers: [sgd]\n" + PROBLEM));
        SUITES.put("grid-empty.yaml", suite("grid: []\nseeds: 1\noptimizers: [sgd]\n" + PROBLEM));
        String lattice = "problems:\n  - problem: rosenbrock\n    steps: 5\n    lattice: {x: [-2, 2], y: [-1, 3], n: %s}\n";
        SUITES.put("lattice-1000.yaml", suite(OK_BODY + lattice.formatted("1000")));
        SUITES.put("lattice-10000.yaml", suite(OK_BODY + lattice.formatted("10000")));
        SUITES.put("lattice-zero.yaml", suite(OK_BODY + lattice.formatted("0")));
        SUITES.put("records-huge.yaml", suite(OK_BODY + "problems:\n  - problem: quadratic(dim=3)\n    steps: 5\n"
                + "    records: 1000000\n"));
        SUITES.put("records-zero.yaml", suite(OK_BODY + "problems:\n  - problem: quadratic(dim=3)\n    steps: 5\n"
                + "    records: 0\n"));
        SUITES.put("work-huge.yaml", suite("grid: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]\nseeds: 1000\n"
                + "optimizers: [sgd, adam, momentum]\nproblems:\n  - problem: quadratic(dim=3)\n    steps: 1000000\n"));
        SUITES.put("work-seeds.yaml", suite("grid: [0.1]\nseeds: 1\ntuning_seeds: 1\noptimizers: [sgd, adam, momentum]\n"
                + "problems:\n  - problem: quadratic(dim=3)\n    steps: 1000000\n"));
        SUITES.put("anchors.yaml", suite("grid: &g [0.1]\nseeds: 1\noptimizers: [sgd]\nproblems:\n"
                + "  - problem: quadratic(dim=3)\n    steps: 5\n    grid: *g\n"));
        SUITES.put("unknown-key.yaml", suite(OK_BODY + "seed: 3\n" + PROBLEM));
        SUITES.put("problems-scalar.yaml", suite(OK_BODY + "problems: quadratic\n"));
        SUITES.put("problems-missing.yaml", suite(OK_BODY));
        SUITES.put("optimizer-unknown.yaml", suite("grid: [0.1]\nseeds: 1\noptimizers: [sgdd]\n" + PROBLEM));
        SUITES.put("optimizers-scalar.yaml", suite("grid: [0.1]\nseeds: 1\noptimizers: sgd\n" + PROBLEM));
        SUITES.put("problem-unknown.yaml", suite(OK_BODY + "problems:\n  - problem: quadratc\n    steps: 5\n"));
        SUITES.put("problem-malformed.yaml", suite(OK_BODY + "problems:\n  - problem: quadratic(dim=3\n    steps: 5\n"));
        SUITES.put("tolerance-bad.yaml", suite(OK_BODY + "tolerance: 2\n" + PROBLEM));
        SUITES.put("tuning-bad.yaml", suite(OK_BODY + "tuning: sometimes\n" + PROBLEM));
        SUITES.put("syntax.yaml", "name: tiny\ngrid: [0.1\nseeds: 1\n");
        SUITES.put("empty.yaml", "");
        SUITES.put("top-list.yaml", "- sgd\n- adam\n");
        SUITES.put("broken.json", "{\"name\": \"tiny\", \"grid\": [0.1], ");
        SUITES.put("duplicate-key.yaml", suite(OK_BODY + "seeds: 2\n" + PROBLEM));
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // --- environment variables and system properties, checked before anything runs
        for (String v : List.of("0", "abc", "257", "-1", "1.5", "4x", "99999999999")) {
            c.add(bad("OGR_THREADS=" + v, "^ogr: environment variable OGR_THREADS must be a whole number of threads in"
                    + " \\[1, 256\\], got '" + Pattern.quote(v) + "'$", RUN)
                    .env("OGR_THREADS", v));
        }
        for (String v : List.of("abc", "0", "300")) {
            c.add(bad("-Dogr.threads=" + v, "^ogr: system property ogr\\.threads must be a whole number of threads in"
                    + " \\[1, 256\\], got '" + v + "'$", RUN)
                    .prop("ogr.threads", v));
        }
        for (String v : List.of("0", "abc", "1000000", "-1", "257", "1.5", "2,3", " ")) {
            c.add(bad("OMP_NUM_THREADS=" + v, "^ogr: environment variable OMP_NUM_THREADS .* must be a whole number in"
                    + " \\[1, 256\\], got '" + Pattern.quote(v) + "'$", RUN).env("OMP_NUM_THREADS", v));
        }
        for (String v : List.of("maybe", "2")) {
            c.add(bad("-Dogr.simd=" + v, "^ogr: .*ogr\\.simd.*'" + v + "'", RUN).prop("ogr.simd", v));
        }
        c.add(bad("maxphysicalbytes below the heap", "^ogr: system property org\\.bytedeco\\.javacpp\\.maxphysicalbytes=1m"
                + " \\(from OGR_JAVA_OPTS\\) is below the Java heap", RUN)
                .prop("org.bytedeco.javacpp.maxphysicalbytes", "1m"));
        c.add(bad("maxphysicalbytes not a size", "^ogr: system property org\\.bytedeco\\.javacpp\\.maxphysicalbytes \\(from"
                + " OGR_JAVA_OPTS\\) must be a size such as 4g, 512m or 8589934592, got 'lots'$", RUN)
                .prop("org.bytedeco.javacpp.maxphysicalbytes", "lots"));
        c.add(bad("OGR_CLASSPATH names a missing jar", "^ogr: environment variable OGR_CLASSPATH: '.*nothing\\.jar'"
                + " does not exist", "list").env("OGR_CLASSPATH", "{dir}/nothing.jar"));
        c.add(bad("OGR_CLASSPATH names a text file", "^ogr: environment variable OGR_CLASSPATH: '.*notes\\.jar' is"
                + " not a jar", "list").env("OGR_CLASSPATH", "{dir}/notes.jar"));
        c.add(bad("OGR_CLASSPATH has an empty entry", "^ogr: environment variable OGR_CLASSPATH: an empty entry",
                "list").env("OGR_CLASSPATH", "{dir}/adir::{dir}/adir"));
        c.add(bad("OGR_CLASSPATH names a device", "^ogr: environment variable OGR_CLASSPATH: '/dev/null' is neither a"
                + " jar nor a directory", "list").env("OGR_CLASSPATH", "/dev/null"));
        c.add(bad("OGR_DATA names a file", "^ogr: environment variable OGR_DATA names '.*afile', which is not a"
                + " directory", RUN).env("OGR_DATA", "{dir}/afile"));
        c.add(bad("two bad settings give two lines", "^ogr: .*OGR_THREADS.*\\nogr: .*OMP_NUM_THREADS", RUN)
                .env("OGR_THREADS", "0").env("OMP_NUM_THREADS", "0").lines(2));

        // --- suite files: bounds on the work, types, syntax
        c.add(suiteCase("seeds-huge.yaml", "seeds.*at most 1000|seeds.*\\[1, 1000\\]"));
        c.add(suiteCase("seeds-zero.yaml", "seeds.*\\[1, 1000\\]"));
        c.add(suiteCase("tuning-seeds-huge.yaml", "tuning_seeds.*\\[1, 1000\\]"));
        c.add(suiteCase("steps-zero.yaml", "steps.*\\[1, 10000000\\]"));
        c.add(suiteCase("steps-huge.yaml", "steps.*\\[1, 10000000\\]"));
        c.add(suiteCase("steps-float.yaml", "steps.*(whole number|integer)"));
        c.add(suiteCase("steps-text.yaml", "steps.*(whole number|integer)"));
        c.add(suiteCase("grid-long.yaml", "grid.*101 step sizes, at most 100"));
        c.add(suiteCase("grid-scalar.yaml", "grid.*(list|sequence)"));
        c.add(suiteCase("grid-text.yaml", "grid.*(number|real)"));
        c.add(suiteCase("grid-negative.yaml", "grid.*(positive|> 0)"));
        c.add(suiteCase("grid-empty.yaml", "grid.*(empty|at least)"));
        c.add(suiteCase("lattice-1000.yaml", "lattice.*n.*\\[1, 100\\]"));
        c.add(suiteCase("lattice-10000.yaml", "lattice.*n.*\\[1, 100\\]"));
        c.add(suiteCase("lattice-zero.yaml", "lattice.*n.*\\[1, 100\\]"));
        c.add(suiteCase("records-huge.yaml", "records.*\\[1, 100000\\]"));
        c.add(suiteCase("records-zero.yaml", "records.*\\[1, 100000\\]"));
        c.add(suiteCase("work-huge.yaml", "optimizer steps in all.*more than the limit of 2000000000"));
        c.add(suiteCase("anchors.yaml", "(anchor|alias)"));
        c.add(suiteCase("unknown-key.yaml", "seed"));
        c.add(suiteCase("problems-scalar.yaml", "problems.*(list|sequence)"));
        c.add(suiteCase("problems-missing.yaml", "problems"));
        c.add(suiteCase("optimizer-unknown.yaml", "unknown preset 'sgdd'"));
        c.add(suiteCase("optimizers-scalar.yaml", "optimizers.*(list|sequence)"));
        c.add(suiteCase("problem-unknown.yaml", "unknown problem 'quadratc'"));
        c.add(suiteCase("problem-malformed.yaml", "malformed problem"));
        c.add(suiteCase("tolerance-bad.yaml", "tolerance"));
        c.add(suiteCase("tuning-bad.yaml", "tuning"));
        c.add(suiteCase("syntax.yaml", "syntax|line"));
        c.add(suiteCase("empty.yaml", "empty"));
        c.add(suiteCase("top-list.yaml", "(mapping|keys|expected)"));
        c.add(suiteCase("broken.json", "syntax|line|end"));
        c.add(suiteCase("duplicate-key.yaml", "line 7: key 'seeds' is given twice"));
        c.add(bad("--seeds 1000 makes a suite ask for too much work", "^ogr: suite 'tiny' with 1000 seeds and 3"
                + " optimizers asks for 3003000000 optimizer steps in all, more than the limit of 2000000000",
                "bench", "{dir}/work-seeds.yaml", "--seeds", "1000", "--out", "{dir}/never"));

        // --- output paths, checked before the work starts
        c.add(bad("--out ''", "^ogr: --out is empty", "bench", "{dir}/ok.yaml", "--out", ""));
        c.add(bad("--out names a file", "^ogr: --out .*afile is not a directory", "bench", "{dir}/ok.yaml", "--out",
                "{dir}/afile"));
        c.add(bad("--out below a file", "^ogr: --out .*afile/report cannot be a directory: .*afile is a file", "bench",
                "{dir}/ok.yaml", "--out", "{dir}/afile/report"));
        c.add(bad("--out holds other files", "^ogr: --out .*adir is not empty and holds no ogr report", "bench",
                "{dir}/ok.yaml", "--out", "{dir}/adir"));
        c.add(bad("--out is the root", "^ogr: --out / is the file system's root", "bench", "{dir}/ok.yaml", "--out",
                "/"));
        c.add(bad("--out is being written by another run", "^ogr: --out .*busy is being written by another ogr bench"
                + " run", "bench", "{dir}/ok.yaml", "--out", "{dir}/busy"));
        c.add(bad("--trace ''", "^ogr: --trace", run("--trace", "")));
        c.add(bad("--trace names a directory", "^ogr: --trace .*adir", run("--trace", "{dir}/adir")));
        c.add(bad("--trace below a file", "^ogr: --trace .*afile/trace\\.csv", run("--trace", "{dir}/afile/trace.csv")));

        // --- input files
        c.add(bad("the suite is a directory", "^ogr: suite file .*adir is a directory; expected a YAML or JSON suite"
                + " file$", "bench", "{dir}/adir"));
        c.add(bad("the suite does not exist", "^ogr: unknown suite '.*missing\\.yaml': neither a built-in suite", "bench",
                "{dir}/missing.yaml"));
        c.add(bad("the suite is a device", "^ogr: suite file /dev/null is not a regular file", "bench", "/dev/null"));
        c.add(bad("the dl4j suite file is a directory", "^ogr: dl4j suite file .*adir is a directory", "bench", "dl4j",
                "--file", "{dir}/adir"));
        c.add(bad("--data names a file", "^ogr: .*afile.* is not a directory", "run", "--optimizer", "sgd",
                "--problem", "logistic(dataset=mnist)", "--steps", "1", "--data", "{dir}/afile"));
        c.add(bad("a data file is a directory", "^ogr: .*train-images-idx3-ubyte\\.gz is a directory, not the data"
                + " file", "run", "--optimizer", "sgd", "--problem", "logistic(dataset=mnist)", "--steps", "1",
                "--data", "{dir}/data"));
        c.add(bad("the dl4j suite file does not exist", "^ogr: .*nothing\\.yaml", "bench", "dl4j", "--file",
                "{dir}/nothing.yaml"));

        // --- command-line values
        c.add(bad("--steps 0", "^ogr: --steps must be in \\[1, 1000000000\\], got 0$", "run", "--optimizer", "sgd",
                "--problem", "beale", "--steps", "0"));
        c.add(bad("--steps -5", "^ogr: --steps must be in \\[1, 1000000000\\], got -5$", "run", "--optimizer", "sgd",
                "--problem", "beale", "--steps", "-5"));
        c.add(bad("--steps 1e20", "^ogr: Invalid value for option '--steps': '1e20'", "run", "--optimizer", "sgd",
                "--problem", "beale", "--steps", "1e20"));
        c.add(bad("--seed abc", "^ogr: Invalid value for option '--seed': 'abc'", run("--seed", "abc")));
        c.add(bad("--optimizer ''", "^ogr: .*(empty|recipe)", "run", "--optimizer", "", "--problem", "beale"));
        c.add(bad("--problem ''", "^ogr: .*(empty|problem)", "run", "--optimizer", "sgd", "--problem", ""));
        c.add(bad("an unknown strategy parameter", "^ogr: step 'sfn' has no parameter 'alpah' \\(did you mean"
                + " 'alpha'\\?\\)", "run", "--optimizer", "ogr1d; step=sfn(alpah=1)", "--problem", "beale"));
        c.add(bad("a parameter of the wrong type", "^ogr: parameter 'alpha' of step 'sfn' must be a real",
                "run", "--optimizer", "ogr1d; step=sfn(alpha=fast)", "--problem", "beale"));
        c.add(bad("a problem parameter out of range", "^ogr: parameter 'dim' of problem 'quadratic' must be an"
                + " integer in \\[1, 100000000\\], got -3$", "run", "--optimizer", "sgd", "--problem",
                "quadratic(dim=-3)"));
        c.add(bad("--seeds 0", "^ogr: --seeds must be in \\[1, 1000\\], got 0$", "bench", "quick", "--seeds", "0"));
        c.add(bad("--seeds 1001", "^ogr: --seeds must be in \\[1, 1000\\], got 1001$", "bench", "quick", "--seeds",
                "1001"));
        c.add(bad("--seeds abc", "^ogr: Invalid value for option '--seeds': 'abc'", "bench", "quick", "--seeds",
                "abc"));
        c.add(bad("--pairs on a non-dl4j suite", "^ogr: --pairs times the dl4j suites only", "bench", "quick",
                "--pairs", "3"));
        c.add(bad("--pairs 0", "^ogr: --pairs must be in \\[1, 100\\], got 0$", "bench", "dl4j", "--pairs", "0"));
        c.add(bad("--model xyz", "^ogr: Invalid value for option '--model'.*expected mlp or cnn", "bench", "dl4j",
                "--model", "xyz"));
        c.add(bad("--optimizers names an unknown preset", "^ogr: unknown preset 'ogr9'", "bench", "quick",
                "--optimizers", "sgd,ogr9"));
        c.add(bad("--optimizers keeps a recipe's commas", "^ogr: step 'sfn' has no parameter 'clp'", "bench", "quick",
                "--optimizers", "sgd,ogr1d; step=sfn(alpha=0.5, clp=1)"));
        c.add(bad("--print of a file", "^ogr: --print takes a built-in suite", "bench", "{dir}/ok.yaml", "--print"));
        c.add(bad("perf --sizes 0", "^ogr: .*sizes.*0", "perf", "--sizes", "0"));
        c.add(bad("perf --sizes abc", "^ogr: .*--sizes.*abc", "perf", "--sizes", "abc"));
        c.add(bad("an unknown subcommand", "^ogr: Unmatched argument.*'frobnicate'", "frobnicate"));
        c.add(bad("an unknown option", "^ogr: Unknown option: '--fast'", "list", "--fast"));
        c.add(bad("run without --problem", "^ogr: Missing required option", "run", "--optimizer", "sgd"));
        c.add(bad("--resume with another configuration", "^ogr: --resume: .*another configuration", "bench",
                "{dir}/ok.yaml", "--out", "{dir}/resumed-other", "--resume"));

        // --- plugins that misbehave: one line naming the plugin and where it was loaded from
        c.add(bad("a factory that throws", "^ogr: .*'hostile-throwing-factory'.*test-classes.*boom from create",
                "run", "--optimizer", "ogr1d; step=boom-step", "--problem", "beale", "--steps", "1")
                .plugin(ThrowingFactory.class));
        c.add(bad("a factory that returns null", "^ogr: .*'hostile-null-factory'.*test-classes.*null", "run",
                "--optimizer", "ogr1d; step=null-step", "--problem", "beale", "--steps", "1")
                .plugin(NullFactory.class));
        c.add(bad("a register that throws", "^ogr: .*'hostile-throwing-register'.*test-classes.*register", "list")
                .plugin(ThrowingRegister.class));
        c.add(bad("a strategy name that clashes", "^ogr: .*'momentum'.*'hostile-clash'.*test-classes", "list")
                .plugin(Clash.class));
        c.add(bad("a plugin without an id", "^ogr: plugin .*HostileInputsTest\\$NoId \\(.*test-classes.*\\) has no id$", "list").plugin(NoId.class));
        return c;
    }

    private static Case suiteCase(String file, String pattern) {
        return bad("suite file " + file, "^ogr: .*(" + pattern + ")", "bench", "{dir}/" + file, "--out",
                "{dir}/never");
    }

    private static java.nio.channels.FileChannel busyLock;

    @org.junit.jupiter.api.AfterAll
    static void release() throws IOException {
        busyLock.close();
    }

    @BeforeAll
    static void fixtures() throws IOException {
        for (Map.Entry<String, String> e : SUITES.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        Files.writeString(dir.resolve("ok.yaml"), suite(OK_BODY + PROBLEM));
        Files.writeString(dir.resolve("notes.jar"), "not a jar");
        Files.writeString(dir.resolve("afile"), "a file");
        Files.createDirectories(dir.resolve("adir"));
        Files.writeString(dir.resolve("adir/mine.txt"), "mine");
        Path mnist = Files.createDirectories(dir.resolve("data/mnist"));
        Files.createDirectories(mnist.resolve("train-images-idx3-ubyte.gz"));
        // a report directory another run is writing: its journal locked for the whole test
        Path busy = Files.createDirectories(dir.resolve("busy"));
        busyLock = java.nio.channels.FileChannel.open(busy.resolve(dev.ogr.bench.suite.RunJournal.FILE),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        busyLock.lock();
        // a journal of another suite configuration, to be refused by --resume
        Path other = Files.createDirectories(dir.resolve("resumed-other"));
        Files.writeString(other.resolve(dev.ogr.bench.suite.RunJournal.FILE),
                "{\"ogrJournal\":1,\"suite\":\"other\",\"fingerprint\":\"00\"}\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAnsweredInOneClearLine(Case c) throws IOException {
        String d = dir.toString();
        String[] args = c.args().stream().map(a -> a.replace("{dir}", d)).toArray(String[]::new);
        Map<String, String> env = new LinkedHashMap<>();
        c.env().forEach((k, v) -> env.put(k, v.replace("{dir}", d)));
        Properties props = new Properties();
        c.props().forEach(props::setProperty);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader plugins = withServices(c.plugins())) {
            thread.setContextClassLoader(plugins);
            int status = OgrCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env, props);
            String e = err.toString();
            assertEquals(c.status(), status, "exit status; stderr: " + e);
            assertTrue(Pattern.compile(c.message()).matcher(e.strip()).find(),
                    "expected /" + c.message() + "/ in:\n" + e);
            assertEquals(c.lines(), e.strip().lines().count(), e);
            assertFalse(e.contains("Exception") || e.contains("\tat ") || e.contains("internal error"), e);
            assertEquals("", out.toString());
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void theTableCoversEveryClassWithAtLeastEightyCases() {
        assertTrue(cases().size() >= 80, "only " + cases().size() + " cases");
        assertEquals(cases().size(), cases().stream().map(Case::name).distinct().count(), "duplicate case names");
    }

    /** A class loader that adds a service file naming {@code plugins} (nothing, when empty) to the test's own. */
    private static URLClassLoader withServices(List<Class<? extends OgrPlugin>> plugins) throws IOException {
        Path services = Files.createTempDirectory(dir, "services");
        if (!plugins.isEmpty()) {
            Path file = Files.createDirectories(services.resolve("META-INF/services"))
                    .resolve(OgrPlugin.class.getName());
            Files.writeString(file, String.join("\n", plugins.stream().map(Class::getName).toList()) + "\n",
                    StandardCharsets.UTF_8);
        }
        return new URLClassLoader(new URL[] {services.toUri().toURL()}, HostileInputsTest.class.getClassLoader());
    }

    private static StepRule noStep() {
        throw new AssertionError("never created");
    }

    /** A plugin whose step factory throws. */
    public static final class ThrowingFactory implements OgrPlugin {
        @Override
        public String id() {
            return "hostile-throwing-factory";
        }

        @Override
        public void register(StrategyRegistrar registrar) {
            registrar.strategy(StrategyFactory.<StepRule>of(StrategyKind.STEP, "boom-step", "throws when created",
                    List.of(), p -> {
                        throw new IllegalStateException("boom from create");
                    }));
        }
    }

    /** A plugin whose step factory returns null. */
    public static final class NullFactory implements OgrPlugin {
        @Override
        public String id() {
            return "hostile-null-factory";
        }

        @Override
        public void register(StrategyRegistrar registrar) {
            registrar.strategy(StrategyFactory.<StepRule>of(StrategyKind.STEP, "null-step", "creates nothing",
                    List.of(), p -> null));
        }
    }

    /** A plugin whose {@code register} throws. */
    public static final class ThrowingRegister implements OgrPlugin {
        @Override
        public String id() {
            return "hostile-throwing-register";
        }

        @Override
        public void register(StrategyRegistrar registrar) {
            throw new IllegalStateException("cannot register today");
        }
    }

    /** A plugin that registers a direction under a built-in name. */
    public static final class Clash implements OgrPlugin {
        @Override
        public String id() {
            return "hostile-clash";
        }

        @Override
        public void register(StrategyRegistrar registrar) {
            registrar.strategy(StrategyFactory.<StepRule>of(StrategyKind.DIRECTION, "momentum", "clashes",
                    List.of(), p -> noStep()));
        }
    }

    /** A plugin without an id. */
    public static final class NoId implements OgrPlugin {
        @Override
        public String id() {
            return null;
        }

        @Override
        public void register(StrategyRegistrar registrar) {
        }
    }
}
