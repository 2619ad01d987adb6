package dev.ogr.api.block;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A direction provider whose one direction is paper 1's normalised momentum: each step v ← γ·v + g, the model works
 * along v̂ fixed at the end of the previous step, and after the step v̂ ← v/‖v‖ (kept as it was while ‖v‖ is 0 or not
 * finite). A direction provider declares it to let the core do the accumulation and the rotation in its own two passes over memory
 * (the execution layer's two-pass momentum step) instead of calling {@code accumulate} and {@code rotate}; both ways must leave the same state
 * (up to the rounding of the reductions).
 */
public interface NormalisedMomentum {

    /** The momentum coefficient γ. */
    double momentumCoefficient();

    /** The live momentum v, a vector of the parameters' length and type. */
    INDArray momentumVector();

    /** The live unit direction v̂ (the state array the basis is read from), D×1. */
    INDArray unitDirection();
}
