package dev.ogr.bench.report;

import dev.ogr.bench.suite.BenchmarkResults;
import dev.ogr.bench.suite.Curve;
import dev.ogr.bench.suite.RunRecord;
import dev.ogr.bench.suite.Stats;
import dev.ogr.bench.suite.SuiteProblem;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart, each as PNG and SVG: loss against steps and against seconds per problem
 * (median over seeds and the band between the quartiles), the step-size sweep, the learned learning-rate traces, and
 * a performance profile over all problems. A panel shows at most {@link #MAX_SERIES} optimizers: the tuned baselines,
 * then the best of ours on that problem (over all problems for the profile), then the best parameter-free baseline;
 * the tables keep them all. Within a panel no two series share a colour: ours are solid lines in distinct colours,
 * the parameter-free baseline dash-dotted, the tuned baselines dashed in dark colours.
 */
public final class Charts {

    /** Tableau's 20 colours (light ones darkened a little so they read on white). */
    private static final int[] PALETTE = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x17becf, 0xbcbd22, 0x6b8ed6, 0xf4a460, 0x5fbf5f, 0xf07878, 0xa58cc8, 0xb08070, 0xe88cc8, 0x6ec9d8, 0xa9a938,
        0x4b6ea9, 0xc55a11};
    private static final int[] BASELINE_PALETTE = {0x000000, 0x555555, 0x7f3f00, 0x3f3f7f, 0x006400, 0x8b008b};

    /** The most series a panel shows. */
    public static final int MAX_SERIES = 8;
    /** The most decades the learning-rate chart's log axis spans (lower rates are drawn on its bottom edge). */
    private static final int ETA_DECADES = 6;
    /** The most tuned baselines a panel shows (the first the suite lists). */
    private static final int MAX_BASELINES = 4;

    private final BenchmarkResults results;
    /** The colour and stroke of each optimizer in the panel being drawn. */
    private Map<String, Style> styles = Map.of();

    /** How a series is drawn. */
    record Style(Color color, BasicStroke stroke) {
    }

    /** Charts of {@code results}. */
    public Charts(BenchmarkResults results) {
        this.results = results;
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * The optimizers a panel of problem {@code p} shows (all problems when null): up to {@value #MAX_BASELINES} tuned
     * baselines, the best parameter-free baseline, and as many of ours as fit in {@value #MAX_SERIES}, best first
     * (by median final loss on p, or by mean rank over all problems).
     */
    List<String> shown(SuiteProblem p) {
        List<String> all = results.suite().optimizers();
        List<String> baselines = all.stream().filter(o -> Sides.of(results.suite(), o).equals(Sides.BASELINE))
                .limit(MAX_BASELINES).toList();
        java.util.function.ToDoubleFunction<String> score = p != null ? o -> orInf(results.medianLoss(p.label(), o))
                : this::meanRank;
        List<String> free = all.stream().filter(o -> Sides.of(results.suite(), o).equals(Sides.PARAMETER_FREE))
                .sorted(java.util.Comparator.comparingDouble(score)).limit(1).toList();
        List<String> ours = all.stream().filter(o -> Sides.of(results.suite(), o).equals(Sides.OURS))
                .sorted(java.util.Comparator.comparingDouble(score))
                .limit(Math.max(1, MAX_SERIES - baselines.size() - free.size())).toList();
        List<String> out = new ArrayList<>(ours);
        out.addAll(free);
        out.addAll(baselines);
        return out.subList(0, Math.min(out.size(), MAX_SERIES));
    }

    private static double orInf(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    /** The mean over problems of the optimizer's rank by median final loss (+inf if it ran on none). */
    private double meanRank(String optimizer) {
        double sum = 0;
        int n = 0;
        for (SuiteProblem p : results.problemsRun()) {
            double m = results.medianLoss(p.label(), optimizer);
            if (Double.isNaN(m)) {
                continue;
            }
            int rank = 1;
            for (String other : results.suite().optimizers()) {
                if (results.medianLoss(p.label(), other) < m) {
                    rank++;
                }
            }
            sum += rank;
            n++;
        }
        return n == 0 ? Double.POSITIVE_INFINITY : sum / n;
    }

    /**
     * The styles of a panel showing {@code shown}: ours and the parameter-free baseline take the palette's colours in
     * turn (solid, and dash-dotted), the tuned baselines the dark colours in turn (dashed); no colour twice.
     */
    Map<String, Style> styles(List<String> shown) {
        return styles(shown, o -> Sides.of(results.suite(), o));
    }

    /**
     * The styles of a panel showing {@code shown}, each on the side {@code side} gives ({@link Sides}): ours and
     * parameter-free baselines take the palette's colours in turn (solid, and dash-dotted), tuned baselines the dark
     * colours in turn (dashed); no colour twice within {@value #MAX_SERIES} series.
     */
    static Map<String, Style> styles(List<String> shown, java.util.function.Function<String, String> side) {
        Map<String, Style> out = new java.util.LinkedHashMap<>();
        int light = 0;
        int dark = 0;
        for (String o : shown) {
            String s = side.apply(o);
            if (s.equals(Sides.BASELINE)) {
                out.put(o, new Style(new Color(BASELINE_PALETTE[dark++ % BASELINE_PALETTE.length]),
                        new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {7, 4}, 0)));
            } else {
                out.put(o, new Style(new Color(PALETTE[light++ % PALETTE.length]), s.equals(Sides.OURS)
                        ? new BasicStroke(1.8f)
                        : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
                                new float[] {9, 3, 2, 3}, 0)));
            }
        }
        return out;
    }

    /**
     * Draws a loss axis on a log scale that is readable whatever its span: labels at every decade where the values
     * span two decades or more, and between the decades (2, 3, 5, ...) where they span less.
     */
    static void logLossAxis(XYChart chart, double min, double max) {
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(max / min >= 100);
    }

    /** Adds a line without markers, drawn in {@code style}, named {@code name}. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Style style) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(style.color());
        s.setLineStyle(style.stroke());
        return s;
    }

    /** The colour of an optimizer in the panel being drawn. */
    Color color(String optimizer) {
        return styles.get(optimizer).color();
    }

    /** Starts a panel of problem {@code p} (all problems when null): the optimizers it shows, with their styles. */
    private List<String> panel(SuiteProblem p) {
        List<String> shown = shown(p);
        styles = styles(shown);
        return shown;
    }

    /** Loss against steps ({@code seconds} false) or against seconds, median and quartile band per optimizer. */
    public Path lossChart(SuiteProblem p, boolean seconds, Path file) {
        XYChart chart = chart(p.label() + (p.lattice() ? ": geometric mean over " + p.trajectories() + " starts" : "")
                + (seconds ? ", against time" : ""), seconds ? "seconds (optimizer and gradient)" : "steps",
                p.lattice() ? "loss (geometric mean)" : "loss");
        // median over seeds; on a time axis at each recorded step, the median of the seeds' elapsed seconds
        chart.getStyler().setYAxisLogarithmic(p.logScale());
        chart.getStyler().setXAxisLogarithmic(seconds);
        // the y range: from the lowest value to 10 times the starting loss; a diverging run ends at the top edge
        double start = Double.NEGATIVE_INFINITY;
        for (String o : results.suite().optimizers()) {
            for (RunRecord r : results.runs(p.label(), o)) {
                if (r.curve() != null) {
                    start = Math.max(start, r.curve().loss()[0]);
                }
            }
        }
        double cap = p.logScale() ? 3 * start : start + 3 * Math.abs(start) + 1;
        double floor = p.logScale() ? SuiteProblem.LOSS_FLOOR : -Double.MAX_VALUE;
        boolean any = false;
        double xLow = Double.POSITIVE_INFINITY;
        double xHigh = 0;
        for (String o : panel(p)) {
            List<Curve> curves = results.runs(p.label(), o).stream().map(RunRecord::curve)
                    .filter(c -> c != null).toList();
            if (curves.isEmpty()) {
                continue;
            }
            double[] x = seconds ? quantiles(curves, Curve::seconds, 0.5) : Arrays.stream(curves.get(0).steps())
                    .asDoubleStream().toArray();
            double[] median = clip(quantiles(curves, Curve::loss, 0.5), floor, cap);
            double[] low = clip(quantiles(curves, Curve::loss, 0.25), floor, cap);
            double[] high = clip(quantiles(curves, Curve::loss, 0.75), floor, cap);
            if (seconds) { // a log time axis: from the first step on (step 0 is at 0 s)
                x = Arrays.copyOfRange(x, 1, x.length);
                median = Arrays.copyOfRange(median, 1, median.length);
                low = Arrays.copyOfRange(low, 1, low.length);
                high = Arrays.copyOfRange(high, 1, high.length);
            }
            int n = untilCap(median, cap);
            if (n < 2 || !Double.isFinite(x[n - 1]) || seconds && !(x[0] > 0)) {
                continue;
            }
            Color c = color(o);
            if (curves.size() > 1) {
                int nb = Math.min(n, Math.min(untilCap(low, cap), untilCap(high, cap)));
                if (nb >= 2) {
                    double[] bx = new double[2 * nb];
                    double[] by = new double[2 * nb];
                    for (int i = 0; i < nb; i++) {
                        bx[i] = x[i];
                        by[i] = high[i];
                        bx[2 * nb - 1 - i] = x[i];
                        by[2 * nb - 1 - i] = low[i];
                    }
                    XYSeries band = chart.addSeries(o + " quartiles", bx, by);
                    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                    band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 28));
                    band.setLineColor(new Color(0, 0, 0, 0));
                    band.setMarker(SeriesMarkers.NONE);
                    band.setShowInLegend(false);
                }
            }
            line(chart, o, Arrays.copyOf(x, n), Arrays.copyOf(median, n), c);
            xLow = Math.min(xLow, x[0]);
            xHigh = Math.max(xHigh, x[n - 1]);
            any = true;
        }
        if (Double.isFinite(cap)) {
            chart.getStyler().setYAxisMax(cap);
        }
        if (seconds && any) { // whole decades at both ends, so that a log axis has at least two labelled ticks
            chart.getStyler().setXAxisMin(Math.pow(10, Math.floor(Math.log10(xLow))));
            chart.getStyler().setXAxisMax(Math.pow(10, Math.ceil(Math.log10(xHigh) + 1e-9)));
        }
        return any ? save(chart, file) : null;
    }

    /**
     * The step-size sweep: median final loss over the tuning seeds against the grid's step sizes, log-log, one line per
     * optimizer (its finite points only); null if no optimizer has two finite points.
     */
    public Path sweepChart(SuiteProblem p, Path file) {
        XYChart chart = chart(p.label() + ": final loss against the step size (median over tuning seeds)",
                "step size (eta, or eta0)", p.lattice() ? "final loss (geometric mean)" : "final loss");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        Map<String, double[]> scores = results.tuningScores().getOrDefault(p.label(), Map.of());
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (double[] s : scores.values()) {
            for (double v : s) {
                if (Double.isFinite(v) && v > 0) {
                    lowest = Math.min(lowest, v);
                    highest = Math.max(highest, v);
                }
            }
        }
        // at most eight decades, so that the log axis stays readable: losses above are drawn at the top edge
        double top = Math.pow(10, Math.ceil(Math.log10(Math.min(highest, lowest * 1e8))));
        double bottom = Math.pow(10, Math.floor(Math.log10(lowest)));
        boolean any = false;
        for (String o : panel(p)) {
            double[] s = scores.get(o);
            if (s == null || s.length != p.grid().size()) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < s.length; i++) {
                if (Double.isFinite(s[i]) && s[i] > 0) {
                    xs.add(p.grid().get(i));
                    ys.add(Math.min(s[i], top));
                }
            }
            if (xs.size() >= 2) {
                XYSeries series = line(chart, o, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                        ys.stream().mapToDouble(Double::doubleValue).toArray(), color(o));
                series.setMarker(SeriesMarkers.CIRCLE);
                any = true;
            }
        }
        if (any) {
            chart.getStyler().setYAxisMin(bottom);
            chart.getStyler().setYAxisMax(top);
        }
        return any ? save(chart, file) : null;
    }

    /**
     * The learning rate against steps for the optimizers whose rate changes on {@code p} (the best
     * {@value #MAX_SERIES} of them by median final loss); null if none does. The y axis is logarithmic over whole
     * decades (at most {@value #ETA_DECADES}, lower rates on the bottom edge) when the rates span more than one, else
     * linear from 0 with a handful of ticks.
     */
    public Path etaChart(SuiteProblem p, Path file) {
        XYChart chart = chart(p.label() + ": learned learning rate (median over seeds)", "steps",
                "learning rate η (geometric mean between recorded steps)");
        chart.getStyler().setXAxisMin(0.0);
        List<String> learning = results.suite().optimizers().stream().filter(o -> {
            List<Curve> curves = results.runs(p.label(), o).stream().map(RunRecord::curve).filter(c -> c != null)
                    .toList();
            return !curves.isEmpty() && learns(curves);
        }).sorted(java.util.Comparator.comparingDouble(o -> orInf(results.medianLoss(p.label(), o))))
                .limit(MAX_SERIES).toList();
        styles = styles(learning);
        boolean any = false;
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (String o : learning) {
            List<Curve> curves = results.runs(p.label(), o).stream().map(RunRecord::curve)
                    .filter(c -> c != null).toList();
            double[] eta = quantiles(curves, Curve::eta, 0.5);
            int[] steps = curves.get(0).steps();
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 1; i < eta.length; i++) {
                if (eta[i] > 0 && Double.isFinite(eta[i])) {
                    xs.add((double) steps[i]);
                    ys.add(eta[i]);
                }
            }
            if (xs.size() >= 2) {
                lowest = Math.min(lowest, ys.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
                highest = Math.max(highest, ys.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
                line(chart, o, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                        ys.stream().mapToDouble(Double::doubleValue).toArray(), color(o));
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        if (highest > 10 * lowest) { // a log axis labels whole decades: begin and end on one, at most six apart
            double top = Math.pow(10, Math.ceil(Math.log10(highest)));
            double bottom = Math.max(Math.pow(10, Math.floor(Math.log10(lowest))), top / Math.pow(10, ETA_DECADES));
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(bottom);
            chart.getStyler().setYAxisMax(top);
            for (XYSeries series : chart.getSeriesMap().values()) { // rates below the axis are drawn on its bottom edge
                double[] y = series.getYData();
                double[] clipped = Arrays.stream(y).map(v -> Math.max(v, bottom)).toArray();
                chart.updateXYSeries(series.getName(), series.getXData(), clipped, null);
            }
        } else { // linear from 0: XChart spaces about a handful of ticks over the range
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(niceCeiling(highest));
            chart.getStyler().setYAxisDecimalPattern("0.###E0");
        }
        return save(chart, file);
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k at or above {@code v} (v > 0): an axis end with round ticks. */
    static double niceCeiling(double v) {
        double decade = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * decade >= v * (1 - 1e-12)) {
                return m * decade;
            }
        }
        return 10 * decade;
    }

    /**
     * Dolan and Moré's performance profile over the steps to each problem's target: for each optimizer, the fraction
     * of problems it solves within τ times the fewest steps any optimizer needed.
     */
    public Path profileChart(Map<String, Double> targets, Path file) {
        List<SuiteProblem> problems = results.problemsRun();
        List<String> optimizers = results.suite().optimizers();
        double[][] ratio = PerformanceProfile.ratios(results, targets);
        double max = 2;
        for (double[] row : ratio) {
            for (double r : row) {
                if (Double.isFinite(r)) {
                    max = Math.max(max, r * 1.5);
                }
            }
        }
        XYChart chart = chart("Performance profile over " + problems.size() + " problems (steps to target)",
                "τ (steps relative to the fewest any optimizer needed)", "fraction of problems solved within τ");
        chart.getStyler().setXAxisLogarithmic(true); // Dolan and Moré's log τ axis, from 1 to a whole decade
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setXAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
        chart.getStyler().setYAxisDecimalPattern("0.0#");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        List<String> shown = panel(null);
        for (int o = 0; o < optimizers.size(); o++) {
            if (!shown.contains(optimizers.get(o))) {
                continue;
            }
            double[] taus = PerformanceProfile.taus(max);
            double[] rho = new double[taus.length];
            for (int i = 0; i < taus.length; i++) {
                rho[i] = PerformanceProfile.fraction(ratio[o], taus[i]);
            }
            XYSeries s = line(chart, optimizers.get(o), taus, rho, color(optimizers.get(o)));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        }
        return save(chart, file);
    }

    private static boolean learns(List<Curve> curves) {
        for (Curve c : curves) {
            double first = Double.NaN;
            for (int i = 1; i < c.eta().length; i++) {
                double e = c.eta()[i];
                if (Double.isNaN(first)) {
                    first = e;
                } else if (Double.isFinite(e) && Math.abs(e - first) > 1e-9 * Math.abs(first)) {
                    return true;
                }
            }
        }
        return false;
    }

    private XYSeries line(XYChart chart, String optimizer, double[] x, double[] y, Color c) {
        return line(chart, optimizer + (results.suite().isBaseline(optimizer) ? " (baseline)" : ""), x, y,
                new Style(c, styles.get(optimizer).stroke()));
    }

    static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(1000).height(560).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setPlotGridLinesColor(new Color(0xe6e6e6));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setAntiAlias(true);
        return chart;
    }

    /** Writes {@code file} (a PNG) and the same chart as SVG beside it; returns the PNG's path. */
    static Path save(XYChart chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            org.knowm.xchart.VectorGraphicsEncoder.saveVectorGraphic(chart, svgOf(file).toString(),
                    org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * At each index, the median over {@code runs} of their values (the shortest run's length; NaN, a diverged point,
     * counted as larger than any, and NaN where the median falls on one).
     */
    static double[] pointwiseMedian(List<double[]> runs) {
        int n = runs.stream().mapToInt(r -> r.length).min().orElse(0);
        double[] out = new double[n];
        double[] at = new double[runs.size()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < runs.size(); k++) {
                double v = runs.get(k)[i];
                at[k] = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
            }
            double m = Stats.median(at);
            out[i] = Double.isInfinite(m) ? Double.NaN : m;
        }
        return out;
    }

    /** The SVG beside the PNG {@code png}. */
    public static Path svgOf(Path png) {
        String name = png.getFileName().toString();
        return png.resolveSibling(name.substring(0, name.length() - ".png".length()) + ".svg");
    }

    private static double[] quantiles(List<Curve> curves, java.util.function.Function<Curve, double[]> field,
            double q) {
        int n = field.apply(curves.get(0)).length;
        double[] out = new double[n];
        double[] at = new double[curves.size()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < curves.size(); k++) {
                double v = field.apply(curves.get(k))[i];
                at[k] = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v; // a diverged run is worse than any
            }
            out[i] = Stats.quantile(at, q);
        }
        return out;
    }

    /** Values clipped into [floor, cap] (NaN, a diverged run, becomes the cap). */
    private static double[] clip(double[] v, double floor, double cap) {
        return Arrays.stream(v).map(x -> Double.isNaN(x) || x > cap ? cap : Math.max(x, floor)).toArray();
    }

    /** The length of the series up to and including its first point at the cap. */
    private static int untilCap(double[] v, double cap) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] >= cap) {
                return i + 1;
            }
        }
        return v.length;
    }
}
