package dev.ogr.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ogr.bench.suite.BenchmarkResults;
import dev.ogr.bench.suite.BenchmarkRunner;
import dev.ogr.bench.suite.RunRecord;
import dev.ogr.bench.suite.Suite;
import dev.ogr.bench.suite.SuiteFile;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeResolver;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a tiny suite: every file written and readable, and results.csv reproduced exactly by a rerun. */
class ReportWriterTest {

    private static final StrategyRegistry REGISTRY = PluginLoader.load();

    private static final String TINY = """
            name: tiny
            seeds: 2
            tuning_seeds: 1
            grid: [0.001, 0.01, 0.1]
            optimizers: [sgd, sgd+fd-newton3, full-ogr]
            baselines: [sgd]
            problems:
              - problem: rosenbrock(noise=0.1)
                steps: 20
                target: 1
                lattice: {x: [-1.5, 1.5], y: [-0.5, 2], n: 2}
              - problem: quadratic(dim=70, noise=0.01)
                label: quad
                steps: 30
              - problem: boston
                steps: 25
                target: 30
            """;

    private static Suite suite;
    private static BenchmarkResults first;

    @BeforeAll
    static void runTheTinySuite() {
        suite = SuiteFile.parse(TINY, "tiny.yaml", REGISTRY);
        first = run();
    }

    private static BenchmarkResults run() {
        List<long[]> progress = new ArrayList<>();
        BenchmarkResults r = new BenchmarkRunner(new RecipeResolver(REGISTRY), null).run(suite,
                (done, total, problem, optimizer) -> progress.add(new long[] {done, total}));
        assertEquals(3 * 3 + 1, progress.size()); // before each problem and optimizer, then once when done
        long[] last = progress.get(progress.size() - 1);
        assertEquals(last[1], last[0]);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] > progress.get(i - 1)[0], "progress advances");
        }
        return r;
    }

    @Test
    void writesEveryFileOfTheReport(@TempDir Path dir) throws IOException {
        Path html = new ReportWriter(first, "./ogr bench tiny.yaml").write(dir);
        for (String f : List.of("report.md", "report.html", "results.csv", "results.json", "tables.tex",
                "plots/profile.png",
                "plots/rosenbrock-steps.png", "plots/rosenbrock-seconds.png", "plots/quad-steps.png",
                "plots/boston-steps.png", "plots/boston-eta.png")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        BufferedImage png = ImageIO.read(dir.resolve("plots/rosenbrock-steps.png").toFile());
        assertNotNull(png);
        assertEquals(1000, png.getWidth());

        String page = Files.readString(html);
        assertTrue(page.contains("src=\"data:image/png;base64,"), "charts embedded");
        assertFalse(page.contains("src=\"plots/"), "no file the page would depend on");
        assertTrue(page.contains("Loss at the fixed budget") && page.contains("Where ours beat the tuned baselines"));

        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| optimizer | rosenbrock | quad | boston |"), md);
        assertTrue(md.contains("![profile.png](plots/profile.png)"), md);
        assertTrue(md.contains("| full-ogr | n/a |") || md.contains("| n/a |"), md); // full-ogr: D = 70 > 64

        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals(1 + 3 * 3 * 2, csv.size()); // header, then optimizer x problem x seed
        assertTrue(csv.get(0).startsWith("suite,problem,optimizer,baseline,seed,eta,status,steps,final_loss,target,"
                + "steps_to_target,"), csv.get(0));
        assertTrue(csv.get(0).endsWith(String.join(",", ResultFiles.TIMING_COLUMNS)), csv.get(0));
        assertTrue(csv.get(0).contains(",test_mse,"), csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("tiny,quad,full-ogr,false,1,,n/a,")), String.join("\n", csv));

        String tex = Files.readString(dir.resolve("tables.tex"));
        assertEquals(3, tex.split("\\\\begin\\{tabular\\}", -1).length - 1, tex); // wins, losses, ranks
        assertTrue(tex.contains("\\toprule") && tex.contains("\\bottomrule")
                && !java.util.regex.Pattern.compile("\\d \\[\\d").matcher(tex).find() // medians only
                && tex.contains("\\textbf{"), tex);
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("### Ranks") && md.contains("**Verdict.** By median final loss, the best of ours beat"
                + " the best tuned baseline on "), report);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals("tiny", json.get("suite").get("name").asText());
        assertEquals(18, json.get("runs").size());
        assertEquals(21, json.get("runs").get(0).get("curve").get("steps").size()); // every step up to 20
    }

    @Test
    void theReportRecordsWhereItsNumbersComeFrom(@TempDir Path dir) throws IOException {
        String sha = "ab".repeat(32);
        new ReportWriter(first, Provenance.of("./ogr bench tiny.yaml", sha, 12.5)).write(dir);
        JsonNode p = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("provenance");
        assertEquals("./ogr bench tiny.yaml", p.get("command").asText());
        assertEquals(sha, p.get("suite_sha256").asText());
        assertEquals("0.1.0-SNAPSHOT", p.get("ogr_version").asText()); // the build's version, filtered in
        assertTrue(p.get("git_commit").asText().matches("[0-9a-f]{40}(-dirty)?|unknown"), p.toString());
        assertTrue(p.get("java").asText().contains(System.getProperty("java.runtime.version")), p.toString());
        assertTrue(p.get("nd4j").asText().matches("CpuBackend \\d.*"), p.toString());
        assertFalse(p.get("cpu").asText().isBlank());
        assertEquals(Runtime.getRuntime().availableProcessors(), p.get("cores").asInt());
        assertTrue(p.get("threads").asText().startsWith("ogr threads "), p.toString());
        assertEquals(12.5, p.get("wall_seconds").asDouble());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("### Provenance") && md.contains("| suite file SHA-256 | " + sha + " |"), md);
        assertTrue(Files.readString(dir.resolve("report.html")).contains("<h3>Provenance</h3>"));
    }

    @Test
    void theTuningPicksTheBestGridValueAndTheReportSaysWhereOursWin() {
        for (String o : suite.optimizers()) {
            double[] scores = first.tuningScores().get("boston").get(o);
            int best = 0;
            for (int i = 1; i < scores.length; i++) {
                if (scores[i] < scores[best]) {
                    best = i;
                }
            }
            assertEquals(suite.grid().get(best), first.eta("boston", o), o);
        }
        String summary = ReportWriter.summary(first);
        assertTrue(summary.contains("\n  boston: best baseline sgd "), summary);
        assertTrue(summary.lines().allMatch(l -> l.length() <= 120), summary);
    }

    @Test
    void aRerunWithTheSameSeedsReproducesTheCsvApartFromTiming(@TempDir Path dir) throws IOException {
        BenchmarkResults second = run();
        Path firstCsv = dir.resolve("first.csv");
        Path secondCsv = dir.resolve("second.csv");
        ResultFiles.writeCsv(first, first.targets(), firstCsv);
        ResultFiles.writeCsv(second, second.targets(), secondCsv);
        List<String> a = withoutTiming(firstCsv);
        assertEquals(a, withoutTiming(secondCsv));
        assertTrue(a.stream().skip(1).anyMatch(l -> l.contains(",ok,")), "some runs completed");
        assertTrue(a.stream().skip(1).map(l -> l.split(",")[8]).distinct().count() > 5, "losses differ by run");
        // the timing columns are filled in, and they are what may differ
        assertNotEquals(Files.readAllLines(firstCsv), Files.readAllLines(secondCsv));
        RunRecord r = first.runs().get(0);
        assertTrue(r.wallSeconds() > 0 && r.optimizerSecondsPerStep() > 0, r.toString());
    }

    private static List<String> withoutTiming(Path csv) throws IOException {
        int timing = ResultFiles.TIMING_COLUMNS.size();
        return Files.readAllLines(csv).stream().map(l -> {
            String[] cells = l.split(",", -1);
            return Arrays.stream(cells).limit(cells.length - timing).collect(Collectors.joining(","));
        }).toList();
    }

    /** A table as wide as the quick suite's fits in 120 columns: blocks of columns, wrapped paragraphs. */
    @Test
    void theTerminalSummaryFitsIn120Columns() {
        Table wins = new Table("Where ours beat the tuned baselines", "", List.of("problem", "best baseline",
                "ours below it", "clearly", "fewer steps to target")).text();
        String many = String.join(", ", java.util.Collections.nCopies(20, "sgd+fd-newton3 (×22)"));
        wins.row(List.of(new Table.Cell("rosenbrock", false), new Table.Cell("sgd 0.3312", false),
                new Table.Cell(many, false), new Table.Cell("ogr-pca", false), new Table.Cell("", false)));
        List<String> header = new java.util.ArrayList<>(List.of("optimizer"));
        for (int j = 0; j < 12; j++) {
            header.add("problem-number-" + j);
        }
        Table losses = new Table("Loss at the fixed budget", "", header);
        for (int i = 0; i < 3; i++) {
            List<Table.Cell> row = new java.util.ArrayList<>(List.of(new Table.Cell("schedule-free-adamw" + i, false)));
            for (int j = 0; j < 12; j++) {
                row.add(new Table.Cell("1.234e-05 [1.0e-05, 2.0e-05]", i == j % 3));
            }
            losses.row(row);
        }
        String out = TerminalSummary.render(wins, losses, 120);
        assertTrue(out.lines().allMatch(l -> l.length() <= 120), out);
        assertTrue(out.contains("problem-number-11") && out.contains("1.234e-05*") && !out.contains("["), out);
        assertEquals(20, out.split("sgd\\+fd-newton3", -1).length - 1, "nothing of the wins is lost in the wrap");
    }
}
