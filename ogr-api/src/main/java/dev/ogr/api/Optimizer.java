package dev.ogr.api;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimizer that owns its parameters and minimises an objective one sample at a time, with state that can
 * be exported and restored bit for bit.
 */
public interface Optimizer {

    /** The live parameter vector (updated in place by {@link #step}): the point the next gradient is taken at. */
    INDArray parameters();

    /**
     * The point to evaluate and export: {@link #parameters()} for most optimizers; for those that take gradients at
     * one point and average towards another (Schedule-Free's interpolation y and average x, an iterate average) the
     * other point. Live; read it, do not modify it. Defaults to {@link #parameters()}.
     */
    default INDArray evaluationPoint() {
        return parameters();
    }

    /** The number of steps taken so far. */
    long iteration();

    /**
     * Evaluates {@code sample} at the current parameters and takes one step.
     *
     * @throws NonFiniteException if the loss or gradient is NaN or infinite; the state is then left unchanged
     */
    default StepResult step(Sample sample) {
        return step(sample, null);
    }

    /**
     * Like {@link #step(Sample)}, with a probe of a held-out validation batch for learning-rate learners that use
     * one (paper 2, §5.3); {@code validation} may be {@code null}.
     */
    StepResult step(Sample sample, LossProbe validation);

    /** A copy of the complete state (parameters included) as named arrays. */
    Map<String, INDArray> exportState();

    /**
     * Overwrites the complete state with {@code state}, as returned by {@link #exportState()} of an optimizer
     * built from the same recipe for the same dimension. Checks everything first: on failure nothing changes.
     */
    void restoreState(Map<String, INDArray> state);

    /** The canonical recipe this optimizer was built from. */
    String recipe();
}
