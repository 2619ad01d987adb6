package dev.ogr.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One draw of an objective's randomness (a minibatch, a gradient-noise realisation) that can be evaluated
 * any number of times: loss and gradient at the current point, and loss alone elsewhere (the probe).
 */
public interface Sample extends LossProbe {

    /**
     * Computes the loss at {@code theta} and writes the gradient into {@code gradient}, which has the shape
     * and data type of {@code theta}. Must not modify {@code theta}.
     *
     * @return the loss of this sample at {@code theta}
     */
    double lossAndGradient(INDArray theta, INDArray gradient);
}
