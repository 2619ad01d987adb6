package dev.ogr.bench.suite;

/**
 * A run's trace at its recorded steps: the noise-free loss after {@code steps[i]} steps, the seconds of optimizer
 * steps until then (gradients included), and the learning rate of the steps since the previous recorded step
 * (their geometric mean). After a divergence the loss is NaN.
 *
 * @param steps   the recorded step counts, ascending, from 0 to the budget
 * @param loss    the loss at each (geometric mean over a lattice's starts)
 * @param seconds cumulative seconds at each (mean over a lattice's starts)
 * @param eta     the learning rate at each (geometric mean over a lattice's starts; NaN at step 0)
 */
public record Curve(int[] steps, double[] loss, double[] seconds, double[] eta) {

    /** The index of the first recorded loss at most {@code target}, or -1. */
    public int firstAtMost(double target) {
        for (int i = 0; i < loss.length; i++) {
            if (loss[i] <= target) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The steps at which a run of {@code budget} steps records, {@code records} of them: every step if the budget is
     * no larger, else evenly spaced; always 0 and the budget.
     */
    public static int[] schedule(int budget, int records) {
        int points = Math.min(budget, records);
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        for (int k = 0; k <= points; k++) {
            s.add((int) Math.round((double) k * budget / points));
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }
}
