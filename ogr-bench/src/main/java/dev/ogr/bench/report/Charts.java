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
 * The report's PNG charts, drawn with XChart: loss against steps and against seconds per problem (median over seeds
 * and the band between the quartiles), the learned learning-rate traces, and a performance profile over all problems.
 * Ours are solid coloured lines, the baselines dashed dark ones.
 */
public final class Charts {

    /** Tableau's 20 colours (light ones darkened a little so they read on white). */
    private static final int[] PALETTE = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x17becf, 0xbcbd22, 0x6b8ed6, 0xf4a460, 0x5fbf5f, 0xf07878, 0xa58cc8, 0xb08070, 0xe88cc8, 0x6ec9d8, 0xa9a938,
        0x4b6ea9, 0xc55a11};
    private static final int[] BASELINE_PALETTE = {0x000000, 0x555555, 0x7f3f00, 0x3f3f7f, 0x006400, 0x8b008b};

    private final BenchmarkResults results;

    /** Charts of {@code results}. */
    public Charts(BenchmarkResults results) {
        this.results = results;
        System.setProperty("java.awt.headless", "true");
    }

    /** The colour of an optimizer: by its position among ours or among the baselines. */
    Color color(String optimizer) {
        List<String> group = results.suite().optimizers().stream()
                .filter(o -> results.suite().isBaseline(o) == results.suite().isBaseline(optimizer)).toList();
        int i = group.indexOf(optimizer);
        int[] palette = results.suite().isBaseline(optimizer) ? BASELINE_PALETTE : PALETTE;
        return new Color(palette[i % palette.length]);
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
        for (String o : results.suite().optimizers()) {
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
            any = true;
        }
        if (Double.isFinite(cap)) {
            chart.getStyler().setYAxisMax(cap);
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
        for (String o : results.suite().optimizers()) {
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

    /** The learning rate against steps for the optimizers whose rate changes on {@code p}; null if none does. */
    public Path etaChart(SuiteProblem p, Path file) {
        XYChart chart = chart(p.label() + ": learned learning rate (median over seeds)", "steps",
                "learning rate η (geometric mean between recorded steps)");
        chart.getStyler().setXAxisMin(0.0);
        boolean any = false;
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (String o : results.suite().optimizers()) {
            List<Curve> curves = results.runs(p.label(), o).stream().map(RunRecord::curve)
                    .filter(c -> c != null).toList();
            if (curves.isEmpty() || !learns(curves)) {
                continue;
            }
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
        chart.getStyler().setYAxisLogarithmic(highest > 10 * lowest); // a log axis labels whole decades only
        return any ? save(chart, file) : null;
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
        chart.getStyler().setXAxisLogarithmic(max > 20); // a log axis labels whole decades only
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0#");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        for (int o = 0; o < optimizers.size(); o++) {
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
        XYSeries s = chart.addSeries(optimizer + (results.suite().isBaseline(optimizer) ? " (baseline)" : ""), x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
        s.setLineStyle(results.suite().isBaseline(optimizer)
                ? new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {7, 4}, 0)
                : new BasicStroke(1.8f));
        return s;
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
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

    private static Path save(XYChart chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
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
