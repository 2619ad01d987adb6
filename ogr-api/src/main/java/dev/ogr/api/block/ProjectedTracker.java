package dev.ogr.api.block;

/**
 * An average tracker of a subspace model that can take each observation as the basis coordinates x = Vᵀθ and y = Vᵀg
 * that the optimizer measured in its own pass over memory, and can follow a move of the basis from the k×k matrix
 * T = V′ᵀV alone. Then no D-length work is left to the tracker, and the optimizer's fused subspace step
 * (the execution layer's two-pass subspace step) touches each array at most twice a step.
 *
 * <p>{@link #observeProjections} must change the tracker exactly as {@code observe(θ, g, basis)} would with those
 * projections, and {@link #rotateBasis} exactly as {@code beforeRotation(θ, V, V′)} would with that T.
 */
public interface ProjectedTracker {

    /** Whether this instance can work from projections (e.g. not when it keeps positions about a centre in θ). */
    boolean projects();

    /** Adds the observation with basis coordinates {@code x} = Vᵀθ and {@code y} = Vᵀg (k each; not kept). */
    void observeProjections(double[] x, double[] y);

    /**
     * Re-expresses the averages before the basis moves from V to V′, given T = V′ᵀV as a flat row-major k×k array
     * ({@code transition[i * k + j]} = v′ᵢ·vⱼ; not kept).
     */
    void rotateBasis(double[] transition);
}
