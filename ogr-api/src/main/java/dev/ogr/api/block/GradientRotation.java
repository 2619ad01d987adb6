package dev.ogr.api.block;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A direction provider whose D×k basis V moves after each step to V′ = orth(V + g·bᵀ), the orthonormalised sum of V
 * and an outer product of the latest gradient g with a k-vector b that depends only on k×k quantities. A direction
 * provider declares it to let the core do the move itself wherever θ and the basis are in host memory, instead of
 * calling {@code rotate}: the core measures y = Vᵀg, s = ‖g‖² and the Gram matrix G = VᵀV in one pass (with a
 * projecting tracker, the same pass as its step: the execution layer's two-pass subspace step), asks for b, and
 * orthonormalises the next basis itself (the Q factor of the QR decomposition, with a positive diagonal of R).
 * {@code rotate} then runs only where the core cannot use host memory; it must move the basis to the same V′ up to
 * rounding.
 */
public interface GradientRotation {

    /**
     * The live basis as the k×D array Vᵀ whose rows are the basis vectors, dense in row-major order (the state array
     * the basis is read from; {@code basis().columns()} is its transpose).
     */
    INDArray basisVectors();

    /**
     * Fills {@code b} (k entries) for this step from y = Vᵀg ({@code projection}) and s = ‖g‖²
     * ({@code squaredNorm}).
     *
     * @return false when the basis does not move this step (then {@code b} is unspecified)
     */
    boolean rotationCoefficients(double[] projection, double squaredNorm, double[] b);
}
