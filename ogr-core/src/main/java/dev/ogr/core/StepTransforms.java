package dev.ogr.core;

import dev.ogr.api.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What acts around a composition's step, for any recipe, in this order (docs/recipes.md): the gradient is clipped by
 * value (each gᵢ to [−c, c]) and then by norm (g·min(1, c/‖g‖)) before the learner, the direction, the averages and
 * the step rule see it; the step's learning rate is the learner's times the schedule's factor s(t); after the step,
 * the step's displacement is capped at the length r (a trust radius: θ ← θ_t + min(1, r/‖Δ‖)·Δ), and the decoupled
 * weight decay θ ← θ − η_t·λ·θ_t pulls the parameters towards 0 in proportion to where they were.
 *
 * @param schedule  the learning-rate schedule, or null for none (factor 1)
 * @param clipValue the largest |gᵢ|, 0 for no clipping by value
 * @param clipNorm  the largest ‖g‖, 0 for no clipping by norm
 * @param decay     the decoupled weight decay λ, 0 for none
 * @param maxStep   the longest displacement ‖θ_{t+1} − θ_t‖ of the composition's step, 0 for no cap
 */
public record StepTransforms(LearningRateSchedule schedule, double clipValue, double clipNorm, double decay,
        double maxStep) {

    /** Nothing around the step. */
    public static final StepTransforms NONE = new StepTransforms(null, 0, 0, 0, 0);

    /** Checks the values. */
    public StepTransforms {
        if (!(clipValue >= 0) || !(clipNorm >= 0) || !(decay >= 0 && decay <= 1) || !(maxStep >= 0)) {
            throw new IllegalArgumentException("clip-value, clip-norm and max-step must be >= 0 and decay in [0, 1],"
                    + " got " + clipValue + ", " + clipNorm + ", " + maxStep + " and " + decay);
        }
    }

    /** Whether anything acts after the composition's step (the cap or the decay), which needs θ before it. */
    public boolean actsAfterStep() {
        return maxStep > 0 || decay > 0;
    }

    /** Whether the gradient is clipped. */
    public boolean clips() {
        return clipValue > 0 || clipNorm > 0;
    }

    /** Clips {@code gradient} in place (by value, then by norm); nothing when {@link #clips()} is false. */
    public void clip(INDArray gradient) {
        if (clipValue > 0) {
            Transforms.max(gradient, -clipValue, false);
            Transforms.min(gradient, clipValue, false);
        }
        if (clipNorm > 0) {
            double norm = Math.sqrt(Vectors.squaredNorm(gradient));
            if (norm > clipNorm) {
                gradient.muli(clipNorm / norm);
            }
        }
    }

    /** The step's learning rate: {@code eta} times the schedule's factor for step {@code t}. */
    public double rate(double eta, long t) {
        if (schedule == null) {
            return eta;
        }
        double f = schedule.factor(t);
        if (!(f >= 0) || Double.isInfinite(f)) {
            throw new IllegalStateException("step " + t + ": schedule " + schedule + " returned the factor " + f
                    + ", expected a finite value >= 0");
        }
        return eta * f;
    }
}
