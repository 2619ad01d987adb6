package dev.ogr.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a learning-rate learner sees at one step: the step index, the current parameters and gradient, the loss
 * already computed with the gradient, a probe that evaluates the same sample elsewhere, and optionally a probe of
 * a held-out validation batch.
 *
 * @param step     the 0-based step index
 * @param theta    the current parameters; a learner must leave them exactly as they are
 * @param gradient the gradient of the sample at {@code theta}
 * @param loss     the sample's loss at {@code theta}
 * @param probe      evaluates the same sample's loss at other parameters
 * @param validation evaluates a held-out validation batch (paper 2, §5.3), or {@code null} if there is none
 */
public record LearnerInput(long step, INDArray theta, INDArray gradient, double loss, LossProbe probe,
        LossProbe validation) {
}
