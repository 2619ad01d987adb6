package dev.ogr.bench.suite;

import java.util.List;

/**
 * How sensitive an optimizer is to its step size on a problem, from its tuning scores over the grid: the widest run
 * of consecutive grid values around the best whose median final loss is within a factor of the best's.
 *
 * @param decades  log₁₀ of the ratio of the run's largest to its smallest step size (0 for a single value); NaN when
 *                 no score is finite
 * @param atLowEnd  whether the run reaches the smallest grid value (the true range may extend below the grid)
 * @param atHighEnd whether the run reaches the largest grid value
 */
public record Sensitivity(double decades, boolean atLowEnd, boolean atHighEnd) {

    /** The factor of the best final loss that still counts as good: 2. */
    public static final double FACTOR = 2;

    /** The sensitivity for {@code scores} at the ascending step sizes {@code grid} (NaN or +inf: not good). */
    public static Sensitivity of(List<Double> grid, double[] scores) {
        if (grid.size() != scores.length) {
            throw new IllegalArgumentException("a grid of " + grid.size() + " values has " + scores.length + " scores");
        }
        int best = -1;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isFinite(scores[i]) && (best < 0 || scores[i] < scores[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return new Sensitivity(Double.NaN, false, false);
        }
        double limit = scores[best] >= 0 ? FACTOR * scores[best] : scores[best] / FACTOR;
        int lo = best;
        while (lo > 0 && Double.isFinite(scores[lo - 1]) && scores[lo - 1] <= limit) {
            lo--;
        }
        int hi = best;
        while (hi < scores.length - 1 && Double.isFinite(scores[hi + 1]) && scores[hi + 1] <= limit) {
            hi++;
        }
        return new Sensitivity(Math.log10(grid.get(hi) / grid.get(lo)), lo == 0, hi == scores.length - 1);
    }

    /** The width as a report shows it: {@code 1.5}, {@code ≥ 2.0} when the run reaches an end of the grid, n/a. */
    public String text() {
        if (Double.isNaN(decades)) {
            return "n/a";
        }
        return (atLowEnd || atHighEnd ? "≥ " : "") + String.format(java.util.Locale.ROOT, "%.1f", decades);
    }
}
