package com.example.ogr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin's jar on {@code OGR_CLASSPATH}, as its README runs it: {@code ./ogr list} shows its strategy, preset and
 * problem, {@code ./ogr run} takes its preset on its problem, and {@code ./ogr bench} runs the one-problem suite file
 * {@code example-suite.yaml} with the built-in presets beside it. Run by Failsafe after the jar is packaged
 * ({@code verify}), with the {@code ./ogr} of the ogr checkout in {@code -Dogr.home} (by default the one this
 * project sits in, two directories up); skipped where there is none.
 */
class CommandLineIT {

    private static Path ogr;
    private static Path jar;

    @BeforeAll
    static void launcher() {
        ogr = Path.of(System.getProperty("ogr.home", "../..")).toAbsolutePath().normalize().resolve("ogr");
        assumeTrue(Files.isExecutable(ogr), "no ogr launcher at " + ogr + ": give -Dogr.home=<an ogr checkout>");
        jar = Path.of(System.getProperty("plugin.jar", "")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the plugin's jar " + jar + " is not built");
    }

    /** The exit status and both outputs of one command. */
    private record Result(int status, String out, String err) {
    }

    /** {@code OGR_CLASSPATH=<the jar> ./ogr args...}, which builds the ogr modules on its first use. */
    private static Result ogr(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ogr.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("ogr-out", ".txt");
        Path err = Files.createTempFile("ogr-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("OGR_CLASSPATH", jar.toString());
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 15 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void listShowsThePluginsStrategyPresetAndProblem() throws Exception {
        Result r = ogr("list");
        assertEquals(0, r.status(), r.err());
        for (String line : List.of("com.example.sigma-ratio", "example-sigma-ratio", "example-asgd",
                "example-bowl       f = 1/2 sum h_i (x_i - 1)^2")) {
            assertTrue(r.out().contains(line), "'" + line + "' missing from:\n" + r.out());
        }
        assertTrue(r.out().contains("[com.example.sigma-ratio]"), r.out());
    }

    @Test
    void runTakesThePluginsPresetOnItsProblem() throws Exception {
        Result r = ogr("run", "--optimizer", "example-asgd", "--problem", "example-bowl(dim=500)", "--steps", "200");
        assertEquals(0, r.status(), r.err());
        Matcher m = Pattern.compile("example-asgd on example-bowl\\(dim=500, noise=0.01\\): 200 steps, seed 1, loss"
                + " (\\S+) -> (\\S+) \\(final\\)").matcher(r.out());
        assertTrue(m.find(), r.out());
        // at θ = 0, f = ½ Σ h_i = ½ (0.01·D + 10·(D − 1)/2) = 1250 for D = 500
        assertEquals(1250, Double.parseDouble(m.group(1)), 1250e-6);
        assertTrue(Double.parseDouble(m.group(2)) < 1250, r.out());
    }

    @Test
    void benchRunsTheOneProblemSuiteFileWithTheBuiltInPresetsBesideThePlugins() throws Exception {
        Path report = Path.of("target", "example-bench").toAbsolutePath();
        Result r = ogr("bench", Path.of("example-suite.yaml").toAbsolutePath().toString(), "--out", report.toString(),
                "--force");
        assertEquals(0, r.status(), r.err());
        String results = Files.readString(report.resolve("results.csv"));
        for (String optimizer : List.of("example-asgd", "asgd", "sgd", "momentum", "adam")) {
            assertTrue(results.contains("," + optimizer + ","), optimizer + " missing from:\n" + results);
        }
        assertTrue(results.contains("example-bowl"), results);
        assertTrue(Files.isRegularFile(report.resolve("report.md")), "no report.md in " + report);
    }
}
