package dev.ogr.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Problems through the plugin SPI, end to end: a plugin jar, built here from source and put on the class path as
 * {@code OGR_CLASSPATH} puts it, adds a problem and a preset that {@code list}, {@code run --problem}, suite files and
 * {@code bench} find; a plugin whose problem clashes with a built-in one, or whose factory throws or returns null,
 * stops the command with one line naming the plugin and its jar, exit status 2.
 */
class PluginProblemsTest {

    @TempDir
    static Path dir;

    private static Path bowl;
    private static Path clash;
    private static Path boom;
    private static Path nothing;

    /** A plugin class {@code Plugin} in package {@code pkg} with id {@code id} and {@code body} as its registration. */
    private static String plugin(String pkg, String id, String body) {
        return "package " + pkg + ";\n"
                + "import dev.ogr.api.*;\nimport java.util.List;\n"
                + "public final class Plugin implements OgrPlugin {\n"
                + "    public String id() { return \"" + id + "\"; }\n"
                + "    public void register(StrategyRegistrar r) {\n" + body + "\n    }\n}\n";
    }

    private static final String DIM = "List.of(ParameterSpec.integer(\"dim\", 4, 1, 1000, \"number of parameters\"))";

    /** Compiles {@code source} (one class {@code pkg.Plugin}) and jars it with its service file. */
    private static Path jar(String name, String pkg, String source) throws IOException {
        Path src = Files.createDirectories(dir.resolve(name + "-src/" + pkg.replace('.', '/')));
        Path file = Files.writeString(src.resolve("Plugin.java"), source);
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                file.toString());
        assertEquals(0, status, "compiling " + file);
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path c : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(classes.relativize(c).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(c));
            }
            out.putNextEntry(new ZipEntry("META-INF/services/dev.ogr.api.OgrPlugin"));
            out.write((pkg + ".Plugin\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return jar;
    }

    @BeforeAll
    static void plugins() throws IOException {
        // f = ½|θ|² (the built-in quadratic with cond = 1: H = I), which gradient descent at η = 0.5 halves each step
        bowl = jar("bowl", "com.example.bowl", plugin("com.example.bowl", "com.example.bowl",
                "r.problem(ProblemFactory.of(\"bowl\", \"f = |x|^2/2, minimum 0 at 0\", " + DIM + ",\n"
                + "    (p, seed, data) -> new dev.ogr.bench.problems.Quadratic((int) p.integer(\"dim\"), 1, false, 0,"
                + " seed)));\n"
                + "r.preset(new Preset(\"bowl-sgd\", \"lr=fixed(eta=0.5)\", \"gradient descent, half way each step\"));"));
        clash = jar("clash", "com.example.clash", plugin("com.example.clash", "com.example.clash",
                "r.problem(ProblemFactory.of(\"quadratic\", \"another quadratic\", " + DIM
                + ", (p, seed, data) -> null));"));
        boom = jar("boom", "com.example.boom", plugin("com.example.boom", "com.example.boom",
                "r.problem(ProblemFactory.of(\"boom\", \"throws\", " + DIM
                + ", (p, seed, data) -> { throw new IllegalStateException(\"no licence\"); }));"));
        nothing = jar("nothing", "com.example.nothing", plugin("com.example.nothing", "com.example.nothing",
                "r.problem(ProblemFactory.of(\"nothing\", \"returns null\", " + DIM + ", (p, seed, data) -> null));"));
    }

    /** The jar as a plugin's source is named in messages and in {@code list}: the URL its classes came from. */
    private static String source(Path jar) throws IOException {
        return jar.toUri().toURL().toString();
    }

    /** The exit status and both outputs of one invocation. */
    private record Result(int status, String out, String err) {
    }

    /** The command line, with {@code jar} on the class path as {@code OGR_CLASSPATH} puts it there. */
    private static Result run(Path jar, String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader withJar = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                PluginProblemsTest.class.getClassLoader())) {
            thread.setContextClassLoader(withJar);
            int status = OgrCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Result(status, out.toString(), err.toString());
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void listShowsThePluginsProblemAndPresetBesideTheBuiltInOnes() throws IOException {
        Result r = run(bowl, "list");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("com.example.bowl   " + source(bowl)), r.out());
        assertTrue(r.out().contains("  bowl               f = |x|^2/2, minimum 0 at 0 [com.example.bowl]"), r.out());
        assertTrue(r.out().contains("  quadratic          f = 1/2 (x-x*)'H(x-x*)"), r.out());
        assertTrue(r.out().contains("[ogr-bench]"), r.out());
        assertTrue(r.out().contains("  bowl-sgd           gradient descent, half way each step"), r.out());
    }

    @Test
    void runTakesThePluginsPresetOnItsProblem() throws IOException {
        Result r = run(bowl, "run", "--optimizer", "bowl-sgd", "--problem", "bowl(dim=6)", "--steps", "10");
        assertEquals(0, r.status(), r.err());
        Matcher m = Pattern.compile("bowl-sgd on bowl\\(dim=6\\): 10 steps, seed 1, loss (\\S+) -> (\\S+) \\(final\\)")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        // θ_t = θ₀/2^t, so f_10 = f_0/4^10
        double initial = Double.parseDouble(m.group(1));
        assertEquals(initial / Math.pow(4, 10), Double.parseDouble(m.group(2)), 1e-6 * initial / Math.pow(4, 10));
    }

    @Test
    void aOneProblemSuiteFileRunsThePluginsPresetBesideABuiltInOne() throws IOException {
        Path suite = Files.writeString(dir.resolve("bowl.yaml"), String.join("\n",
                "name: bowl",
                "seeds: 1",
                "tuning_seeds: 1",
                "grid: [0.1, 0.5]",
                "optimizers: [bowl-sgd, sgd]",
                "baselines: [sgd]",
                "problems:",
                "  - problem: bowl(dim=4)",
                "    steps: 20",
                ""));
        Path out = dir.resolve("bowl-report");
        Result r = run(bowl, "bench", suite.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        String results = Files.readString(out.resolve("results.csv"));
        assertTrue(results.contains("bowl") && results.contains("bowl-sgd") && results.contains("sgd"), results);
    }

    @Test
    void aProblemWhoseNameClashesWithABuiltInOneStopsEveryCommandInOneLine() throws IOException {
        for (String[] args : List.of(new String[] {"list"},
                new String[] {"run", "--optimizer", "sgd", "--problem", "beale", "--steps", "2"})) {
            Result r = run(clash, args);
            assertEquals(2, r.status(), r.out() + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().matches("ogr: duplicate problem 'quadratic': registered by plugin 'ogr-bench' \\(.*\\)"
                    + " and by plugin 'com.example.clash' \\(" + Pattern.quote(source(clash)) + "\\)\\R"),
                    r.err());
        }
    }

    /** The one line of a factory that failed, for {@code run --problem} and for {@code bench}. */
    private static void failsInOneLine(Path jar, String problem, String failure) throws IOException {
        String line = "ogr: the problem '" + problem + "' of plugin 'com.example." + problem + "' (" + source(jar)
                + ") " + failure;
        Result run = run(jar, "run", "--optimizer", "sgd", "--problem", problem, "--steps", "2");
        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals(line, run.err().strip());
        Path suite = Files.writeString(dir.resolve(problem + ".yaml"), String.join("\n", "name: " + problem,
                "seeds: 1", "tuning_seeds: 1", "grid: [0.1]", "optimizers: [sgd]", "baselines: [sgd]", "problems:",
                "  - problem: " + problem, "    steps: 5", ""));
        Result bench = run(jar, "bench", suite.toString(), "--out", dir.resolve(problem + "-report").toString());
        assertEquals(2, bench.status(), bench.out() + bench.err());
        assertEquals(line, bench.err().strip(), bench.err());
    }

    @Test
    void aProblemFactoryThatThrowsStopsRunAndBenchInOneLineNamingThePluginAndItsJar() throws IOException {
        failsInOneLine(boom, "boom", "failed to create a problem from (dim=4): no licence");
    }

    @Test
    void aProblemFactoryThatReturnsNullStopsRunAndBenchInOneLineNamingThePluginAndItsJar() throws IOException {
        failsInOneLine(nothing, "nothing", "returned null for (dim=4)");
    }

    @Test
    void theBuiltInProblemsComeFromTheBenchPlugin() throws IOException {
        Result r = run(bowl, "list");
        String problems = r.out().substring(r.out().indexOf("Problems (--problem"));
        assertTrue(problems.indexOf("  quadratic ") < problems.indexOf("  bowl "), "built-in problems first:\n"
                + problems);
        assertTrue(r.out().toLowerCase(Locale.ROOT).contains("ogr-bench"), r.out());
    }
}
