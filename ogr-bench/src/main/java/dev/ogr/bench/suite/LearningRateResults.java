package dev.ogr.bench.suite;

import java.util.List;
import java.util.Map;

/**
 * What a run of the {@code lr} suite measured: paper 2's Boston table (each learner from every starting η₀ against
 * the best fixed-η SGD) and its MNIST table (the learners against tuned SGD over several seeds), every run with its
 * loss and learning-rate trace.
 *
 * @param seeds        the seeds of the MNIST part
 * @param boston       the Boston part
 * @param mnist        the MNIST part, or null when MNIST could not be found or downloaded
 * @param mnistSkipped why the MNIST part was skipped (null when it ran)
 * @param totalSeconds the suite's wall time
 */
public record LearningRateResults(int seeds, Part boston, Part mnist, String mnistSkipped, double totalSeconds) {

    /**
     * One part: its problem, the SGD grid and its scores, the meta rate chosen for fd-first-order, the best SGD run
     * and one row per learner (and, on MNIST, the tuned SGD first).
     *
     * @param problem  the problem's spec
     * @param steps    steps per run
     * @param sgdGrid  training loss of fixed-η SGD at each η of its grid
     * @param sgdEta   the best η of the grid
     * @param metaGrid training loss of fd-first-order at each meta rate of its grid
     * @param meta     the meta rate chosen
     * @param sgd      the best SGD's runs (one per seed)
     * @param rows     the learners' rows
     */
    public record Part(String problem, int steps, Map<Double, Double> sgdGrid, double sgdEta,
            Map<Double, Double> metaGrid, double meta, Row sgd, List<Row> rows) {
    }

    /**
     * A table row: the learner's name (as paper 2 calls it), its η₀ (NaN for SGD), its recipe, one run per seed
     * and its time per step relative to the best SGD (NaN if it diverged).
     */
    public record Row(String learner, double eta0, String recipe, List<Run> runs, double timeRatio) {
    }

    /**
     * One run.
     *
     * @param seed           its seed
     * @param trainLoss      the final training loss (+inf: diverged)
     * @param testAccuracy   the final test accuracy (NaN where the problem has none)
     * @param secondsPerStep wall time per step
     * @param losses         the minibatch loss at every step (NaN after a divergence)
     * @param etas           the learning rate of every step
     * @param probesPerStep  extra loss evaluations per step (the learners' finite differences)
     */
    public record Run(long seed, double trainLoss, double testAccuracy, double secondsPerStep, double[] losses,
            double[] etas, double probesPerStep) {

        /** Whether the run's loss became infinite or NaN. */
        public boolean diverged() {
            return !Double.isFinite(trainLoss);
        }
    }
}
