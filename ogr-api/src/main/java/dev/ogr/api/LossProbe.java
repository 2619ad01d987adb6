package dev.ogr.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Evaluates the loss of one fixed sample (minibatch) at arbitrary parameters, for strategies that need
 * extra loss evaluations such as finite-difference learning-rate learners.
 *
 * <p>An implementation must not modify {@code theta}, and the same point must give the same loss every time.
 */
@FunctionalInterface
public interface LossProbe {

    /** Returns the loss of this sample at {@code theta}. */
    double loss(INDArray theta);
}
