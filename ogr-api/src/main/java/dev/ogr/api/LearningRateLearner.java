package dev.ogr.api;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Supplies the learning rate η of first-order steps: fixed for plain SGD, or learned from the losses and
 * gradients it observes (paper 2's finite-difference learners).
 */
public interface LearningRateLearner {

    /** Creates this learner's state for {@code dimension} parameters of type {@code type}. */
    void init(long dimension, DataType type, StrategyState state);

    /**
     * Returns the learning rate to use at this step, updating the learner's state. Probing the loss through
     * {@link LearnerInput#probe()} is allowed, but the parameters must be left exactly as they were.
     */
    double learningRate(LearnerInput input);
}
