package dev.ogr.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns the regression model into a displacement along each model coordinate: a clipped step towards the
 * modelled minimum, a σθ/σg-scaled gradient step, and the other rules of the sources.
 */
public interface StepRule {

    /** Creates this rule's state (if any) for a model of the given layout. */
    void init(ModelLayout layout, StrategyState state);

    /**
     * Writes into {@code delta} (length k; of the parameters' type for coordinate-wise models, double otherwise)
     * the displacement along each model coordinate, to be added
     * to the parameters through the basis. {@code learningRate} is the current first-order learning rate, for
     * rules that fall back to gradient steps.
     */
    void step(RegressionModel model, double learningRate, INDArray delta);

    /**
     * Whether this rule reads {@link RegressionModel#covariance} (or anything derived from it: the curvature, the
     * minimum, {@link RegressionModel#defined}); true unless a rule says otherwise. When false, the tracker of a
     * coordinate-wise model does not keep the covariance, and the model's covariance is NaN.
     */
    default boolean readsCovariance() {
        return true;
    }

    /**
     * The fast form of a coordinate-wise rule, run by the core inside its one fused pass over memory (see
     * {@link dev.ogr.api.block.CoordinateKernel}); asked once, after {@link #init}. Null (the default) when the rule
     * has none, or for a layout it cannot fuse: then every step runs {@link #step}.
     */
    default dev.ogr.api.block.CoordinateKernel coordinateKernel() {
        return null;
    }

    /**
     * The point this rule's iterates are to be evaluated and exported at, when it is not θ, the point the gradient is
     * taken at: Schedule-Free's averaged sequence x (the gradient is taken at the interpolation y = θ), an averaged
     * iterate. A state array of the rule's, as long as θ, valid once a step was taken (before it the optimizer
     * reports θ). Null (the default) when θ is the point to evaluate.
     */
    default INDArray evaluationPoint() {
        return null;
    }

    /**
     * The rule's array-op form for coordinate-wise layouts ({@link dev.ogr.api.array.ArrayKernel}): the same
     * arithmetic as whole-array ND4J operations, which the core runs on backends whose memory is not the host's, and
     * on request ({@code OGR_KERNELS=nd4j}); asked once, after {@link #init}. Null (the default) when the rule has
     * none: then a rule with a {@link #coordinateKernel()} runs there through the staged fallback (docs/gpu.md).
     */
    default dev.ogr.api.array.ArrayKernel arrayKernel() {
        return null;
    }
}
