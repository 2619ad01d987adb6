package dev.ogr.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ogr.bench.suite.LearningRateResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The lr suite's report, on results built by hand so that every count in it is known: how many starts end within
 * 1.1× of the best SGD, on how many seeds a learner is below SGD, "diverged" for a run that blew up, charts of at
 * most {@link Charts#MAX_SERIES} series with no colour twice and an η axis of six decades.
 */
class LearningRateReportTest {

    private static final int STEPS = 10;

    @TempDir
    static Path dir;
    private static LearningRateReport report;

    private static LearningRateResults.Run run(long seed, double loss, double eta) {
        double[] losses = new double[STEPS];
        double[] etas = new double[STEPS];
        for (int t = 0; t < STEPS; t++) {
            losses[t] = Double.isFinite(loss) ? loss * (STEPS - t) : t < 3 ? 10.0 * (t + 1) : Double.NaN;
            etas[t] = eta * Math.pow(10, -2.0 * t); // from eta down twenty decades: the axis keeps six
        }
        return new LearningRateResults.Run(seed, loss, 0.9, 1e-6, losses, etas, 1.0);
    }

    private static LearningRateResults.Row row(String learner, double eta0, double... losses) {
        List<LearningRateResults.Run> runs = new java.util.ArrayList<>();
        for (int k = 0; k < losses.length; k++) {
            runs.add(run(k + 1, losses[k], Double.isNaN(eta0) ? 0.1 : eta0));
        }
        return new LearningRateResults.Row(learner, eta0, learner.equals("sgd") ? "lr=fixed(eta=0.1)"
                : "lr=" + learner + "(eta0=" + eta0 + ")", runs, 1.5);
    }

    private static Map<Double, Double> scores(double... pairs) {
        Map<Double, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @BeforeAll
    static void write() throws Exception {
        double inf = Double.POSITIVE_INFINITY;
        LearningRateResults.Part boston = new LearningRateResults.Part("boston", STEPS,
                scores(0.01, 2.0, 0.1, 1.0, 1.0, inf), 0.1, scores(1e-4, 1.5, 1e-3, 1.2), 1e-3, row("sgd", Double.NaN, 1.0),
                List.of(row("fd-newton", 1e-4, 1.05), row("fd-newton", 1.0, 2.0),
                        row("fd-newton(stencil=3)", 1e-4, 1.0), row("fd-newton(stencil=3)", 1.0, inf),
                        row("fd-first-order(meta=0.001)", 1e-4, 1.09), row("fd-first-order(meta=0.001)", 1.0, 1.1)));
        LearningRateResults.Part mnist = new LearningRateResults.Part("logistic(dataset=mnist, batch=100)", STEPS,
                scores(0.1, 0.3, 1.0, 0.5), 0.1, scores(1e-4, 0.4), 1e-4, row("sgd", Double.NaN, 0.30, 0.32, 0.31),
                List.of(row("fd-newton", 0.01, 0.29, 0.33, 0.30), row("fd-newton(stencil=3)", 0.01, inf, 0.2, 0.2),
                        row("fd-first-order(meta=0.0001)", 0.01, 0.4, 0.4, 0.4)));
        LearningRateResults results = new LearningRateResults(3, boston, mnist, null, 12.0);
        report = new LearningRateReport(results, Provenance.of("./ogr bench lr", "0".repeat(64), 12.0));
        report.write(dir);
    }

    @Test
    void theVerdictCountsStartsWithinOnePointOneOfSgdAndSeedsBelowIt() {
        String v = report.verdict();
        assertTrue(v.contains("fd-newton ended within 1.1× of it from 1 of 2 starting η₀ (worst 2.00×)"), v);
        assertTrue(v.contains("fd-newton(stencil=3) ended within 1.1× of it from 1 of 2 starting η₀ (worst diverged)"),
                v);
        assertTrue(v.contains("fd-first-order(meta=0.001) ended within 1.1× of it from 2 of 2 starting η₀ (worst 1.10×)"),
                v);
        assertTrue(v.contains("fd-newton from η₀ = 0.01 0.3000 (below SGD on 2 of 3 seeds)"), v);
        // a diverged seed counts as above SGD; the median of {inf, 0.2, 0.2} is 0.2
        assertTrue(v.contains("fd-newton(stencil=3) from η₀ = 0.01 0.2000 (below SGD on 2 of 3 seeds)"), v);
        assertTrue(v.contains("fd-first-order(meta=0.0001) from η₀ = 0.01 0.4000 (below SGD on 0 of 3 seeds)"), v);
    }

    @Test
    void aRunThatBlewUpSaysDivergedInEveryFile() throws Exception {
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| fd-newton(stencil=3) | 1 | diverged | diverged |"), md);
        assertTrue(md.contains("0.2000 [0.2000, diverged]"), md);
        assertTrue(!md.contains("Infinity") && !md.contains("| NaN"), md);
        assertTrue(Files.readString(dir.resolve("results.csv")).lines().filter(l -> l.contains(",diverged,")).count() == 2);
        assertTrue(Files.readString(dir.resolve("tables.tex")).contains("diverged"));
    }

    @Test
    void chartsHaveAtMostEightSeriesNoColourTwiceAndAnEtaAxisOfSixDecades() throws Exception {
        assertEquals(3 * 2 + 2, report.drawn.size()); // per Boston learner: loss and eta; MNIST: loss and eta
        for (XYChart chart : report.drawn) {
            assertTrue(chart.getSeriesMap().size() <= Charts.MAX_SERIES, chart.getTitle());
            Set<Integer> colours = new HashSet<>();
            for (XYSeries s : chart.getSeriesMap().values()) {
                assertTrue(colours.add(s.getLineColor().getRGB()), chart.getTitle() + ": a colour twice");
            }
            if (chart.getTitle().endsWith("learned η")) {
                assertEquals(1e6, chart.getStyler().getYAxisMax() / chart.getStyler().getYAxisMin(), 1e-6);
            }
        }
        try (var files = Files.list(dir.resolve(ReportWriter.PLOTS))) {
            List<Path> pngs = files.filter(f -> f.toString().endsWith(".png")).toList();
            assertEquals(8, pngs.size());
            ChartFiles.assertPngsWithSvgs(pngs);
        }
        for (String f : ReportWriter.FILES) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
    }

    @Test
    void resultsJsonHasTheProvenanceAndEveryTrace() throws Exception {
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals("./ogr bench lr", json.path("provenance").path("command").asText());
        assertTrue(json.path("provenance").has("git_commit") && json.path("provenance").has("cpu"));
        JsonNode boston = json.path("suite").path("problems").path(0);
        assertEquals("boston", boston.path("label").asText());
        assertEquals(STEPS, boston.path("rows").path(1).path("runs").path(0).path("etas").size());
        assertEquals(3, json.path("suite").path("problems").path(1).path("rows").path(0).path("runs").size());
    }

    @Test
    void theMovingAverageOfTheMinibatchLosses() {
        double[] constant = new double[50];
        Arrays.fill(constant, 0.25);
        assertTrue(Arrays.stream(LearningRateReport.smooth(constant)).allMatch(v -> Math.abs(v - 0.25) < 1e-15));
        double[] ramp = new double[50];
        Arrays.setAll(ramp, i -> i);
        double[] s = LearningRateReport.smooth(ramp);
        for (int i = 0; i < 50; i++) {
            // the mean of the last min(i + 1, 20) integers up to i
            assertEquals(i < LearningRateReport.SMOOTHING ? i / 2.0 : i - (LearningRateReport.SMOOTHING - 1) / 2.0, s[i],
                    1e-12);
        }
    }

    @Test
    void theTerminalSummaryFitsIn120Columns() {
        String summary = report.summary();
        assertTrue(summary.lines().allMatch(l -> l.length() <= TerminalSummary.WIDTH), summary);
        assertTrue(summary.contains("diverged"), summary);
    }
}
