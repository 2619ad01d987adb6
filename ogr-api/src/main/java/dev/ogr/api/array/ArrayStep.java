package dev.ogr.api.array;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one step of the array-op path hands an {@link ArrayKernel} and an {@link ArrayStatistics}: the parameters θ
 * (updated in place by the kernel), the gradient g (read only), the learning rate, the tracker's statistics after
 * this step's observation, and preallocated scratch arrays of θ's length and type. All arrays are dense vectors of
 * θ's length in the backend's memory; none may be kept beyond the call.
 */
public interface ArrayStep {

    /** The most scratch arrays a kernel or statistics may ask for. */
    int MAX_SCRATCH = 6;

    /** θ, to be overwritten with the new θ by the kernel. */
    INDArray theta();

    /** The gradient g at θ; read only. */
    INDArray gradient();

    /** This step's learning rate η. */
    double learningRate();

    /** The number of observations the tracker holds, this step's included (0 without averages). */
    long observations();

    /** The bias-corrected mean position, or null without averages. */
    INDArray meanTheta();

    /** The bias-corrected mean gradient, or null without averages. */
    INDArray meanGradient();

    /** var(θ), or null without averages. */
    INDArray varTheta();

    /** var(g), or null without averages. */
    INDArray varGradient();

    /** cov(g, θ), or null when the tracker keeps none (no averages, or a step rule that does not read it). */
    INDArray covariance();

    /**
     * Scratch array {@code j} (0 ≤ j &lt; the number asked for), of θ's length and type, with unspecified contents;
     * the tracker's update and the kernel share them, one after the other.
     */
    INDArray scratch(int j);
}
