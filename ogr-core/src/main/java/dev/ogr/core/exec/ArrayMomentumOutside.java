package dev.ogr.core.exec;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An outside rule whose step the array-op subspace step ({@link ArraySubspaceStep}) takes as whole-array ops: the
 * reference notebooks' momentum step outside the subspace (sOGR's {@code outside=momentum}), m ← m + r·(g − m) every
 * step and, on model steps, θ ← θ + u − V·(Vᵀu) with u = −η·m. Core outside rules implement it.
 */
public interface ArrayMomentumOutside {

    /** Whether this rule's step is exactly that momentum step (otherwise the array-op subspace step does not apply). */
    boolean momentumStepOnly();

    /** The momentum m, the rule's state array, as long as θ and of its type. */
    INDArray momentumArray();

    /** The update rate r = 1 − β of the momentum. */
    double momentumRate();
}
