package dev.ogr.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ogr.api.ParameterSpec;
import dev.ogr.bench.suite.Stats;
import dev.ogr.bench.dl4j.Dl4jResults;
import dev.ogr.bench.dl4j.Dl4jSuite;
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
 * The {@code dl4j} suite's report, in the files every suite writes: {@code report.md}, a self-contained
 * {@code report.html}, {@code results.csv} (one row per training run), {@code results.json} (every run with its
 * curve), {@code tables.tex} and, under {@code plots/}, test accuracy and training loss against epochs and against
 * seconds (PNG and SVG), at most {@value Charts#MAX_SERIES} optimizers a panel.
 */
public final class Dl4jReport {

    /** The charts of each panel: what is drawn, against what, and its file name's last part. */
    private enum Kind {
        ACCURACY_EPOCHS("test accuracy", false, "accuracy-epochs"),
        ACCURACY_SECONDS("test accuracy", true, "accuracy-seconds"),
        LOSS_EPOCHS("training loss", false, "loss-epochs"),
        LOSS_SECONDS("training loss", true, "loss-seconds");

        final String what;
        final boolean seconds;
        final String file;

        Kind(String what, boolean seconds, String file) {
            this.what = what;
            this.seconds = seconds;
            this.file = file;
        }
    }

    private final Dl4jResults results;
    private final String name;
    private final Provenance provenance;
    private final String vs;
    /** The charts written, in order (for tests: their series and styles). */
    final List<XYChart> drawn = new ArrayList<>();

    /**
     * The report of {@code results}, a run of the suite called {@code name} ({@code dl4j}, {@code dl4j-defaults}, or
     * the name of the user's suite file), with where they come from.
     */
    public Dl4jReport(Dl4jResults results, String name, Provenance provenance) {
        this.results = results;
        this.name = name;
        this.provenance = provenance;
        this.vs = results.settings().baseline();
    }

    /** The label of the suite's one problem, which starts its charts' names: data set and network. */
    public static String label(Dl4jSuite.Settings settings) {
        return settings.dataset() + "-" + settings.model().name().toLowerCase(Locale.ROOT);
    }

    /** Writes every file into {@code dir} (created if needed) and returns the path of {@code report.html}. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(ReportWriter.PLOTS));
        writeCsv(dir.resolve("results.csv"));
        writeJson(dir.resolve("results.json"));
        List<Table> tables = tables();
        ReportDocument d = new ReportDocument("ogr benchmark: " + name + ", " + label(results.settings())).description(description())
                .verdict(verdict()).runLine(runLine()).provenance(provenance)
                .protocol(protocol(), "Optimizers:", optimizerLines()).tables(tables)
                .filesLine("Files: `results.csv` (one row per training run: the tuning runs and the runs on every"
                        + " seed), `results.json` (the same with every run's curve), `tables.tex`, `report.html`"
                        + " (this report, self-contained), `plots/` (PNG and SVG).");
        charts(dir, d);
        Files.writeString(dir.resolve("report.md"), d.markdown(dir), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("tables.tex"), "% ogr benchmark: " + name + ", " + label(results.settings()) + " (" + provenance.command()
                + ")\n% needs \\usepackage{booktabs,graphicx}\n\n" + tables.get(0).latex(c -> c)
                + tables.get(1).latex(c -> c), StandardCharsets.UTF_8);
        Path html = dir.resolve("report.html");
        Files.writeString(html, d.html(), StandardCharsets.UTF_8);
        return html;
    }

    /**
     * What the command line prints: the verdict and a compact table (median test accuracy, paired comparison, epoch
     * time), in lines of at most {@link TerminalSummary#WIDTH} characters; the full tables are in the report.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        TerminalSummary.wrap(verdict().replace("**", ""), TerminalSummary.WIDTH, "")
                .forEach(l -> sb.append(l).append('\n'));
        sb.append('\n');
        int w = Math.max(9, results.optimizers().stream().mapToInt(o -> o.candidate().label().length()).max()
                .orElse(9));
        String format = "%-" + w + "s  %-12s  %-7s  %-26s  %-9s  %7s  %6s%n";
        sb.append(String.format(Locale.ROOT, format, "optimizer", "path", "eta", "test accuracy", "above", "s/epoch",
                "/ " + abbreviate(vs)));
        for (Dl4jResults.Optimizer o : results.optimizers()) {
            sb.append(String.format(Locale.ROOT, format, o.candidate().label(), o.candidate().path(), eta(o.eta()),
                    accuracyCell(o), paired(o), time("%.1f", o, 1), time("%.2f", o, results.baseline().medianSeconds())));
        }
        return sb.toString();
    }

    /**
     * The median epoch time divided by {@code by}, or "—" when the optimizer diverged on most seeds (a run that
     * stopped at its first step is no measure of an epoch's cost).
     */
    private static String time(String format, Dl4jResults.Optimizer o, double by) {
        return Double.isNaN(o.medianTest()) ? "—" : String.format(Locale.ROOT, format, o.medianSeconds() / by);
    }

    private static String abbreviate(String s) {
        return s.length() <= 4 ? s : "base";
    }

    /** Which side of the comparison an optimizer is on (see {@link Sides}): DL4J's updaters are the baselines. */
    private String side(Dl4jResults.Optimizer o) {
        return o.candidate().path() == Dl4jSuite.Path.DL4J ? Sides.BASELINE
                : Sides.ofRecipe(o.candidate().what());
    }

    private String sideText(Dl4jResults.Optimizer o) {
        return switch (side(o)) {
            case Sides.BASELINE -> "DL4J baseline";
            case Sides.PARAMETER_FREE -> "baseline in ogr";
            default -> "ours";
        };
    }

    private String description() {
        Dl4jSuite.Settings s = results.settings();
        return String.format(Locale.ROOT, "%s with the %s, %d epoch%s of %d minibatches of %d, through Deeplearning4j:"
                + " DL4J's own updaters against ogr recipes as OgrUpdater inside net.fit and run by OgrTrainer.",
                s.dataset(), Dl4jSuite.describe(s.model(), features()), s.epochs(), s.epochs() == 1 ? "" : "s",
                results.steps(), s.batch());
    }

    private int features() {
        return results.settings().dataset().equals("digits") ? 64 : 784;
    }

    /** The verdict: how the best of ours did against the baseline, by how much and on how many seeds. */
    String verdict() {
        Dl4jResults.Optimizer base = results.baseline();
        double b = base.medianTest();
        int n = results.seeds();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Median test accuracy over %d seed%s: the baseline %s %s.", n,
                n == 1 ? "" : "s", vs, Double.isNaN(b) ? "diverged" : String.format(Locale.ROOT, "%.4f", b)));
        List<Dl4jResults.Optimizer> ours = results.optimizers().stream().filter(o -> side(o).equals(Sides.OURS))
                .toList();
        List<Dl4jResults.Optimizer> above = ours.stream().filter(o -> o.medianTest() > b || Double.isNaN(b)
                && !Double.isNaN(o.medianTest())).toList();
        Dl4jResults.Optimizer best = ours.stream().filter(o -> !Double.isNaN(o.medianTest()))
                .max(java.util.Comparator.comparingDouble(Dl4jResults.Optimizer::medianTest)).orElse(null);
        if (ours.isEmpty()) {
            sb.append(" None of ours ran.");
        } else if (best == null) {
            sb.append(" Every one of ours diverged.");
        } else if (above.isEmpty()) {
            sb.append(String.format(Locale.ROOT, " **None of ours beat it**; the closest was %s at %.4f (%+.4f%s).",
                    best.candidate().label(), best.medianTest(), best.medianTest() - b, pairedText(best)));
        } else {
            sb.append(String.format(Locale.ROOT, " **%d of %d of ours beat it**: best %s at %.4f (%+.4f%s)%s.",
                    above.size(), ours.size(), best.candidate().label(), best.medianTest(), best.medianTest() - b,
                    pairedText(best), above.size() > 1 ? "; also " + String.join(", ", above.stream()
                            .filter(o -> o != best).map(o -> String.format(Locale.ROOT, "%s (%+.4f)",
                                    o.candidate().label(), o.medianTest() - b)).toList()) : ""));
        }
        Dl4jResults.Optimizer fastest = ours.stream().filter(o -> !Double.isNaN(o.medianTest())).min(java.util.Comparator
                .comparingDouble(Dl4jResults.Optimizer::medianSeconds)).orElse(null);
        if (fastest != null) {
            sb.append(String.format(Locale.ROOT, " Fastest of ours per epoch: %s at %.2f× %s's time.",
                    fastest.candidate().label(), fastest.medianSeconds() / base.medianSeconds(), vs));
        }
        List<String> diverged = results.optimizers().stream().filter(Dl4jResults.Optimizer::anyDiverged)
                .map(o -> o.candidate().label()).toList();
        if (!diverged.isEmpty()) {
            sb.append(" Diverged on at least one seed: ").append(String.join(", ", diverged)).append('.');
        }
        return sb.toString();
    }

    private String pairedText(Dl4jResults.Optimizer o) {
        return results.seeds() == 1 ? "" : ", above it on " + results.seedsAbove(o) + " of " + results.seeds()
                + " seeds";
    }

    private String runLine() {
        Dl4jSuite.Settings s = results.settings();
        return String.format(Locale.ROOT, "`%s` — %d optimizers × %d seed%s, %.0f s wall time.", provenance.command(),
                results.optimizers().size(), results.seeds(), results.seeds() == 1 ? "" : "s",
                results.totalSeconds()) + (s.tuned() ? "" : " Nothing tuned.");
    }

    private String protocol() {
        Dl4jSuite.Settings s = results.settings();
        String seeds = results.seeds() == 1 ? "seed " + s.seed()
                : results.seeds() + " seeds (" + s.seed() + " to " + (s.seed() + results.seeds() - 1) + ")";
        return (s.tuned() ? "Each optimizer's learning rate is chosen from its grid by accuracy on " + s.holdout()
                + " training images held out (seed " + s.seed() + "), training on the others; it then trains at that"
                + " rate on " + seeds + ": each seed draws the network's initial weights, the minibatch order and the"
                + " held-out images."
                : "Nothing is tuned: every optimizer runs at its defaults (tuning: none) on " + seeds + ".")
                + " Test accuracy is measured on the " + results.testImages() + " test images; medians over the seeds"
                + " with [min, max]. \"Seeds above\" compares each optimizer with " + vs + " seed by seed (paired: the"
                + " same initial weights and minibatches). A run whose loss becomes infinite or NaN is \"diverged\" and"
                + " counts as worse than any. The epoch time is training only: the curves' " + Dl4jSuite.POINTS_PER_EPOCH
                + " measurements per epoch (test accuracy and loss) are taken with the clock stopped. For OgrTrainer,"
                + " the network is evaluated at the optimizer's evaluation point (Schedule-Free's x, DoG's average)"
                + " where it has one. The runs go one optimizer after another, not interleaved, so on a shared machine"
                + " the epoch times drift with its load: compare costs with the timing protocol (`--pairs N`:"
                + " interleaved rounds, medians of paired ratios).";
    }

    private List<String> optimizerLines() {
        List<String> out = new ArrayList<>();
        for (Dl4jResults.Optimizer o : results.optimizers()) {
            Dl4jSuite.Candidate c = o.candidate();
            String how = switch (c.path()) {
                case DL4J -> "DL4J's `" + c.what() + "` updater";
                case UPDATER -> "`new OgrUpdater(\"" + c.what() + "\")` inside net.fit";
                case TRAINER -> "`OgrTrainer.of(net, \"" + c.what() + "\")`";
            };
            out.add(c.label() + ": " + how + (results.settings().tuned() ? ", learning rates " + grid(c.grid()) : "")
                    + " (" + sideText(o) + ")");
        }
        return out;
    }

    private List<Table> tables() {
        Dl4jResults.Optimizer base = results.baseline();
        int n = results.seeds();
        Table main = new Table("Test accuracy", "Median test accuracy [min, max] over " + n + " seed"
                + (n == 1 ? "" : "s") + " at the " + (results.settings().tuned() ? "chosen" : "default")
                + " learning rate; the test loss is the median mean cross-entropy; time is the median of the epoch"
                + " times, and its ratio to " + vs + "'s. Bold: the highest median accuracy.",
                List.of("optimizer", "side", "path", "learning rate", "test accuracy", "seeds above " + vs,
                        "test loss", "s per epoch", "/ " + vs));
        double top = results.optimizers().stream().mapToDouble(Dl4jResults.Optimizer::medianTest)
                .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
        for (Dl4jResults.Optimizer o : results.optimizers()) {
            // a diverged run's loss counts as +inf: the median is "diverged" only when most seeds diverged
            double loss = Stats.median(o.runs().stream()
                    .mapToDouble(r -> r.diverged() ? Double.POSITIVE_INFINITY : r.testLoss()).toArray());
            main.row(List.of(cell(o.candidate().label()), cell(sideText(o)), cell(o.candidate().path().toString()),
                    cell(eta(o.eta())), new Table.Cell(accuracyCell(o), o.medianTest() == top), cell(paired(o)),
                    cell(!Double.isFinite(loss) ? "diverged" : String.format(Locale.ROOT, "%.4f", loss)),
                    cell(time("%.2f", o, 1)), cell(time("%.2f", o, base.medianSeconds()))));
        }
        List<String> header = new ArrayList<>(List.of("optimizer"));
        for (int k = 0; k < n; k++) {
            header.add("seed " + (results.settings().seed() + k));
        }
        Table perSeed = new Table("Test accuracy per seed", "Each seed's run at the " + (results.settings().tuned()
                ? "chosen" : "default") + " learning rate. Bold: the highest of the column.", header);
        for (Dl4jResults.Optimizer o : results.optimizers()) {
            List<Table.Cell> row = new ArrayList<>(List.of(cell(o.candidate().label())));
            for (int k = 0; k < n; k++) {
                Dl4jResults.Run r = o.runs().get(k);
                int seed = k;
                double best = results.optimizers().stream().mapToDouble(x -> x.runs().get(seed).diverged()
                        ? Double.NEGATIVE_INFINITY : x.runs().get(seed).test()).max().orElse(Double.NaN);
                row.add(new Table.Cell(r.diverged() ? "diverged" : String.format(Locale.ROOT, "%.4f", r.test()),
                        !r.diverged() && r.test() == best));
            }
            perSeed.row(row);
        }
        List<Table> out = new ArrayList<>(List.of(main, perSeed));
        if (results.settings().tuned()) {
            Table tuning = new Table("Learning-rate choice", "Validation accuracy (on the held-out training images,"
                    + " seed " + results.settings().seed() + ") at each learning rate of the optimizer's grid; the"
                    + " highest was chosen.", List.of("optimizer", "learning rate: validation accuracy")).text();
            for (Dl4jResults.Optimizer o : results.optimizers()) {
                tuning.row(List.of(cell(o.candidate().label()), cell(String.join(", ", o.tuning().stream()
                        .map(r -> eta(r.eta()) + ": " + (r.diverged() ? "diverged"
                                : String.format(Locale.ROOT, "%.4f", r.validation()))).toList()))));
            }
            out.add(tuning);
        }
        return out;
    }

    private String accuracyCell(Dl4jResults.Optimizer o) {
        double m = o.medianTest();
        if (Double.isNaN(m)) {
            return "diverged";
        }
        if (results.seeds() == 1) {
            return String.format(Locale.ROOT, "%.4f", m);
        }
        double[] v = o.runs().stream().mapToDouble(r -> r.diverged() ? Double.NEGATIVE_INFINITY : r.test())
                .toArray();
        double lo = Arrays.stream(v).min().orElseThrow();
        double hi = Arrays.stream(v).max().orElseThrow();
        return String.format(Locale.ROOT, "%.4f [%s, %.4f]", m, Double.isInfinite(lo) ? "diverged"
                : String.format(Locale.ROOT, "%.4f", lo), hi);
    }

    private String paired(Dl4jResults.Optimizer o) {
        return o == results.baseline() ? "—" : results.seedsAbove(o) + " of " + results.seeds();
    }

    /**
     * The charts: the optimizers in panels of at most {@value Charts#MAX_SERIES} (DL4J's updaters with the
     * OgrUpdater rows, then the OgrTrainer rows with the baseline), four charts each.
     */
    private void charts(Path dir, ReportDocument d) {
        List<List<Dl4jResults.Optimizer>> panels = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (Dl4jSuite.Path[] paths : List.of(new Dl4jSuite.Path[] {Dl4jSuite.Path.DL4J, Dl4jSuite.Path.UPDATER},
                new Dl4jSuite.Path[] {Dl4jSuite.Path.TRAINER})) {
            List<Dl4jSuite.Path> in = List.of(paths);
            List<Dl4jResults.Optimizer> rest = results.optimizers().stream()
                    .filter(o -> in.contains(o.candidate().path()) && o != results.baseline()).toList();
            boolean trainer = in.contains(Dl4jSuite.Path.TRAINER);
            if (rest.isEmpty() && (trainer || results.optimizers().size() > 1)) {
                continue; // a panel of the baseline alone only when it is the only optimizer
            }
            int from = 0;
            do {
                List<Dl4jResults.Optimizer> panel = new ArrayList<>(List.of(results.baseline()));
                int to = Math.min(rest.size(), from + Charts.MAX_SERIES - 1);
                panel.addAll(rest.subList(from, to));
                panels.add(panel);
                parts.add((trainer ? "trainer" : "updater") + (from == 0 ? "" : "-" + (1 + from / (Charts.MAX_SERIES - 1))));
                from = to;
            } while (from < rest.size());
        }
        String label = label(results.settings());
        for (int i = 0; i < panels.size(); i++) {
            List<Dl4jResults.Optimizer> panel = panels.get(i);
            String part = parts.get(i);
            String who = part.startsWith("trainer") ? "OgrTrainer (with " + vs + ")" : "DL4J's updaters and OgrUpdater";
            for (Kind kind : Kind.values()) {
                Path file = dir.resolve(ReportWriter.PLOTS).resolve(label + "-" + part + "-" + kind.file + ".png");
                d.figure(caption(kind, who), chart(panel, kind, who, file));
            }
        }
    }

    private String caption(Kind kind, String who) {
        return (kind.what.equals("test accuracy") ? "Test accuracy" : "Training loss (mean minibatch cross-entropy"
                + " between measurements, log axis)") + " against " + (kind.seconds ? "training seconds" : "epochs")
                + ", " + who + ": median over " + results.seeds() + " seed" + (results.seeds() == 1 ? "" : "s")
                + (kind.what.equals("test accuracy") ? "; accuracies below the axis are drawn on its lower edge." : ".")
                + " Dashed: DL4J's updaters; dash-dotted: baselines run through ogr; solid: ours.";
    }

    private Path chart(List<Dl4jResults.Optimizer> panel, Kind kind, String who, Path file) {
        XYChart chart = Charts.chart(label(results.settings()) + ": " + kind.what + " against "
                + (kind.seconds ? "seconds" : "epochs") + " — " + who, kind.seconds ? "training seconds" : "epochs",
                kind.what);
        List<String> names = panel.stream().map(o -> o.candidate().label()).toList();
        Map<String, Charts.Style> styles = Charts.styles(names, sideOf(panel));
        boolean accuracy = kind.what.equals("test accuracy");
        double floor = accuracy ? accuracyFloor(panel) : Double.NaN;
        for (Dl4jResults.Optimizer o : panel) {
            List<Dl4jResults.Curve> curves = o.runs().stream().map(Dl4jResults.Run::curve).toList();
            double[] x = pointwiseMedian(curves, kind.seconds ? Dl4jResults.Curve::seconds : Dl4jResults.Curve::epochs);
            double[] y = pointwiseMedian(curves, accuracy ? Dl4jResults.Curve::testAccuracy
                    : Dl4jResults.Curve::trainLoss);
            int length = 0;
            while (length < y.length && Double.isFinite(y[length]) && y[length] > 0) {
                length++; // a diverged run's curve ends where it stopped being finite
            }
            if (length < 2) {
                continue;
            }
            x = Arrays.copyOf(x, length);
            y = Arrays.copyOf(y, length);
            if (accuracy) {
                y = Arrays.stream(y).map(v -> Math.max(v, floor)).toArray();
            }
            Charts.line(chart, o.candidate().label() + (o == results.baseline() ? " (baseline)" : "")
                    + (o.anyDiverged() ? " (diverged)" : ""), x, y, styles.get(o.candidate().label()));
        }
        if (chart.getSeriesMap().isEmpty()) {
            return null;
        }
        if (accuracy) {
            chart.getStyler().setYAxisMin(floor);
            chart.getStyler().setYAxisMax(1.0);
        } else {
            java.util.DoubleSummaryStatistics range = chart.getSeriesMap().values().stream()
                    .flatMapToDouble(s -> Arrays.stream(s.getYData())).summaryStatistics();
            Charts.logLossAxis(chart, range.getMin(), range.getMax());
        }
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        drawn.add(chart);
        return Charts.save(chart, file);
    }

    private Function<String, String> sideOf(List<Dl4jResults.Optimizer> panel) {
        Map<String, String> sides = new LinkedHashMap<>();
        panel.forEach(o -> sides.put(o.candidate().label(), side(o)));
        return sides::get;
    }

    /**
     * The accuracy axis's lower end: 0.05 below the lowest final median accuracy of the panel, rounded down to a
     * multiple of 0.05 (so the final differences are visible; the first points, near chance, are drawn on the edge).
     */
    private double accuracyFloor(List<Dl4jResults.Optimizer> panel) {
        double lowest = panel.stream().mapToDouble(Dl4jResults.Optimizer::medianTest).filter(v -> !Double.isNaN(v))
                .min().orElse(0.0);
        return Math.max(0.0, Math.floor((lowest - 0.05) / 0.05) * 0.05);
    }

    private static double[] pointwiseMedian(List<Dl4jResults.Curve> runs, Function<Dl4jResults.Curve, double[]> field) {
        return Charts.pointwiseMedian(runs.stream().map(field).toList());
    }

    private void writeCsv(Path file) throws IOException {
        Dl4jSuite.Settings s = results.settings();
        StringBuilder sb = new StringBuilder("suite,dataset,model,epochs,optimizer,path,recipe,baseline,phase,seed,eta,"
                + "status,validation_accuracy,test_accuracy,test_loss,wall_seconds\n");
        for (Dl4jResults.Optimizer o : results.optimizers()) {
            for (String phase : List.of("tuning", "evaluation")) {
                for (Dl4jResults.Run r : phase.equals("tuning") ? o.tuning() : o.runs()) {
                    sb.append(String.join(",", List.of(ResultFiles.csv(name), s.dataset(), s.model().name().toLowerCase(Locale.ROOT),
                            String.valueOf(s.epochs()), ResultFiles.csv(o.candidate().label()), o.candidate().path().name()
                                    .toLowerCase(Locale.ROOT), ResultFiles.csv(o.candidate().what()),
                            String.valueOf(o == results.baseline()), phase, String.valueOf(r.seed()),
                            ResultFiles.number(r.eta()), r.diverged() ? "diverged" : "ok",
                            ResultFiles.number(r.validation()), ResultFiles.number(r.test()),
                            ResultFiles.number(r.testLoss()), ResultFiles.number(r.seconds())))).append('\n');
                }
            }
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private void writeJson(Path file) throws IOException {
        Dl4jSuite.Settings s = results.settings();
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> suite = new LinkedHashMap<>();
        suite.put("name", name + "-" + label(s));
        suite.put("description", description());
        suite.put("seeds", results.seeds());
        suite.put("tuned", s.tuned());
        suite.put("optimizers", results.optimizers().stream().map(o -> o.candidate().label()).toList());
        suite.put("baselines", List.of(vs));
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("label", label(s));
        problem.put("dataset", s.dataset());
        problem.put("model", s.model().name().toLowerCase(Locale.ROOT));
        problem.put("epochs", s.epochs());
        problem.put("batch", s.batch());
        problem.put("holdout", s.holdout());
        problem.put("steps_per_epoch", results.steps());
        problem.put("test_images", results.testImages());
        suite.put("problems", List.of(problem));
        root.put("suite", suite);
        root.put("provenance", provenance.asMap());
        root.put("total_seconds", results.totalSeconds());
        List<Map<String, Object>> optimizers = new ArrayList<>();
        for (Dl4jResults.Optimizer o : results.optimizers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", o.candidate().label());
            m.put("path", o.candidate().path().name().toLowerCase(Locale.ROOT));
            m.put("recipe", o.candidate().what());
            m.put("side", side(o));
            m.put("grid", o.candidate().grid());
            m.put("eta", o.eta());
            m.put("median_test_accuracy", o.medianTest());
            m.put("seeds_above_baseline", results.seedsAbove(o));
            m.put("tuning", o.tuning().stream().map(r -> run(r, false)).toList());
            m.put("runs", o.runs().stream().map(r -> run(r, true)).toList());
            optimizers.add(m);
        }
        root.put("optimizers", optimizers);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    private static Map<String, Object> run(Dl4jResults.Run r, boolean withCurve) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", r.seed());
        m.put("eta", r.eta());
        m.put("status", r.diverged() ? "diverged" : "ok");
        m.put("validation_accuracy", r.validation());
        m.put("test_accuracy", r.test());
        m.put("test_loss", r.testLoss());
        m.put("wall_seconds", r.seconds());
        if (withCurve) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("epochs", r.curve().epochs());
            c.put("seconds", r.curve().seconds());
            c.put("train_loss", r.curve().trainLoss());
            c.put("test_accuracy", r.curve().testAccuracy());
            c.put("test_loss", r.curve().testLoss());
            m.put("curve", c);
        }
        return m;
    }

    private static Table.Cell cell(String text) {
        return new Table.Cell(text, false);
    }

    private static String eta(double v) {
        return Double.isNaN(v) ? "default" : ParameterSpec.format(v);
    }

    private static String grid(List<Double> values) {
        return values.stream().map(v -> ParameterSpec.format(v.doubleValue())).toList().toString();
    }


}
