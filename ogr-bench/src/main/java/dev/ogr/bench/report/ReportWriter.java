package dev.ogr.bench.report;

import dev.ogr.api.ParameterSpec;
import dev.ogr.bench.suite.BenchmarkResults;
import dev.ogr.bench.suite.RunRecord;
import dev.ogr.bench.suite.Stats;
import dev.ogr.bench.suite.Suite;
import dev.ogr.bench.suite.SuiteProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import dev.ogr.bench.suite.Sensitivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Writes a suite's report into a directory: {@code report.md}, a self-contained {@code report.html} (charts embedded
 * as data URIs), {@code results.csv}, {@code results.json} and the PNG charts under {@code plots/}.
 */
public final class ReportWriter {

    private final BenchmarkResults results;
    private final Suite suite;
    private final Map<String, Double> targets;
    private final String command;
    private final Provenance provenance;

    /** A writer of {@code results}; {@code command} is the command line that produced them, for the report. */
    public ReportWriter(BenchmarkResults results, String command) {
        this(results, Provenance.of(command, "unknown", results.totalSeconds()));
    }

    /** A writer of {@code results} with where they come from. */
    public ReportWriter(BenchmarkResults results, Provenance provenance) {
        this.results = results;
        this.suite = results.suite();
        this.targets = results.targets();
        this.command = provenance.command();
        this.provenance = provenance;
    }

    /** The files a report has whatever its problems, relative to its directory. */
    public static final List<String> FILES = List.of("report.md", "report.html", "results.csv", "results.json",
            "tables.tex");
    /** The directory of a report's charts, relative to its directory. */
    public static final String PLOTS = "plots";
    private static final String PROFILE = PLOTS + "/profile.png";
    private static final List<String> PLOT_KINDS = List.of("steps", "seconds", "sweep", "eta");

    private static Path plot(Path dir, String label, String kind) {
        return dir.resolve(PLOTS).resolve(label + "-" + kind + ".png");
    }

    /**
     * Every file a report of problems labelled {@code labels} may have in {@code dir}: {@link #FILES} and the charts
     * (a chart that does not apply to a problem is not written, so some of these may be missing), including every
     * PNG and SVG under {@code plots/} named after a label and a hyphen (the dl4j and lr suites' charts).
     */
    public static List<Path> files(Path dir, List<String> labels) {
        List<Path> out = new ArrayList<>();
        FILES.forEach(f -> out.add(dir.resolve(f)));
        out.add(dir.resolve(PROFILE));
        out.add(Charts.svgOf(dir.resolve(PROFILE)));
        for (String label : labels) {
            PLOT_KINDS.forEach(kind -> {
                out.add(plot(dir, label, kind));
                out.add(Charts.svgOf(plot(dir, label, kind)));
            });
        }
        Path plots = dir.resolve(PLOTS);
        if (Files.isDirectory(plots)) {
            try (java.util.stream.Stream<Path> list = Files.list(plots)) {
                list.filter(f -> {
                    String name = f.getFileName().toString();
                    return (name.endsWith(".png") || name.endsWith(".svg"))
                            && labels.stream().anyMatch(l -> name.startsWith(l + "-"));
                }).filter(f -> !out.contains(f)).forEach(out::add);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot list " + plots, e);
            }
        }
        return out;
    }

    /** Writes every file into {@code dir} (created if needed) and returns the path of {@code report.html}. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(PLOTS));
        ResultFiles.writeCsv(results, targets, dir.resolve("results.csv"));
        ResultFiles.writeJson(results, targets, provenance, dir.resolve("results.json"));
        List<ReportDocument.Figure> figures = charts(dir);
        List<Table> tables = tables();
        ReportDocument document = document(tables, figures);
        Files.writeString(dir.resolve("report.md"), document.markdown(dir), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("tables.tex"), latex(tables), StandardCharsets.UTF_8);
        Path html = dir.resolve("report.html");
        Files.writeString(html, document.html(), StandardCharsets.UTF_8);
        return html;
    }

    /**
     * What the command line prints: where ours beat the baselines and the median final losses, in lines of at most
     * {@link TerminalSummary#WIDTH} characters (the full tables, with quartiles, are in the report).
     */
    public static String summary(BenchmarkResults results) {
        ReportWriter writer = new ReportWriter(results, "");
        List<Table> tables = writer.tables();
        String verdict = writer.verdict().replace("**", "");
        StringBuilder sb = new StringBuilder();
        if (!verdict.isEmpty()) {
            TerminalSummary.wrap(verdict, TerminalSummary.WIDTH + 2, "").forEach(l -> sb.append(l).append('\n'));
            sb.append('\n');
        }
        return sb + TerminalSummary.render(tables.get(0), tables.get(1), TerminalSummary.WIDTH);
    }

    private List<ReportDocument.Figure> charts(Path dir) {
        Charts charts = new Charts(results);
        List<ReportDocument.Figure> out = new ArrayList<>();
        if (results.problemsRun().size() > 1) {
            out.add(new ReportDocument.Figure("Performance profile: for each optimizer, the fraction of problems on which its median"
                    + " run reaches the target within τ times the fewest steps any optimizer needed (higher and further"
                    + " left is better; the value at τ = 1 is the share of problems it was fastest on).",
                    charts.profileChart(targets, dir.resolve(PROFILE))));
        }
        for (SuiteProblem p : results.problemsRun()) {
            String target = " The target is " + loss(targets.get(p.label())) + ".";
            add(out, "Loss of " + p.label() + " against steps: median over seeds, quartiles shaded." + target,
                    charts.lossChart(p, false, plot(dir, p.label(), "steps")));
            add(out, "Loss of " + p.label() + " against seconds of optimizer steps (gradients included): median over"
                    + " seeds.", charts.lossChart(p, true, plot(dir, p.label(), "seconds")));
            if (suite.tuned() && p.grid().size() >= 5) {
                add(out, "Step-size sweep on " + p.label() + ": median final loss over the tuning seeds at each grid"
                        + " value of the optimizer's step size (η, or η₀ for learners that learn it); a missing point"
                        + " diverged.", charts.sweepChart(p, plot(dir, p.label(), "sweep")));
            }
            add(out, "Learned learning rates on " + p.label() + " (optimizers whose η changes), median over seeds.",
                    charts.etaChart(p, plot(dir, p.label(), "eta")));
        }
        return out;
    }

    private static void add(List<ReportDocument.Figure> figures, String caption, Path file) {
        if (file != null) {
            figures.add(new ReportDocument.Figure(caption, file));
        }
    }

    private List<Table> tables() {
        List<SuiteProblem> problems = results.problemsRun();
        List<Table> out = new ArrayList<>();
        out.add(wins());
        out.add(perProblem("Loss at the fixed budget",
                "Final noise-free training loss after each problem's step budget (geometric mean over the starts for"
                        + " lattices): median [25 %, 75 %] over " + suite.seeds() + " seeds at the " + (suite.tuned() ? "tuned" : "preset's own") + " step size."
                        + " Bold: the lowest median.", problems,
                (p, o) -> failed(p, o) ? "error" : cell(results.finalLosses(p.label(), o)),
                (p, o) -> results.medianLoss(p.label(), o)));
        out.add(ranks(problems));
        out.add(perProblem("Steps to target", "Median steps until the loss is at or below the target (row 'target';"
                + " resolution: the recorded steps). '—' : the median run does not reach it.", problems,
                (p, o) -> steps(results.medianStepsTo(p.label(), o, targets.get(p.label()))),
                (p, o) -> results.medianStepsTo(p.label(), o, targets.get(p.label()))));
        out.add(reached(problems));
        out.add(perProblem("Seconds to target", "Median wall seconds of optimizer steps (gradients included) until"
                + " the target; on lattices, per start.", problems,
                (p, o) -> seconds(results.medianSecondsTo(p.label(), o, targets.get(p.label()))),
                (p, o) -> results.medianSecondsTo(p.label(), o, targets.get(p.label()))));
        Table metrics = metrics(problems);
        if (!metrics.isEmpty()) {
            out.add(metrics);
        }
        out.add(perProblem(suite.tuned() ? "Tuned step size" : "Step size (preset default)", suite.tuned()
                ? "The grid value chosen on the tuning seeds (η, or η₀ for learners that learn it) out of " + grid()
                        + " (or the problem's own grid, listed under Protocol)."
                : "The preset's own step size (η, or η₀ for learners that learn it): nothing was tuned.", problems,
                (p, o) -> Double.isNaN(results.eta(p.label(), o)) ? "n/a" : ParameterSpec.format(results.eta(p.label(), o)),
                (p, o) -> Double.NaN));
        if (suite.tuned()) {
            out.add(perProblem("Step-size sensitivity", "Width in decades of the widest run of grid step sizes around"
                    + " the best whose median tuning loss is within " + ParameterSpec.format(Sensitivity.FACTOR)
                    + "× of the best's ('≥' where the run reaches an end of the grid, so the true range may be wider;"
                    + " 0: only the best value). Wider is more forgiving of a step size chosen without tuning."
                    + " Bold: the widest.", problems,
                    (p, o) -> sensitivity(p, o).text(),
                    (p, o) -> -sensitivity(p, o).decades()));
        }
        out.add(perProblem("Cost per step", "The optimizer's own time per step in µs (median over seeds), the loss and"
                + " gradient excluded; the last row is the loss and gradient's time.", problems,
                (p, o) -> micros(median(p, o, RunRecord::optimizerSecondsPerStep)),
                (p, o) -> median(p, o, RunRecord::optimizerSecondsPerStep)));
        return out;
    }

    /** Where each of ours beats the best tuned baseline by median final loss, and where clearly. */
    private Table wins() {
        List<String> baselines = suite.optimizers().stream().filter(suite::isBaseline).toList();
        Table t = new Table(suite.tuned() ? "Where ours beat the tuned baselines" : "Where ours beat the baselines",
                "For each problem, the best baseline (lowest median final loss among " + String.join(", ", baselines)
                        + (suite.tuned() ? ", each tuned alike" : ", each at its defaults") + ") and those of ours (not the"
                        + " parameter-free baselines) whose median is more than 1 % lower, ×factor below it; 'clearly'"
                        + " when our 75 % quantile is below the baseline's 25 % quantile. Last column: ours whose median run"
                        + " reaches the target in fewer steps than every baseline's median run.",
                List.of("problem", "best baseline", "ours below it", "clearly", "fewer steps to target")).text();
        if (baselines.isEmpty()) {
            return t;
        }
        for (SuiteProblem p : results.problemsRun()) {
            String best = null;
            for (String b : baselines) {
                double m = results.medianLoss(p.label(), b);
                if (!Double.isNaN(m) && (best == null || m < results.medianLoss(p.label(), best))) {
                    best = b;
                }
            }
            if (best == null) {
                continue;
            }
            double bm = results.medianLoss(p.label(), best);
            double bq25 = Stats.quantile(results.finalLosses(p.label(), best), 0.25);
            List<String> below = new ArrayList<>();
            List<String> clearly = new ArrayList<>();
            for (String o : suite.optimizers()) {
                if (!side(o).equals(Sides.OURS)) { // the parameter-free baselines are not ours: the verdict says how they did
                    continue;
                }
                double m = results.medianLoss(p.label(), o);
                if (m < bm - 0.01 * Math.abs(bm)) {
                    below.add(o + (p.logScale() && m > 0 ? String.format(Locale.ROOT, " (×%.2g)", bm / m) : ""));
                    if (Stats.quantile(results.finalLosses(p.label(), o), 0.75) < bq25) {
                        clearly.add(o);
                    }
                }
            }
            double target = targets.get(p.label());
            double fastest = Double.POSITIVE_INFINITY;
            String fastestBaseline = null;
            for (String b : baselines) {
                double steps = results.medianStepsTo(p.label(), b, target);
                if (steps < fastest) {
                    fastest = steps;
                    fastestBaseline = b;
                }
            }
            List<String> faster = new ArrayList<>();
            for (String o : suite.optimizers()) {
                double steps = results.medianStepsTo(p.label(), o, target);
                if (side(o).equals(Sides.OURS) && steps < fastest) {
                    faster.add(String.format(Locale.ROOT, "%s (%.0f)", o, steps));
                }
            }
            String versus = fastestBaseline == null ? "no baseline reaches it: "
                    : String.format(Locale.ROOT, "%s %.0f; ", fastestBaseline, fastest);
            t.row(List.of(new Table.Cell(p.label(), false), new Table.Cell(best + " " + loss(bm), false),
                    new Table.Cell(below.isEmpty() ? "none" : String.join(", ", below), false),
                    new Table.Cell(clearly.isEmpty() ? "none" : String.join(", ", clearly), false),
                    new Table.Cell(versus + (faster.isEmpty() ? "none" : String.join(", ", faster)), false)));
        }
        return t;
    }

    private Table metrics(List<SuiteProblem> problems) {
        List<String> header = new ArrayList<>(List.of("optimizer"));
        List<String[]> columns = new ArrayList<>();
        for (SuiteProblem p : problems) {
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            results.runs().stream().filter(r -> r.problem().equals(p.label()))
                    .forEach(r -> names.addAll(r.testMetrics().keySet()));
            for (String m : names) {
                header.add(p.label() + " " + m);
                columns.add(new String[] {p.label(), m});
            }
        }
        Table t = new Table("Held-out metrics", "On each problem's test data after the budget: median [25 %, 75 %]"
                + " over seeds. Bold: the best median.", header);
        if (columns.isEmpty()) {
            return t;
        }
        for (String o : suite.optimizers()) {
            List<Table.Cell> row = new ArrayList<>(List.of(new Table.Cell(name(o), false)));
            for (String[] c : columns) {
                double[] v = results.runs(c[0], o).stream()
                        .mapToDouble(r -> r.testMetrics().getOrDefault(c[1], Double.NaN)).toArray();
                double best = Double.NaN;
                boolean higherBetter = c[1].contains("accuracy");
                for (String other : suite.optimizers()) {
                    double m = Stats.median(results.runs(c[0], other).stream()
                            .mapToDouble(r -> r.testMetrics().getOrDefault(c[1], Double.NaN)).toArray());
                    if (!Double.isNaN(m) && (Double.isNaN(best) || (higherBetter ? m > best : m < best))) {
                        best = m;
                    }
                }
                double m = Stats.median(v);
                row.add(new Table.Cell(Double.isNaN(m) ? "—" : String.format(Locale.ROOT, "%.4g [%.4g, %.4g]", m,
                        Stats.quantile(v, 0.25), Stats.quantile(v, 0.75)), !Double.isNaN(m) && m == best));
            }
            t.row(row);
        }
        return t;
    }

    /** A table with one row per optimizer and one column per problem; the lowest {@code score} per column is bold. */
    private Sensitivity sensitivity(SuiteProblem p, String o) {
        double[] scores = results.tuningScores().getOrDefault(p.label(), Map.of()).get(o);
        return scores == null || scores.length != p.grid().size() ? new Sensitivity(Double.NaN, false, false)
                : Sensitivity.of(p.grid(), scores);
    }

    /** How many problems each optimizer's median run brings to the target, and which; bold: the most. */
    private Table reached(List<SuiteProblem> problems) {
        Table t = new Table("Problems reached", "Per optimizer, the problems on which its median run reaches the target"
                + " within the budget (the targets are those of 'Steps to target'), out of " + problems.size() + ".",
                List.of("optimizer", "reached", "problems"));
        Map<String, List<String>> reached = new java.util.LinkedHashMap<>();
        int most = 0;
        for (String o : suite.optimizers()) {
            List<String> labels = new ArrayList<>();
            for (SuiteProblem p : problems) {
                if (Double.isFinite(results.medianStepsTo(p.label(), o, targets.get(p.label())))) {
                    labels.add(p.label());
                }
            }
            reached.put(o, labels);
            most = Math.max(most, labels.size());
        }
        for (Map.Entry<String, List<String>> e : reached.entrySet()) {
            int n = e.getValue().size();
            t.row(List.of(new Table.Cell(name(e.getKey()), false),
                    new Table.Cell(n + " of " + problems.size(), n == most && n > 0),
                    new Table.Cell(n == 0 ? "none" : String.join(", ", e.getValue()), false)));
        }
        return t;
    }

    private Table perProblem(String title, String caption, List<SuiteProblem> problems,
            java.util.function.BiFunction<SuiteProblem, String, String> text,
            java.util.function.BiFunction<SuiteProblem, String, Double> score) {
        List<String> header = new ArrayList<>(List.of("optimizer"));
        problems.forEach(p -> header.add(p.label()));
        Table t = new Table(title, caption, header).byColumns();
        for (String o : suite.optimizers()) {
            List<Table.Cell> row = new ArrayList<>(List.of(new Table.Cell(name(o), false)));
            for (SuiteProblem p : problems) {
                double best = Double.POSITIVE_INFINITY;
                for (String other : suite.optimizers()) {
                    Double s = score.apply(p, other);
                    if (s != null && s < best) {
                        best = s;
                    }
                }
                Double s = score.apply(p, o);
                row.add(new Table.Cell(text.apply(p, o), s != null && Double.isFinite(s) && s == best));
            }
            t.row(row);
        }
        if (title.startsWith("Steps") || title.startsWith("Seconds")) {
            List<Table.Cell> row = new ArrayList<>(List.of(new Table.Cell("target", false)));
            problems.forEach(p -> row.add(new Table.Cell(loss(targets.get(p.label())), false)));
            t.row(row);
        }
        if (title.startsWith("Cost")) {
            List<Table.Cell> row = new ArrayList<>(List.of(new Table.Cell("(loss and gradient)", false)));
            for (SuiteProblem p : problems) {
                row.add(new Table.Cell(micros(Stats.median(results.runs().stream()
                        .filter(r -> r.problem().equals(p.label()))
                        .mapToDouble(RunRecord::gradientSecondsPerStep).toArray())), false));
            }
            t.row(row);
        }
        return t;
    }

    /**
     * Each optimizer's rank on each problem by median final loss (1: the lowest; an optimizer that does not apply has
     * none), with the mean over the problems it ran on; rows from the best mean rank down.
     */
    private Table ranks(List<SuiteProblem> problems) {
        List<String> header = new ArrayList<>(List.of("optimizer", "mean rank"));
        problems.forEach(p -> header.add(p.label()));
        Table t = new Table("Ranks", "Rank of each optimizer on each problem by median final loss (1: the lowest; ties"
                + " share the better rank; n/a: does not apply), and the mean over the problems it ran on.", header)
                .byColumns();
        record Ranked(String optimizer, double mean, List<String> cells) {
        }
        List<Ranked> rows = new ArrayList<>();
        for (String o : suite.optimizers()) {
            List<String> cells = new ArrayList<>();
            double sum = 0;
            int n = 0;
            for (SuiteProblem p : problems) {
                double m = results.medianLoss(p.label(), o);
                if (Double.isNaN(m)) {
                    cells.add("n/a");
                    continue;
                }
                int rank = 1;
                for (String other : suite.optimizers()) {
                    double x = results.medianLoss(p.label(), other);
                    if (!Double.isNaN(x) && x < m) {
                        rank++;
                    }
                }
                cells.add(String.valueOf(rank));
                sum += rank;
                n++;
            }
            rows.add(new Ranked(o, n == 0 ? Double.NaN : sum / n, cells));
        }
        rows.sort(java.util.Comparator.comparingDouble(r -> Double.isNaN(r.mean()) ? Double.MAX_VALUE : r.mean()));
        double bestMean = rows.isEmpty() ? Double.NaN : rows.get(0).mean();
        for (Ranked r : rows) {
            List<Table.Cell> row = new ArrayList<>(List.of(new Table.Cell(name(r.optimizer()), false),
                    new Table.Cell(Double.isNaN(r.mean()) ? "n/a" : String.format(Locale.ROOT, "%.1f", r.mean()),
                            r.mean() == bestMean)));
            r.cells().forEach(c -> row.add(new Table.Cell(c, c.equals("1"))));
            t.row(row);
        }
        return t;
    }

    /** Which side an optimizer of the suite is on: a tuned baseline, a parameter-free baseline, or ours. */
    private String side(String optimizer) {
        return Sides.of(suite, optimizer);
    }

    /**
     * The verdict at the top of the report: on how many problems the best of ours beat the best tuned baseline (by
     * median final loss, more than 1 %), by how much and how clearly, where none did, and how the parameter-free
     * baselines (presets described as baselines but not listed under the suite's {@code baselines}) fared.
     */
    String verdict() {
        List<String> baselines = suite.optimizers().stream().filter(suite::isBaseline).toList();
        List<String> ours = suite.optimizers().stream().filter(o -> side(o).equals(Sides.OURS)).toList();
        List<String> free = suite.optimizers().stream().filter(o -> side(o).equals(Sides.PARAMETER_FREE)).toList();
        if (baselines.isEmpty() || ours.isEmpty()) {
            return "";
        }
        List<String> won = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> freeWon = new ArrayList<>();
        int clearly = 0;
        List<SuiteProblem> problems = results.problemsRun();
        for (SuiteProblem p : problems) {
            String base = bestOf(p, baselines);
            if (base == null) {
                continue;
            }
            double bm = results.medianLoss(p.label(), base);
            String mine = bestOf(p, ours);
            double m = mine == null ? Double.NaN : results.medianLoss(p.label(), mine);
            if (mine != null && m < bm - 0.01 * Math.abs(bm)) {
                boolean clear = Stats.quantile(results.finalLosses(p.label(), mine), 0.75)
                        < Stats.quantile(results.finalLosses(p.label(), base), 0.25);
                clearly += clear ? 1 : 0;
                won.add(p.label() + " (" + mine + (p.logScale() && m > 0 ? String.format(Locale.ROOT, ", ×%.2g", bm / m)
                        : "") + (clear ? ", clearly" : "") + ")");
            } else {
                lost.add(p.label() + " (" + base + " best)");
            }
            String f = bestOf(p, free);
            if (f != null && results.medianLoss(p.label(), f) < bm - 0.01 * Math.abs(bm)) {
                freeWon.add(p.label() + " (" + f + ")");
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "**Verdict.** By median final loss, the best of"
                + " ours beat the best %s baseline on %d of %d problems", suite.tuned() ? "tuned" : "", won.size(),
                won.size() + lost.size()).replace("best  baseline", "best baseline"));
        if (!won.isEmpty()) {
            sb.append(" (").append(clearly).append(" clearly, quartile ranges apart): ").append(String.join("; ", won));
        }
        sb.append(lost.isEmpty() ? "." : ". None of ours did on " + String.join("; ", lost) + ".");
        if (!free.isEmpty()) {
            sb.append(freeWon.isEmpty() ? " No parameter-free baseline beat the tuned baselines."
                    : " Parameter-free baselines beat the tuned baselines on " + String.join("; ", freeWon) + ".");
        }
        return sb.toString();
    }

    /** The optimizer of {@code among} with the lowest median final loss on {@code p}, or null. */
    private String bestOf(SuiteProblem p, List<String> among) {
        String best = null;
        for (String o : among) {
            double m = results.medianLoss(p.label(), o);
            if (!Double.isNaN(m) && (best == null || m < results.medianLoss(p.label(), best))) {
                best = o;
            }
        }
        return best;
    }

    /** The main tables as LaTeX: where ours beat the baselines, the median losses, the ranks. */
    private String latex(List<Table> tables) {
        StringBuilder sb = new StringBuilder("% ogr benchmark: ").append(suite.name()).append(" (").append(command)
                .append(")\n% needs \\usepackage{booktabs,graphicx}\n\n");
        sb.append(tables.get(0).latex(c -> c));
        sb.append(tables.get(1).latex(c -> c.replaceAll(" \\[.*\\]$", "")));
        sb.append(tables.get(2).latex(c -> c));
        return sb.toString();
    }

    /** Whether the median run of {@code o} on {@code p} is lost to an exception (see the log). */
    private boolean failed(SuiteProblem p, String o) {
        List<RunRecord> runs = results.runs(p.label(), o);
        long errors = runs.stream().filter(r -> RunRecord.ERROR.equals(r.status())).count();
        return Double.isInfinite(results.medianLoss(p.label(), o)) && 2 * errors >= runs.size();
    }

    private double median(SuiteProblem p, String o, ToDoubleFunction<RunRecord> f) {
        return Stats.median(results.runs(p.label(), o).stream().mapToDouble(f).toArray());
    }

    private String name(String optimizer) {
        return suite.isBaseline(optimizer) ? optimizer + " (baseline)" : optimizer;
    }

    private static String cell(double[] losses) {
        double m = Stats.median(losses);
        if (Double.isNaN(m)) {
            return "n/a";
        }
        if (Double.isInfinite(m)) {
            return "diverged";
        }
        return loss(m) + " [" + loss(Stats.quantile(losses, 0.25)) + ", " + loss(Stats.quantile(losses, 0.75)) + "]";
    }

    static String loss(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, "%.2e", v);
    }

    private static String steps(double v) {
        return Double.isNaN(v) ? "n/a" : Double.isInfinite(v) ? "—" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String seconds(double v) {
        return Double.isNaN(v) ? "n/a" : Double.isInfinite(v) ? "—" : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String micros(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.3g", seconds * 1e6);
    }

    private String grid() {
        return suite.grid().stream().map(g -> ParameterSpec.format(g.doubleValue())).toList().toString();
    }

    private String protocol() {
        if (!suite.tuned()) {
            return "No tuning (tuning: none): every optimizer runs at its preset's defaults, the step size included, on "
                    + suite.seeds() + " seeds; this is the protocol of the parameter-free claim, that a method needs no"
                    + " step size chosen for the problem. A run whose loss or gradient becomes non-finite counts as"
                    + " diverged (+inf). Lattice problems run one trajectory per starting point and score the geometric"
                    + " mean of the final losses (each floored at " + ParameterSpec.format(SuiteProblem.LOSS_FLOOR)
                    + "). Targets are the suite's, or else f* + " + suite.tolerance() + "·(f₀ − f*) with f* the best"
                    + " median final loss and f₀ the median initial loss.";
        }
        return "Every optimizer, ours and the baselines, gets the same tuning budget: its main step-size parameter (η of"
                + " the learning-rate learner, η₀ for learners that learn it) is chosen from the log grid " + grid()
                + " by the median final loss over " + suite.tuningSeeds() + " tuning seed(s), then it runs on "
                + suite.seeds() + " fresh seeds at that value. A run whose loss or gradient becomes non-finite counts"
                + " as diverged (+inf). Lattice problems run one trajectory per starting point and score the geometric"
                + " mean of the final losses (each floored at " + ParameterSpec.format(SuiteProblem.LOSS_FLOOR)
                + "). Targets are the suite's,"
                + " or else f* + " + suite.tolerance() + "·(f₀ − f*) with f* the best median final loss and f₀ the"
                + " median initial loss. Rerunning with the same seeds reproduces results.csv exactly apart from its"
                + " timing columns (" + String.join(", ", ResultFiles.TIMING_COLUMNS) + ").";
    }

    private String runLine() {
        return String.format(Locale.ROOT, "`%s` — %s; %d optimizers × %d problems, %.0f s wall time; Java %s, %d cores,"
                + " OMP_NUM_THREADS=%s.", command, ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE),
                suite.optimizers().size(), results.problemsRun().size(), results.totalSeconds(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
    }

    private List<String> problemLines() {
        List<String> out = new ArrayList<>();
        for (SuiteProblem p : suite.problems()) {
            String skip = results.skipped().get(p.label());
            out.add(p.label() + ": `" + p.spec() + "`, " + p.steps() + " steps"
                    + (p.lattice() ? ", " + p.trajectories() + " starts on a lattice" : "")
                    + (p.grid().equals(suite.grid()) ? "" : ", step sizes " + p.grid().stream()
                            .map(g -> ParameterSpec.format(g.doubleValue())).toList())
                    + (skip != null ? " — skipped: " + skip : ""));
        }
        return out;
    }

    /** The report's text: its tables and charts with the suite's title, verdict, provenance and protocol. */
    private ReportDocument document(List<Table> tables, List<ReportDocument.Figure> figures) {
        ReportDocument d = new ReportDocument("ogr benchmark: " + suite.name()).description(suite.description())
                .verdict(verdict()).runLine(runLine()).provenance(provenance)
                .protocol(protocol(), "Problems:", problemLines()).tables(tables)
                .filesLine("Files: `results.csv` (one row per optimizer × problem × seed), `results.json` (the same with"
                        + " the curves and the tuning scores), `report.html` (this report, self-contained), `plots/`.");
        figures.forEach(f -> d.figure(f.caption(), f.file()));
        return d;
    }
}
