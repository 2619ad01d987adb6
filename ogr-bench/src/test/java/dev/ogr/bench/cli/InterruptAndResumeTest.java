package dev.ogr.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ogr.bench.report.ReportWriter;
import dev.ogr.bench.report.ResultFiles;
import dev.ogr.bench.suite.RunJournal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ogr bench} as a separate process, interrupted: SIGINT or SIGTERM at several moments leave the report
 * directory holding either the earlier report, untouched, or a complete new one, with one line saying what was
 * interrupted and what was kept; a run killed with SIGKILL mid-suite and resumed with {@code --resume} gives the
 * same {@code results.csv}, apart from the timing columns, as an uninterrupted run.
 */
class InterruptAndResumeTest {

    @TempDir
    static Path dir;
    private static Path suite;

    /** Three problems and two optimizers, each pair a fraction of a second: long enough to be cut in the middle. */
    private static final String SUITE = """
            name: interrupted
            grid: [0.01, 0.03]
            seeds: 2
            tuning_seeds: 1
            optimizers: [sgd, adam]
            baselines: [sgd]
            problems:
              - problem: quadratic(dim=200, cond=100, rotated=true, noise=0.01)
                steps: 6000
                records: 20
              - problem: quadratic(dim=150, cond=10, rotated=true, noise=0.01)
                label: quadratic-b
                steps: 6000
                records: 20
              - problem: rosenbrock(noise=0.01)
                steps: 20000
                records: 20
            """;
    private static final int PAIRS = 6;

    @BeforeAll
    static void suiteFile() throws IOException {
        suite = Files.writeString(dir.resolve("interrupted.yaml"), SUITE);
    }

    private static int runHere(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = OgrCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, err.toString());
        return status;
    }

    /** {@code ogr bench SUITE --out out extra...} in a new JVM, its standard error into {@code err}. */
    private static Process start(Path out, Path err, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-Xmx1g",
                // the command line's own logging (progress lines on stderr), not the tests' quiet one
                "-Dlogback.configurationFile=" + Path.of("target/classes/logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), OgrCli.class.getName(), "bench", suite.toString(),
                "--out", out.toString()));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    /** Waits until {@code file} has a line matching {@code regex}, or the process ended; false if it never did. */
    private static boolean awaitLine(Process p, Path file, String regex, long timeoutMillis) throws Exception {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (Files.exists(file) && Files.readAllLines(file).stream().anyMatch(l -> l.matches(regex))) {
                return true;
            }
            if (!p.isAlive()) {
                return false;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static void signal(Process p, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor();
    }

    /** Every file of the report in {@code out} (the run journal aside), by relative path, with its bytes' text. */
    private static Map<String, String> files(Path out) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.isDirectory(out)) {
            return m;
        }
        try (Stream<Path> walk = Files.walk(out)) {
            // the run journal an interrupted run leaves is not part of the report
            for (Path f : walk.filter(Files::isRegularFile).filter(f -> !f.endsWith(RunJournal.FILE)).toList()) {
                m.put(out.relativize(f).toString(), new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return m;
    }

    /** Whether {@code out} holds a complete report of the suite: every file, results.json whole, every chart. */
    private static boolean complete(Map<String, String> files) {
        for (String f : ReportWriter.FILES) {
            if (!files.containsKey(f) || files.get(f).isEmpty()) {
                return false;
            }
        }
        try {
            JsonNode json = new ObjectMapper().readTree(files.get("results.json"));
            if (json.path("runs").size() != PAIRS * 2) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        java.util.regex.Matcher charts = java.util.regex.Pattern.compile("\\((plots/[^)]+\\.png)\\)")
                .matcher(files.get("report.md"));
        int n = 0;
        while (charts.find()) {
            String chart = charts.group(1);
            if (!files.containsKey(chart) || !files.get(chart).startsWith("\u0089PNG")) {
                return false;
            }
            n++;
        }
        return n > 0;
    }

    @Test
    void anInterruptLeavesTheEarlierReportOrACompleteNewOne() throws Exception {
        Path out = dir.resolve("report");
        runHere("bench", suite.toString(), "--out", out.toString());
        Map<String, String> earlier = files(out);
        assertTrue(complete(earlier), earlier.keySet().toString());
        // moments: the first runs; just as the report starts being written; a little later; and fixed delays
        record Moment(String name, String waitFor, long delayMillis, String signal) {
        }
        List<Moment> moments = List.of(new Moment("first runs", "^INFO .* 0% .*", 0, "INT"),
                new Moment("mid-suite", "^INFO .*(3[0-9]|4[0-9]|5[0-9])% .*", 0, "TERM"),
                new Moment("writing", "^INFO .*writing the report.*", 0, "TERM"),
                new Moment("writing, later", "^INFO .*writing the report.*", 150, "INT"),
                new Moment("charts", "^INFO .*writing the report.*", 400, "TERM"));
        int keptEarlier = 0;
        for (Moment m : moments) {
            Path err = dir.resolve("err-" + m.name().replace(' ', '-').replace(",", "") + ".txt");
            Process p = start(out, err);
            boolean reached = awaitLine(p, err, m.waitFor(), 120_000);
            if (reached) {
                Thread.sleep(m.delayMillis());
                signal(p, m.signal());
            }
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), m.name() + ": did not end");
            List<String> lines = Files.readAllLines(err);
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            Map<String, String> now = files(out);
            boolean same = now.equals(earlier);
            if (p.exitValue() == 0) {
                assertTrue(complete(now), m.name() + ": finished but incomplete: " + now.keySet());
            } else {
                assertTrue(last.startsWith("ogr: interrupted "), m.name() + ": " + lines);
                assertTrue(same || complete(now), m.name() + ": neither the earlier report nor a complete new one: "
                        + now.keySet() + "\n" + last);
                if (last.contains("unchanged")) {
                    assertTrue(same, m.name() + ": said the earlier report is unchanged, but it changed");
                    keptEarlier++;
                }
                if (last.contains("holds the new report")) {
                    assertTrue(complete(now) && !same, m.name());
                }
            }
            // the hook deletes the half-written staging directory, but the process may still be writing into it
            // until it halts: whatever is left, the next run's check removes it
            dev.ogr.bench.report.ReportDirectory.check(out, dev.ogr.bench.suite.SuiteFile.load(suite.toString(),
                    dev.ogr.core.plugin.PluginLoader.load()), false).close();
            try (Stream<Path> siblings = Files.list(dir)) {
                assertEquals(List.of(), siblings.filter(s -> s.getFileName().toString().startsWith(".report.ogr-"))
                        .toList(), m.name() + ": a staging directory was left beside the report after a check");
            }
            if (now.equals(earlier)) {
                continue;
            }
            earlier = now; // the next interrupt must keep this one
        }
        assertTrue(keptEarlier >= 2, "at least the interrupts while running must keep the earlier report, got "
                + keptEarlier);
    }

    @Test
    void aSuiteKilledMidwayResumesToTheResultsOfAnUninterruptedRun() throws Exception {
        Path out = dir.resolve("killed");
        Path err = dir.resolve("err-killed.txt");
        Process p = start(out, err);
        Path journal = out.resolve(RunJournal.FILE);
        long end = System.currentTimeMillis() + 120_000;
        while (p.isAlive() && System.currentTimeMillis() < end
                && !(Files.exists(journal) && Files.readAllLines(journal).size() >= 2)) {
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL: no hook runs
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "the suite ended before it could be killed: " + Files.readAllLines(err));
        int recorded = Files.readAllLines(journal).size() - 1;
        assertTrue(recorded >= 1 && recorded < PAIRS, "recorded " + recorded + " of " + PAIRS);
        assertFalse(Files.exists(out.resolve("results.json")));

        StringWriter resumedErr = new StringWriter();
        int status = OgrCli.run(new String[] {"bench", suite.toString(), "--out", out.toString(), "--resume"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(resumedErr, true));
        assertEquals(0, status, resumedErr.toString());
        assertTrue(resumedErr.toString().contains("ogr: resuming: " + recorded + " of " + PAIRS), resumedErr.toString());
        assertFalse(Files.exists(journal), "the journal is gone once the report holds every run");

        Path whole = dir.resolve("whole");
        runHere("bench", suite.toString(), "--out", whole.toString());
        assertEquals(withoutTiming(whole.resolve("results.csv")), withoutTiming(out.resolve("results.csv")));
    }

    /** results.csv without its timing columns. */
    private static List<String> withoutTiming(Path csv) throws IOException {
        List<String> rows = Files.readAllLines(csv);
        List<String> header = List.of(rows.get(0).split(","));
        List<String> out = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split(",", -1);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                if (!ResultFiles.TIMING_COLUMNS.contains(header.get(i))) {
                    kept.add(cells[i]);
                }
            }
            out.add(String.join(",", kept));
        }
        assertEquals(rows.size(), out.size());
        return out;
    }
}
