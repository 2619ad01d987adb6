package dev.ogr.api;

import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A function to minimise: its dimension, a starting point, one sample per step, and the full (noise-free) loss
 * used for reporting. Sampling is deterministic: the same objective instance returns equivalent samples for
 * the same step index, so a restored optimizer sees the same data as the original.
 */
public interface Objective {

    /** A short human-readable name, e.g. {@code quadratic(dim=10, ...)}. */
    String name();

    /** The number of parameters D. */
    long dimension();

    /** The data type of the parameters and gradients. */
    default DataType dataType() {
        return DataType.DOUBLE;
    }

    /** Returns a new row vector of length {@link #dimension()} holding the starting point. */
    INDArray initialPoint();

    /** Returns the sample (minibatch, noise draw) used at step {@code step} (0-based). */
    Sample sample(long step);

    /** Returns the full, noise-free loss at {@code theta}, for reporting. Must not modify {@code theta}. */
    double loss(INDArray theta);

    /**
     * Returns a held-out validation batch for step {@code step}, for learners that measure losses on data the
     * gradient did not see (paper 2, §5.3); empty if this objective keeps no validation data.
     */
    default Optional<LossProbe> validation(long step) {
        return Optional.empty();
    }

    /**
     * Returns metrics of {@code theta} on held-out test data (e.g. {@code test_loss}, {@code test_accuracy}), for
     * reports; empty if the objective has no test data.
     */
    default Map<String, Double> testMetrics(INDArray theta) {
        return Map.of();
    }
}
