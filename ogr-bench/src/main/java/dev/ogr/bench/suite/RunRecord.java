package dev.ogr.bench.suite;

import java.util.Map;

/**
 * One evaluation run: an optimizer at its tuned step size on one problem and seed, with the recorded loss curve and
 * its timing. Everything but the timing fields is a function of the suite and the seed.
 *
 * @param problem                 the problem's label
 * @param optimizer               the optimizer as listed in the suite
 * @param seed                    the evaluation seed
 * @param eta                     the tuned step size
 * @param status                  {@code ok}, {@code diverged} (a non-finite loss or gradient), {@code error} (an
 *                                exception) or {@code n/a} (the optimizer does not apply, e.g. {@code full-ogr}
 *                                beyond 64 parameters)
 * @param finalLoss               the noise-free loss after the budget (geometric mean over a lattice's starts)
 * @param testMetrics             held-out metrics at the end (e.g. {@code test_accuracy}), empty if the problem has none
 * @param curve                   the loss, time and learning rate at the recorded steps
 * @param wallSeconds             seconds of the whole run (timing)
 * @param optimizerSecondsPerStep the optimizer's own seconds per step, loss and gradient excluded (timing)
 * @param gradientSecondsPerStep  seconds per step spent in the problem's loss and gradient (timing)
 */
public record RunRecord(String problem, String optimizer, long seed, double eta, String status, double finalLoss,
        Map<String, Double> testMetrics, Curve curve, double wallSeconds, double optimizerSecondsPerStep,
        double gradientSecondsPerStep) {

    /** Status of a completed run. */
    public static final String OK = "ok";
    /** Status of a run that met a non-finite loss or gradient. */
    public static final String DIVERGED = "diverged";
    /** Status of a run that threw an exception (a bug in the optimizer or the problem); logged, scored +inf. */
    public static final String ERROR = "error";
    /** Status of an optimizer that cannot run on the problem. */
    public static final String NOT_APPLICABLE = "n/a";

    /** The first recorded step at which the loss is at most {@code target}, or -1 if it never is. */
    public long stepsTo(double target) {
        int i = curve == null ? -1 : curve.firstAtMost(target);
        return i < 0 ? -1 : curve.steps()[i];
    }

    /** Seconds of optimizer steps (gradients included) until the loss is at most {@code target}, or NaN (timing). */
    public double secondsTo(double target) {
        int i = curve == null ? -1 : curve.firstAtMost(target);
        return i < 0 ? Double.NaN : curve.seconds()[i];
    }
}
