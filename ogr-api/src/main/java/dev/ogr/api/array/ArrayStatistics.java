package dev.ogr.api.array;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The array-op form of a coordinate-wise average tracker ({@link dev.ogr.api.AverageTracker#arrayStatistics()}): it
 * adds one observation of every coordinate with whole-array ND4J operations and exposes its statistics as arrays, for
 * the step rule's {@link ArrayKernel}. Its result must equal the tracker's own {@code observe} up to rounding.
 */
public interface ArrayStatistics {

    /** The statistics of a tracker that keeps none ({@code averages=none}): no arrays, no observation counted. */
    ArrayStatistics NONE = new ArrayStatistics() {
        @Override
        public double beginObservation() {
            return 0;
        }

        @Override
        public long observations() {
            return 0;
        }

        @Override
        public void update(ArrayStep step, double weight) {
            // nothing kept
        }

        @Override
        public boolean keepsStatistics() {
            return false;
        }

        @Override
        public int opsPerStep() {
            return 0;
        }

        @Override
        public String toString() {
            return "no statistics";
        }
    };

    /**
     * Starts this step's observation (advances the bias weight and the observation count, as {@code observe} does)
     * and returns the weight a of the new observation.
     */
    double beginObservation();

    /** The number of observations so far (this step's included, once begun). */
    long observations();

    /** The number of scratch arrays {@link #update} uses, at most {@link ArrayStep#MAX_SCRATCH}; 0 by default. */
    default int scratchArrays() {
        return 0;
    }

    /** Adds the observation of θ and g (from {@code step}) with weight {@code weight}, in place. */
    void update(ArrayStep step, double weight);

    /** Whether the statistics arrays below exist (false for {@link #NONE}). */
    default boolean keepsStatistics() {
        return true;
    }

    /** The number of ND4J op calls one {@link #update} makes; -1 (the default) when it does not say. */
    default int opsPerStep() {
        return -1;
    }

    /** The bias-corrected mean position, or null. */
    default INDArray meanTheta() {
        return null;
    }

    /** The bias-corrected mean gradient, or null. */
    default INDArray meanGradient() {
        return null;
    }

    /** var(θ), or null. */
    default INDArray varTheta() {
        return null;
    }

    /** var(g), or null. */
    default INDArray varGradient() {
        return null;
    }

    /** cov(g, θ), or null when not kept. */
    default INDArray covariance() {
        return null;
    }
}
