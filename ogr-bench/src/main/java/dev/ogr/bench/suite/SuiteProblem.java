package dev.ogr.bench.suite;

import java.util.List;
import java.util.Locale;

/**
 * One problem of a suite: a problem specification (see {@code ./ogr list}), its step budget, an optional target loss
 * and an optional lattice of starting points.
 *
 * @param label    the short name used in tables and file names
 * @param spec     the problem in canonical form, e.g. {@code rosenbrock(x0=-1.2, y0=1, noise=0.1)}
 * @param steps    optimizer steps per run (the fixed budget)
 * @param target   the loss that counts as reached, or null to derive it from the results
 * @param starts   starting points (x0, y0) of a lattice, or empty for the problem's own start; with a lattice a run
 *                 is one trajectory per start and its loss is the geometric mean over the starts
 * @param logScale whether losses are plotted and summarised on a log scale (false for losses that go negative)
 * @param grid     the step sizes tuned over on this problem: the problem's own {@code grid}, else the suite's
 * @param records  how many times a run records the noise-free loss (evenly spaced; each is a full pass over the
 *                 training data of a data set)
 */
public record SuiteProblem(String label, String spec, int steps, Double target, List<double[]> starts,
        boolean logScale, List<Double> grid, int records) {

    /** The smallest loss the geometric mean of a lattice takes into account (exact zeros would make it 0). */
    public static final double LOSS_FLOOR = 1e-20;

    /** Whether runs go from a lattice of starts. */
    public boolean lattice() {
        return !starts.isEmpty();
    }

    /** The number of trajectories in one run: the lattice's starts, or 1. */
    public int trajectories() {
        return Math.max(1, starts.size());
    }

    /** The problem specification of trajectory {@code i}: the lattice start added as {@code x0, y0}. */
    public String specOf(int i) {
        if (!lattice()) {
            return spec;
        }
        double[] s = starts.get(i);
        String at = String.format(Locale.ROOT, "x0=%s, y0=%s", s[0], s[1]);
        int open = spec.indexOf('(');
        if (open < 0) {
            return spec + "(" + at + ")";
        }
        String inside = spec.substring(open + 1, spec.lastIndexOf(')')).trim();
        return spec.substring(0, open) + "(" + (inside.isEmpty() ? "" : inside + ", ") + at + ")";
    }
}
