package dev.ogr.api.block;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An average tracker that measures positions from a centre c it keeps and moves to the current point before each
 * rotation (paper 1's Alg. 7), able to take each observation as the projections x = (θ − c)·vⱼ and y = g·vⱼ that the
 * optimizer measured in its own pass over memory, and to follow the centre's move c ← θ, written by the optimizer, from
 * the shifts Δⱼ = (θ − c)·vⱼ alone. Then a step along a normalised momentum with centred averages ({@code ogr1dc})
 * runs in two passes over memory like one with plain averages.
 *
 * <p>{@link #observeCentred} must change the tracker exactly as {@code observe(θ, g, basis)} would with those
 * projections, and {@link #centreMoved} plus the optimizer's write of c exactly as {@code beforeRotation}.
 */
public interface CentredTracker {

    /** The live centre c (a vector of the parameters' length and type), or null when this instance keeps none. */
    INDArray centre();

    /** Adds the observation with x = (θ − c)·vⱼ and y = g·vⱼ along each basis vector (not kept). */
    void observeCentred(double[] x, double[] y);

    /** Follows the move of the centre to θ (already written by the caller), shiftⱼ = (θ − c_old)·vⱼ (not kept). */
    void centreMoved(double[] shift);
}
