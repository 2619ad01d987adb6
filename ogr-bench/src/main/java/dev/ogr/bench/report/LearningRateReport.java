package dev.ogr.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ogr.api.ParameterSpec;
import dev.ogr.bench.suite.Stats;
import dev.ogr.bench.suite.LearningRateResults;
import dev.ogr.bench.suite.LearningRateSuite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;

/**
 * The {@code lr} suite's report, in the files every suite writes: {@code report.md}, a self-contained
 * {@code report.html}, {@code results.csv} (one row per run), {@code results.json} (every run with its loss and
 * learning-rate traces), {@code tables.tex} and, under {@code plots/}, the training loss and the learned η against
 * steps (PNG and SVG), at most {@value Charts#MAX_SERIES} series a panel.
 */
public final class LearningRateReport {

    /** Steps of the moving average drawn for MNIST's minibatch losses. */
    static final int SMOOTHING = 20;

    private final LearningRateResults results;
    private final Provenance provenance;
    /** The charts written, in order (for tests: their series and styles). */
    final List<XYChart> drawn = new ArrayList<>();

    /** The report of {@code results} with where they come from. */
    public LearningRateReport(LearningRateResults results, Provenance provenance) {
        this.results = results;
        this.provenance = provenance;
    }

    /** Writes every file into {@code dir} (created if needed) and returns the path of {@code report.html}. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(ReportWriter.PLOTS));
        writeCsv(dir.resolve("results.csv"));
        writeJson(dir.resolve("results.json"));
        List<Table> tables = tables();
        List<String> parts = new ArrayList<>(List.of("boston: `" + results.boston().problem() + "`, full batch, "
                + results.boston().steps() + " steps, one run per starting η₀ (the problem has no noise to average over)"));
        parts.add(results.mnist() != null ? "mnist: `" + results.mnist().problem() + "`, " + results.mnist().steps()
                + " steps (one epoch), " + results.seeds() + " seeds" : "mnist: skipped — " + results.mnistSkipped());
        ReportDocument d = new ReportDocument("ogr benchmark: lr").description("Paper 2's experiments: learning-rate"
                + " learners that tune SGD's step by finite differences, against the best fixed-η SGD of a grid.")
                .verdict(verdict()).runLine(String.format(Locale.ROOT, "`%s` — %.0f s wall time.",
                        provenance.command(), results.totalSeconds()))
                .provenance(provenance).protocol(protocol(), "Problems:", parts).tables(tables)
                .filesLine("Files: `results.csv` (one row per run), `results.json` (the same with every run's loss"
                        + " and η at every step, and the grids' scores), `tables.tex`, `report.html` (this report,"
                        + " self-contained), `plots/` (PNG and SVG).");
        charts(dir, d);
        Files.writeString(dir.resolve("report.md"), d.markdown(dir), StandardCharsets.UTF_8);
        StringBuilder tex = new StringBuilder("% ogr benchmark: lr (" + provenance.command()
                + ")\n% needs \\usepackage{booktabs,graphicx}\n\n");
        tables.stream().filter(t -> !t.title().startsWith("Tuning")).forEach(t -> tex.append(t.latex(c -> c)));
        Files.writeString(dir.resolve("tables.tex"), tex, StandardCharsets.UTF_8);
        Path html = dir.resolve("report.html");
        Files.writeString(html, d.html(), StandardCharsets.UTF_8);
        return html;
    }

    /** What the command line prints: the verdict and the main numbers, in lines of at most 120 characters. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        TerminalSummary.wrap(verdict(), TerminalSummary.WIDTH, "").forEach(l -> sb.append(l).append('\n'));
        LearningRateResults.Part b = results.boston();
        sb.append(String.format(Locale.ROOT, "%nBoston (best SGD eta=%s, loss %s):%n", eta(b.sgdEta()),
                num("%.6g", loss(b.sgd()))));
        String format = "  %-28s  %-6s  %-12s  %-9s  %-10s  %s%n";
        sb.append(String.format(Locale.ROOT, format, "learner", "eta0", "final loss", "/ SGD", "final eta",
                "time / SGD"));
        for (LearningRateResults.Row r : b.rows()) {
            LearningRateResults.Run run = r.runs().get(0);
            sb.append(String.format(Locale.ROOT, format, r.learner(), eta(r.eta0()), num("%.6g", run.trainLoss()),
                    num("%.3f", run.trainLoss() / loss(b.sgd())), num("%.3g", last(run.etas())),
                    num("%.2f", r.timeRatio())));
        }
        LearningRateResults.Part m = results.mnist();
        if (m == null) {
            return sb.append("\nMNIST part skipped: ").append(results.mnistSkipped()).append('\n').toString();
        }
        sb.append(String.format(Locale.ROOT, "%nMNIST (%d seeds, medians):%n", results.seeds()));
        String f2 = "  %-28s  %-12s  %-12s  %-13s  %s%n";
        sb.append(String.format(Locale.ROOT, f2, "optimizer", "train loss", "below SGD", "test accuracy",
                "time / SGD"));
        for (LearningRateResults.Row r : mnistRows()) {
            sb.append(String.format(Locale.ROOT, f2, r == m.sgd() ? r.recipe() : r.learner(),
                    num("%.4f", loss(r)), r == m.sgd() ? "—" : below(r, m.sgd()) + " of " + results.seeds(),
                    num("%.4f", accuracy(r)), num("%.2f", r.timeRatio())));
        }
        return sb.toString();
    }

    private List<LearningRateResults.Row> mnistRows() {
        List<LearningRateResults.Row> rows = new ArrayList<>(List.of(results.mnist().sgd()));
        rows.addAll(results.mnist().rows());
        return rows;
    }

    /** The verdict: how close each learner came to the best SGD, from every start, and on MNIST seed by seed. */
    String verdict() {
        LearningRateResults.Part b = results.boston();
        double best = loss(b.sgd());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Boston, against the best fixed-η SGD"
                + " (η = %s, training loss %s): ", eta(b.sgdEta()), num("%.6g", best)));
        List<String> parts = new ArrayList<>();
        for (String learner : learners(b)) {
            List<LearningRateResults.Row> rows = b.rows().stream().filter(r -> r.learner().equals(learner)).toList();
            long within = rows.stream().filter(r -> r.runs().get(0).trainLoss() <= 1.1 * best).count();
            double worst = rows.stream().mapToDouble(r -> r.runs().get(0).trainLoss() / best).max().orElse(Double.NaN);
            parts.add(String.format(Locale.ROOT, "%s ended within 1.1× of it from %d of %d starting η₀ (worst %s)",
                    learner, within, rows.size(), Double.isFinite(worst) ? String.format(Locale.ROOT, "%.3g×", worst)
                            : "diverged"));
        }
        sb.append(String.join("; ", parts)).append('.');
        LearningRateResults.Part m = results.mnist();
        if (m == null) {
            return sb.append(" MNIST skipped.").toString();
        }
        sb.append(String.format(Locale.ROOT, " MNIST, %d seeds, against tuned SGD (η = %s, median training loss %s): ",
                results.seeds(), eta(m.sgdEta()), num("%.4f", loss(m.sgd()))));
        List<String> mp = new ArrayList<>();
        for (LearningRateResults.Row r : m.rows()) {
            mp.add(String.format(Locale.ROOT, "%s from η₀ = 0.01 %s (below SGD on %d of %d seeds)", r.learner(),
                    num("%.4f", loss(r)), below(r, m.sgd()), results.seeds()));
        }
        return sb.append(String.join("; ", mp)).append('.').toString();
    }

    private static List<String> learners(LearningRateResults.Part part) {
        return part.rows().stream().map(LearningRateResults.Row::learner).distinct().toList();
    }

    private String protocol() {
        LearningRateResults.Part b = results.boston();
        String s = "Boston: fixed-η SGD on the grid " + grid(b.sgdGrid()) + " by final training loss; fd-first-order's"
                + " meta rate a on " + grid(b.metaGrid()) + " at η₀ = 0.01 (chosen: " + eta(b.meta()) + "); each learner"
                + " then starts from every η₀ of " + grid(startsOf(b)) + ".";
        LearningRateResults.Part m = results.mnist();
        if (m != null) {
            s += " MNIST: SGD's η on " + grid(m.sgdGrid()) + " and fd-first-order's a on " + grid(m.metaGrid())
                    + " (chosen: " + eta(m.meta()) + "), both by training loss on seed 1000; then every optimizer runs"
                    + " on seeds 1 to " + results.seeds() + " (each seed draws the minibatch order), the learners from"
                    + " η₀ = 0.01; medians over the seeds, and \"below SGD\" compares each seed's final training loss"
                    + " with SGD's on the same seed (paired).";
        }
        return s + " A run whose loss becomes infinite or NaN is \"diverged\". Time per step relative to that SGD: the"
                + " median of 7 interleaved pairs of 200-step runs after a warm-up.";
    }

    private static Map<Double, Double> startsOf(LearningRateResults.Part b) {
        Map<Double, Double> m = new LinkedHashMap<>();
        b.rows().forEach(r -> m.put(r.eta0(), 0.0));
        return m;
    }

    private List<Table> tables() {
        List<Table> out = new ArrayList<>();
        LearningRateResults.Part b = results.boston();
        double best = loss(b.sgd());
        Table boston = new Table("Boston linear regression", "Full batch, " + b.steps() + " steps. Best fixed-η SGD:"
                + " η = " + eta(b.sgdEta()) + ", training loss " + num("%.6g", best) + ". Each learner from every"
                + " starting η₀; bold: the lowest final loss.", List.of("learner", "η₀", "final training loss",
                        "/ best SGD", "final η", "extra forward passes per step", "time per step / SGD"));
        double lowest = b.rows().stream().mapToDouble(r -> r.runs().get(0).trainLoss()).min().orElse(Double.NaN);
        for (LearningRateResults.Row r : b.rows()) {
            LearningRateResults.Run run = r.runs().get(0);
            boston.row(List.of(cell(r.learner()), cell(eta(r.eta0())), new Table.Cell(num("%.6g", run.trainLoss()),
                    run.trainLoss() == lowest), cell(num("%.3f", run.trainLoss() / best)),
                    cell(num("%.3g", last(run.etas()))), cell(num("%.3g", run.probesPerStep())),
                    cell(num("%.2f", r.timeRatio()))));
        }
        out.add(boston);
        LearningRateResults.Part m = results.mnist();
        if (m != null) {
            Table mnist = new Table("MNIST multinomial logistic regression", "One epoch (" + m.steps() + " steps of"
                    + " 100); median [min, max] over " + results.seeds() + " seeds; SGD's η tuned (" + eta(m.sgdEta())
                    + "), the learners from η₀ = 0.01. Bold: the lowest median training loss.",
                    List.of("optimizer", "training loss", "seeds below SGD", "test accuracy", "η at steps "
                            + Arrays.toString(LearningRateSuite.TRACE_AT), "extra forward passes per step",
                            "time per step / SGD"));
            double low = mnistRows().stream().mapToDouble(this::loss).min().orElse(Double.NaN);
            for (LearningRateResults.Row r : mnistRows()) {
                double[] etas = r.runs().get(0).etas();
                List<String> trace = new ArrayList<>();
                for (long at : LearningRateSuite.TRACE_AT) {
                    trace.add(at < etas.length ? num("%.3g", etas[(int) at]) : "n/a");
                }
                mnist.row(List.of(cell(r == m.sgd() ? r.recipe() : r.learner()), new Table.Cell(spread(r),
                        loss(r) == low), cell(r == m.sgd() ? "—" : below(r, m.sgd()) + " of " + results.seeds()),
                        cell(num("%.4f", accuracy(r))), cell(String.join(", ", trace)),
                        cell(num("%.3g", r.runs().get(0).probesPerStep())), cell(num("%.2f", r.timeRatio()))));
            }
            out.add(mnist);
        }
        Table tuning = new Table("Tuning scores", "Final training loss at each grid value (SGD's η; fd-first-order's"
                + " meta rate a at η₀ = 0.01).", List.of("problem", "SGD: η → loss", "fd-first-order: a → loss"))
                .text();
        tuning.row(List.of(cell("boston"), cell(scores(b.sgdGrid())), cell(scores(b.metaGrid()))));
        if (m != null) {
            tuning.row(List.of(cell("mnist"), cell(scores(m.sgdGrid())), cell(scores(m.metaGrid()))));
        }
        out.add(tuning);
        return out;
    }

    private String spread(LearningRateResults.Row r) {
        double[] v = r.runs().stream().mapToDouble(LearningRateResults.Run::trainLoss).toArray();
        if (v.length == 1) {
            return num("%.4f", v[0]);
        }
        double lo = Arrays.stream(v).min().orElseThrow();
        double hi = Arrays.stream(v).max().orElseThrow();
        return num("%.4f", Stats.median(v)) + " [" + num("%.4f", lo) + ", " + num("%.4f", hi) + "]";
    }

    /** On how many seeds {@code r}'s final training loss was below {@code sgd}'s on the same seed. */
    private static int below(LearningRateResults.Row r, LearningRateResults.Row sgd) {
        int n = 0;
        for (int k = 0; k < r.runs().size(); k++) {
            n += r.runs().get(k).trainLoss() < sgd.runs().get(k).trainLoss() ? 1 : 0;
        }
        return n;
    }

    private double loss(LearningRateResults.Row r) {
        return Stats.median(r.runs().stream().mapToDouble(LearningRateResults.Run::trainLoss).toArray());
    }

    private double accuracy(LearningRateResults.Row r) {
        return Stats.median(r.runs().stream().mapToDouble(x -> x.diverged() ? Double.NaN : x.testAccuracy()).toArray());
    }

    /**
     * The charts: on Boston, for each learner, its loss and its η from every starting η₀ (with the best SGD's loss);
     * on MNIST, every optimizer's loss (a moving average of {@value #SMOOTHING} minibatches) and η, medians over the
     * seeds.
     */
    private void charts(Path dir, ReportDocument d) {
        LearningRateResults.Part b = results.boston();
        List<String> slugs = LearningRateSuite.optimizers();
        List<String> learners = learners(b);
        for (int i = 0; i < learners.size(); i++) {
            String learner = learners.get(i);
            String slug = "boston-" + slugs.get(Math.min(i + 1, slugs.size() - 1));
            List<LearningRateResults.Row> rows = b.rows().stream().filter(r -> r.learner().equals(learner)).toList();
            List<Series> loss = new ArrayList<>(List.of(new Series("SGD η = " + eta(b.sgdEta()) + " (baseline)",
                    true, b.sgd().runs().get(0).losses())));
            List<Series> eta = new ArrayList<>();
            for (LearningRateResults.Row r : rows) {
                String name = "from η₀ = " + eta(r.eta0()) + (r.runs().get(0).diverged() ? " (diverged)" : "");
                loss.add(new Series(name, false, r.runs().get(0).losses()));
                eta.add(new Series(name, false, r.runs().get(0).etas()));
            }
            d.figure("Boston: training loss of " + learner + " from every starting η₀ against steps, with the best"
                    + " fixed-η SGD (dashed); log axis.", chart("Boston: " + learner + ", training loss", "loss",
                    loss, false, dir.resolve(ReportWriter.PLOTS).resolve(slug + "-loss.png")));
            d.figure("Boston: the η " + learner + " learns from every starting η₀ against steps; log axis of at most"
                    + " six decades (lower rates on its lower edge).", chart("Boston: " + learner + ", learned η", "η",
                    eta, true, dir.resolve(ReportWriter.PLOTS).resolve(slug + "-eta.png")));
        }
        LearningRateResults.Part m = results.mnist();
        if (m == null) {
            return;
        }
        List<Series> loss = new ArrayList<>();
        List<Series> eta = new ArrayList<>();
        for (LearningRateResults.Row r : mnistRows()) {
            boolean sgd = r == m.sgd();
            String name = (sgd ? r.recipe() + " (baseline)" : r.learner()) + (r.runs().stream()
                    .anyMatch(LearningRateResults.Run::diverged) ? " (diverged)" : "");
            loss.add(new Series(name, sgd, smooth(pointwiseMedian(r.runs(), LearningRateResults.Run::losses))));
            eta.add(new Series(name, sgd, pointwiseMedian(r.runs(), LearningRateResults.Run::etas)));
        }
        d.figure("MNIST: training loss against steps, a moving average of " + SMOOTHING + " minibatches, median over "
                + results.seeds() + " seeds; tuned SGD dashed; log axis.", chart("MNIST logistic regression: training"
                + " loss", "loss", loss, false, dir.resolve(ReportWriter.PLOTS).resolve("mnist-loss.png")));
        d.figure("MNIST: learned η against steps, median over " + results.seeds() + " seeds (SGD's is fixed); log"
                + " axis.", chart("MNIST logistic regression: learned η", "η", eta, true,
                dir.resolve(ReportWriter.PLOTS).resolve("mnist-eta.png")));
    }

    /** A line of a chart: its name, whether it is the baseline, and its values at steps 0, 1, .... */
    private record Series(String name, boolean baseline, double[] values) {
    }

    private Path chart(String title, String yTitle, List<Series> series, boolean rates, Path file) {
        XYChart chart = Charts.chart(title, "step", yTitle);
        Map<String, Charts.Style> styles = Charts.styles(series.stream().map(Series::name).toList(),
                n -> series.stream().filter(s -> s.name().equals(n)).findFirst().orElseThrow().baseline()
                        ? Sides.BASELINE : Sides.OURS);
        double top = series.stream().flatMapToDouble(s -> Arrays.stream(s.values())).filter(v -> Double.isFinite(v)
                && v > 0).max().orElse(1.0);
        double bottom = series.stream().flatMapToDouble(s -> Arrays.stream(s.values())).filter(v -> Double.isFinite(v)
                && v > 0).min().orElse(1.0);
        double ceiling = Charts.niceCeiling(top);
        // a log axis from the decade below the lowest value, of at most six decades (lower rates on its lower edge)
        double floor = Math.max(Math.pow(10, Math.floor(Math.log10(bottom))), ceiling / 1e6);
        for (Series s : series.subList(0, Math.min(series.size(), Charts.MAX_SERIES))) {
            double[] v = s.values();
            int n = 0;
            while (n < v.length && Double.isFinite(v[n]) && v[n] > 0) {
                n++; // a diverged run stops where its values stop being finite
            }
            if (n < 2) {
                continue;
            }
            double[] y = Arrays.copyOf(v, n);
            if (rates) {
                y = Arrays.stream(y).map(x -> Math.max(x, floor)).toArray();
            }
            double[] x = new double[n];
            Arrays.setAll(x, i -> i);
            Charts.line(chart, s.name(), x, y, styles.get(s.name()));
        }
        if (chart.getSeriesMap().isEmpty()) {
            return null;
        }
        if (rates) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(floor);
            chart.getStyler().setYAxisMax(ceiling);
        } else {
            Charts.logLossAxis(chart, bottom, top);
        }
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        drawn.add(chart);
        return Charts.save(chart, file);
    }

    private static double[] pointwiseMedian(List<LearningRateResults.Run> runs, Function<LearningRateResults.Run, double[]> field) {
        return Charts.pointwiseMedian(runs.stream().map(field).toList());
    }

    /** The trailing moving average over {@value #SMOOTHING} steps (fewer at the start); NaN from the first NaN. */
    static double[] smooth(double[] v) {
        double[] out = new double[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += v[i];
            if (i >= SMOOTHING) {
                sum -= v[i - SMOOTHING];
            }
            out[i] = sum / Math.min(i + 1, SMOOTHING);
        }
        return out;
    }

    private void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("suite,problem,optimizer,recipe,baseline,eta0,seed,status,final_loss,"
                + "test_accuracy,final_eta,extra_forward_passes_per_step,time_per_step_over_sgd,us_per_step\n");
        for (LearningRateResults.Part p : parts()) {
            List<LearningRateResults.Row> rows = new ArrayList<>(List.of(p.sgd()));
            rows.addAll(p.rows());
            for (LearningRateResults.Row r : rows) {
                for (LearningRateResults.Run run : r.runs()) {
                    sb.append(String.join(",", List.of("lr", ResultFiles.csv(p.problem()), ResultFiles.csv(r.learner()), ResultFiles.csv(r.recipe()),
                            String.valueOf(r == p.sgd()), ResultFiles.number(r.eta0()), String.valueOf(run.seed()),
                            run.diverged() ? "diverged" : "ok", ResultFiles.number(run.trainLoss()),
                            ResultFiles.number(run.testAccuracy()), ResultFiles.number(last(run.etas())),
                            ResultFiles.number(run.probesPerStep()), ResultFiles.number(r.timeRatio()),
                            ResultFiles.number(run.secondsPerStep() * 1e6)))).append('\n');
                }
            }
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private List<LearningRateResults.Part> parts() {
        return results.mnist() == null ? List.of(results.boston()) : List.of(results.boston(), results.mnist());
    }

    private void writeJson(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> suite = new LinkedHashMap<>();
        suite.put("name", "lr");
        suite.put("seeds", results.seeds());
        suite.put("optimizers", LearningRateSuite.optimizers());
        suite.put("baselines", List.of("sgd"));
        List<Map<String, Object>> problems = new ArrayList<>();
        for (LearningRateResults.Part p : parts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", p == results.boston() ? "boston" : "mnist");
            m.put("problem", p.problem());
            m.put("steps", p.steps());
            m.put("sgd_grid", keyed(p.sgdGrid()));
            m.put("sgd_eta", p.sgdEta());
            m.put("meta_grid", keyed(p.metaGrid()));
            m.put("meta", p.meta());
            List<Map<String, Object>> rows = new ArrayList<>();
            List<LearningRateResults.Row> all = new ArrayList<>(List.of(p.sgd()));
            all.addAll(p.rows());
            for (LearningRateResults.Row r : all) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("optimizer", r.learner());
                row.put("recipe", r.recipe());
                row.put("eta0", r.eta0());
                row.put("time_per_step_over_sgd", r.timeRatio());
                row.put("runs", r.runs().stream().map(run -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("seed", run.seed());
                    x.put("status", run.diverged() ? "diverged" : "ok");
                    x.put("final_loss", run.trainLoss());
                    x.put("test_accuracy", run.testAccuracy());
                    x.put("us_per_step", run.secondsPerStep() * 1e6);
                    x.put("extra_forward_passes_per_step", run.probesPerStep());
                    x.put("losses", run.losses());
                    x.put("etas", run.etas());
                    return x;
                }).toList());
                rows.add(row);
            }
            m.put("rows", rows);
            problems.add(m);
        }
        suite.put("problems", problems);
        suite.put("mnist_skipped", results.mnistSkipped());
        root.put("suite", suite);
        root.put("provenance", provenance.asMap());
        root.put("total_seconds", results.totalSeconds());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    private static Map<String, Double> keyed(Map<Double, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(ParameterSpec.format(k.doubleValue()), v));
        return out;
    }

    private static String scores(Map<Double, Double> m) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(eta(k) + " → " + num("%.4g", v)));
        return String.join(", ", out);
    }

    private static String grid(Map<Double, Double> m) {
        return m.keySet().stream().map(k -> eta(k)).toList().toString();
    }

    private static double last(double[] v) {
        return v.length == 0 ? Double.NaN : v[v.length - 1];
    }

    private static String num(String format, double v) {
        return LearningRateSuite.num(format, v);
    }

    private static Table.Cell cell(String text) {
        return new Table.Cell(text, false);
    }

    private static String eta(double v) {
        return Double.isNaN(v) ? "—" : ParameterSpec.format(v);
    }


}
