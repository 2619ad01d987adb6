package dev.ogr.bench.dl4j;

import java.util.Arrays;
import java.util.List;

/**
 * What a run of the {@code dl4j} suite measured: for every optimizer its tuning runs (one per learning rate of its
 * grid, on the file's seed), the learning rate chosen, and its runs at that rate on every seed, each with its curve.
 *
 * @param settings     the suite's settings
 * @param seeds        the number of seeds (the file's seed first, then the next ones)
 * @param steps        minibatches per epoch
 * @param testImages   the size of the test set the accuracies are measured on
 * @param optimizers   one entry per optimizer, the baseline first
 * @param totalSeconds the wall time of the whole suite
 */
public record Dl4jResults(Dl4jSuite.Settings settings, int seeds, int steps, int testImages, List<Optimizer> optimizers,
        double totalSeconds) {

    /**
     * One optimizer's runs.
     *
     * @param candidate what it is and how it trains
     * @param tuning    one run per learning rate of its grid on the file's seed (one run at its defaults when the
     *                  suite tunes nothing)
     * @param runs      one run per seed at the chosen learning rate; the first is the chosen tuning run
     */
    public record Optimizer(Dl4jSuite.Candidate candidate, List<Run> tuning, List<Run> runs) {

        /** The learning rate chosen (NaN: the defaults). */
        public double eta() {
            return runs.get(0).eta();
        }

        /**
         * The median test accuracy over the seeds, a diverged run counted as lower than any; NaN when the median
         * falls on a diverged run.
         */
        public double medianTest() {
            double m = median(runs.stream().mapToDouble(Dl4jResults::score).toArray());
            return Double.isInfinite(m) ? Double.NaN : m;
        }

        /** The median epoch time over the seeds. */
        public double medianSeconds() {
            return median(runs.stream().mapToDouble(Run::seconds).toArray());
        }

        /** Whether a run on any seed diverged. */
        public boolean anyDiverged() {
            return runs.stream().anyMatch(Run::diverged);
        }
    }

    /**
     * One training run.
     *
     * @param seed       the seed of its initial weights, minibatch order and held-out images
     * @param eta        its learning rate (NaN: the defaults)
     * @param validation accuracy on the held-out training images
     * @param test       accuracy on the test set
     * @param testLoss   mean cross-entropy on the test set
     * @param seconds    wall time of training (the evaluations for the curve excluded)
     * @param diverged   whether a loss became infinite or NaN
     * @param curve      the curve recorded during training
     */
    public record Run(long seed, double eta, double validation, double test, double testLoss, double seconds,
            boolean diverged, Curve curve) {
    }

    /**
     * A run's curve, at the start and then a fixed number of times per epoch.
     *
     * @param epochs       epochs trained at each point
     * @param seconds      training seconds at each point
     * @param trainLoss    mean minibatch loss since the previous point (at the first point: the first minibatch's)
     * @param testAccuracy accuracy on the test set at each point
     * @param testLoss     mean cross-entropy on the test set at each point
     */
    public record Curve(double[] epochs, double[] seconds, double[] trainLoss, double[] testAccuracy,
            double[] testLoss) {
    }

    /** The baseline's entry. */
    public Optimizer baseline() {
        return optimizers.stream().filter(o -> o.candidate().label().equals(settings.baseline())).findFirst()
                .orElseThrow();
    }

    /**
     * On how many seeds {@code o}'s test accuracy was higher than the baseline's at the same seed (a diverged run is
     * lower than any).
     */
    public int seedsAbove(Optimizer o) {
        List<Run> base = baseline().runs();
        int above = 0;
        for (int k = 0; k < o.runs().size(); k++) {
            above += score(o.runs().get(k)) > score(base.get(k)) ? 1 : 0;
        }
        return above;
    }

    private static double score(Run r) {
        return r.diverged() ? Double.NEGATIVE_INFINITY : r.test();
    }

    /** The median of {@code values}. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
