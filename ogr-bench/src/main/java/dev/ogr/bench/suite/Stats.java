package dev.ogr.bench.suite;

import java.util.Arrays;

/** Quantiles and geometric means of run results, with +inf for diverged runs and NaN for missing ones. */
public final class Stats {

    private Stats() {
    }

    /**
     * The {@code q}-quantile of the non-NaN values (linear interpolation), NaN if there are none. Equal neighbours are
     * returned as they are, so two diverged runs give +inf rather than inf − inf = NaN.
     */
    public static double quantile(double[] values, double q) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return v[lo] == v[hi] ? v[lo] : v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    /** The median of the non-NaN values. */
    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** The geometric mean of {@code values}, each floored at {@code floor}; +inf if any is +inf or NaN. */
    public static double geometricMean(double[] values, double floor) {
        double sum = 0;
        for (double x : values) {
            if (!(x < Double.POSITIVE_INFINITY)) {
                return Double.POSITIVE_INFINITY;
            }
            sum += Math.log(Math.max(x, floor));
        }
        return Math.exp(sum / values.length);
    }
}
