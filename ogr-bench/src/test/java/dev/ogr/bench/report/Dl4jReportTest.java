package dev.ogr.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ogr.bench.dl4j.Dl4jResults;
import dev.ogr.bench.dl4j.Dl4jSuite;
import dev.ogr.bench.dl4j.Dl4jSuiteFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The dl4j suite's report, from a real run on the bundled 8×8 digits (one epoch, two seeds, so that it takes seconds):
 * the files every suite writes, charts that parse with at most {@link Charts#MAX_SERIES} series a panel and no colour
 * twice, a curve per run, the provenance, the paired comparison, and "diverged" for runs that blew up (inside DL4J's
 * own updater, and refused by ogr's).
 */
class Dl4jReportTest {

    private static final String SUITE = """
            model: mlp
            dataset: digits
            batch: 50
            holdout: 300
            seed: 1
            optimizers:
              - {label: dl4j-adam, dl4j: adam, grid: [1e-2]}
              - {label: dl4j-sgd, dl4j: sgd, grid: [1e30]}
              - {label: dl4j-nesterovs, dl4j: nesterovs, grid: [0.1]}
              - {label: adam@updater, updater: adam, grid: [1e-2, 1e30]}
              - {label: asgdc@updater, updater: asgdc, grid: [0.3]}
              - {label: dogr@updater, updater: dogr, grid: [1]}
              - {label: cdogr@updater, updater: cdogr, grid: [1]}
              - {label: idogr@updater, updater: idogr, grid: [1]}
              - {label: adamw@updater, updater: adamw, grid: [1e-2]}
              - {label: dogr@trainer, trainer: dogr, grid: [1]}
            baseline: dl4j-adam
            """;

    @TempDir
    static Path dir;
    private static Dl4jResults results;
    private static Dl4jReport report;

    @BeforeAll
    static void runTheSuiteOnDigits() throws Exception {
        Dl4jSuite.Settings settings = Dl4jSuiteFile.parse(SUITE, "digits.yaml");
        StringWriter progress = new StringWriter();
        results = new Dl4jSuite(new PrintWriter(new StringWriter()), new PrintWriter(progress)).run(settings, null, 2);
        report = new Dl4jReport(results, "digits", Provenance.of("./ogr bench dl4j --file digits.yaml --seeds 2",
                "0".repeat(64), results.totalSeconds()));
        report.write(dir);
    }

    private static Dl4jResults.Optimizer optimizer(String label) {
        return results.optimizers().stream().filter(o -> o.candidate().label().equals(label)).findFirst()
                .orElseThrow();
    }

    @Test
    void writesTheFilesOfEverySuite() {
        for (String f : ReportWriter.FILES) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
    }

    @Test
    void everyChartIsAPngWithAnSvgBesideItAtMostEightSeriesNoColourTwice() throws Exception {
        List<Path> pngs;
        try (Stream<Path> files = Files.list(dir.resolve(ReportWriter.PLOTS))) {
            pngs = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
        // nine optimizers train inside net.fit: two panels of the baseline and up to seven others; one of OgrTrainer
        assertEquals(3 * 4, pngs.size(), pngs.toString());
        assertEquals(pngs.size(), report.drawn.size());
        ChartFiles.assertPngsWithSvgs(pngs);
        for (XYChart chart : report.drawn) {
            assertTrue(chart.getSeriesMap().size() <= Charts.MAX_SERIES, chart.getTitle());
            Set<Integer> colours = new HashSet<>();
            for (XYSeries s : chart.getSeriesMap().values()) {
                assertTrue(colours.add(s.getLineColor().getRGB()), chart.getTitle() + ": a colour twice");
            }
        }
    }

    @Test
    void everyRunHasItsCurveAndTheLastPointIsTheRunsResult() {
        for (Dl4jResults.Optimizer o : results.optimizers()) {
            assertEquals(2, o.runs().size(), o.candidate().label());
            for (Dl4jResults.Run r : o.runs()) {
                Dl4jResults.Curve c = r.curve();
                if (r.diverged()) {
                    continue;
                }
                assertEquals(1 + Dl4jSuite.POINTS_PER_EPOCH, c.epochs().length, o.candidate().label());
                assertEquals(0.0, c.epochs()[0]);
                assertEquals(1.0, c.epochs()[c.epochs().length - 1]);
                for (int i = 1; i < c.seconds().length; i++) {
                    assertTrue(c.seconds()[i] >= c.seconds()[i - 1] && c.epochs()[i] > c.epochs()[i - 1]);
                }
                assertEquals(r.test(), c.testAccuracy()[c.testAccuracy().length - 1]);
                assertTrue(r.seconds() >= c.seconds()[c.seconds().length - 1]); // the clock runs to fit's return
            }
        }
        assertTrue(optimizer("dogr@updater").medianTest() > 0.5, "dogr learns the digits");
    }

    @Test
    void runsThatBlewUpSayDiverged() throws Exception {
        assertTrue(optimizer("dl4j-sgd").runs().stream().allMatch(Dl4jResults.Run::diverged)); // NaN inside DL4J
        Dl4jResults.Optimizer adam = optimizer("adam@updater");
        assertTrue(adam.tuning().get(1).diverged(), "ogr refuses the non-finite gradient of eta=1e30");
        assertEquals(1e-2, adam.eta());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| dl4j-sgd | DL4J baseline | DL4J updater | 1e+30 | diverged |"), md);
        assertTrue(md.contains("1e+30: diverged"), md);
        assertTrue(md.contains("Diverged on at least one seed: dl4j-sgd"), md);
        assertTrue(Files.readString(dir.resolve("results.csv")).lines()
                .filter(l -> l.contains(",dl4j-sgd,")).allMatch(l -> l.contains(",diverged,")));
    }

    @Test
    void thePairedComparisonCountsSeedsAboveTheBaseline() {
        Dl4jResults.Optimizer base = results.baseline();
        assertEquals("dl4j-adam", base.candidate().label());
        assertEquals(0, results.seedsAbove(base));
        for (Dl4jResults.Optimizer o : results.optimizers()) {
            int above = 0;
            for (int k = 0; k < 2; k++) {
                Dl4jResults.Run r = o.runs().get(k);
                above += !r.diverged() && r.test() > base.runs().get(k).test() ? 1 : 0;
            }
            assertEquals(above, results.seedsAbove(o), o.candidate().label());
        }
    }

    @Test
    void resultsJsonRecordsTheProvenanceAndTheSuite() throws Exception {
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        for (String field : List.of("command", "suite_sha256", "ogr_version", "git_commit", "java", "nd4j", "cpu",
                "cores", "threads", "date", "wall_seconds")) {
            assertTrue(json.path("provenance").has(field), field);
        }
        assertEquals("digits-digits-mlp", json.path("suite").path("name").asText());
        assertEquals(2, json.path("suite").path("seeds").asInt());
        assertEquals("digits-mlp", json.path("suite").path("problems").path(0).path("label").asText());
        assertEquals(10, json.path("optimizers").size());
        assertEquals(1 + Dl4jSuite.POINTS_PER_EPOCH, json.path("optimizers").path(0).path("runs").path(0)
                .path("curve").path("test_accuracy").size());
        // the report directory's rule finds every chart of this report as its own
        List<Path> ours = ReportWriter.files(dir, List.of("digits-mlp"));
        try (Stream<Path> files = Files.list(dir.resolve(ReportWriter.PLOTS))) {
            assertTrue(ours.containsAll(files.toList()));
        }
    }

    @Test
    void theTerminalSummaryFitsIn120Columns() {
        String summary = report.summary();
        assertTrue(summary.lines().allMatch(l -> l.length() <= TerminalSummary.WIDTH), summary);
        assertTrue(summary.contains("dl4j-sgd") && summary.contains("diverged"), summary);
    }
}
