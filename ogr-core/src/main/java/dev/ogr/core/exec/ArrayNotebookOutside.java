package dev.ogr.core.exec;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An outside rule whose step the array-op subspace step ({@link ArraySubspaceStep}) takes as whole-array ops: the
 * reference notebooks' step outside the subspace, u = −(1 − w)·η·m − w·d with the momentum m and, for w &gt; 0, the
 * diagonal dOGR step d = m / max(|cov(g, θ) / var(θ)|, floor) (sOGR's {@code outside=momentum} is w = 0, dsOGR's
 * {@code outside=dogr} blends the two). The rule keeps m and its averages up to date every step
 * ({@link #observeArrays}); on model steps the subspace step moves θ by u − V·(Vᵀu), measuring Vᵀm and Vᵀd with its
 * own reductions. Core outside rules implement it.
 */
public interface ArrayNotebookOutside {

    /** The momentum m, the rule's state array, as long as θ and of its type. */
    INDArray momentumArray();

    /** The weight w of the diagonal step d in u (0: u = −η·m, and {@link #diagonalStep} is never called). */
    double blend();

    /**
     * Takes θ (before the step) and the gradient g into m and, for w &gt; 0, the per-coordinate averages, as
     * {@link #observeOps()} whole-array ops on the arrays where they live; {@code scratch} holds two arrays as long
     * as θ, of its type, whose contents the rule may overwrite.
     */
    void observeArrays(INDArray theta, INDArray gradient, INDArray[] scratch);

    /** The ND4J op calls of {@link #observeArrays}. */
    int observeOps();

    /**
     * Writes the diagonal step d = m / max(|cov / var θ|, floor) into {@code d} (θ's length and type), with the
     * floor of learning rate {@code eta}, as {@link #diagonalStepOps()} ops: a NaN or infinite ratio takes the
     * floor, as on the fused path.
     */
    void diagonalStep(double eta, INDArray d);

    /** The ND4J op calls of {@link #diagonalStep}. */
    int diagonalStepOps();
}
