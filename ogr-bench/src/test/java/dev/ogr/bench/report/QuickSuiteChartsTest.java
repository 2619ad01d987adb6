package dev.ogr.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.bench.suite.BenchmarkResults;
import dev.ogr.bench.suite.BenchmarkRunner;
import dev.ogr.bench.suite.Suite;
import dev.ogr.bench.suite.SuiteFile;
import dev.ogr.bench.suite.SuiteProblem;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick suite's report (on one seed, to keep the test short): every chart is a readable PNG with an SVG beside
 * it that parses, each panel shows at most {@link Charts#MAX_SERIES} optimizers with no colour and stroke twice, and
 * the report records its provenance.
 */
class QuickSuiteChartsTest {

    @TempDir
    static Path dir;
    private static BenchmarkResults results;

    @BeforeAll
    static void runTheQuickSuite() throws IOException {
        Suite quick = SuiteFile.load("quick", PluginLoader.load()).withSeeds(1);
        results = new BenchmarkRunner(new RecipeResolver(PluginLoader.load()), null).run(quick, (d, t, p, o) -> { });
        new ReportWriter(results, Provenance.of("./ogr bench quick --seeds 1", SuiteFile.sha256("quick"),
                results.totalSeconds())).write(dir);
    }

    private static List<Path> plots(String extension) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(ReportWriter.PLOTS))) {
            return files.filter(f -> f.toString().endsWith(extension)).sorted().toList();
        }
    }

    @Test
    void everyChartIsAPngWithAnSvgBesideIt() throws Exception {
        List<Path> pngs = plots(".png");
        assertTrue(pngs.size() >= 1 + 3 * results.problemsRun().size(), pngs.toString()); // profile; steps, seconds, eta...
        assertEquals(pngs.size(), plots(".svg").size());
        ChartFiles.assertPngsWithSvgs(pngs);
    }

    @Test
    void aPanelShowsAtMostEightOptimizersNoTwoAlike() {
        Charts charts = new Charts(results);
        List<SuiteProblem> panels = new ArrayList<>(results.problemsRun());
        panels.add(null); // the performance profile
        for (SuiteProblem p : panels) {
            List<String> shown = charts.shown(p);
            String name = p == null ? "profile" : p.label();
            assertTrue(shown.size() <= Charts.MAX_SERIES && shown.size() >= 5, name + ": " + shown);
            assertTrue(shown.containsAll(List.of("adam", "momentum", "nesterov", "sgd")), name + ": the tuned baselines");
            Map<String, Charts.Style> styles = charts.styles(shown);
            Set<Integer> colours = new HashSet<>();
            styles.values().forEach(s -> colours.add(s.color().getRGB()));
            assertEquals(shown.size(), colours.size(), name + ": a colour used twice: " + styles);
        }
        // the panel of a problem shows the best of ours there
        SuiteProblem first = results.problemsRun().get(0);
        String best = results.suite().optimizers().stream().filter(o -> Sides.of(results.suite(), o).equals(Sides.OURS))
                .min(java.util.Comparator.comparingDouble(o -> orInf(results.medianLoss(first.label(), o))))
                .orElseThrow();
        assertTrue(charts.shown(first).contains(best), best + " is the best of ours on " + first.label());
    }

    private static double orInf(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    @Test
    void theReportRecordsItsProvenance() throws IOException {
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| suite file SHA-256 | " + SuiteFile.sha256("quick") + " |"), md);
        assertTrue(SuiteFile.sha256("quick").matches("[0-9a-f]{64}"));
        assertTrue(md.startsWith("# ogr benchmark: quick"), md);
        assertTrue(md.contains("**Verdict.**"), md);
    }
}
