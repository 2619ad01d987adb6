package dev.ogr.core.subspace;

import dev.ogr.core.linalg.Dense;

/**
 * The orthonormalisation of W = V + g·bᵀ from k×k quantities alone (Cholesky QR): with the Gram matrix G = VᵀV, the
 * projection y = Vᵀg and s = ‖g‖² measured in one pass,
 * WᵀW = G + y·bᵀ + b·yᵀ + s·b·bᵀ = RᵀR (R upper triangular with a positive diagonal, the factor of W's QR
 * decomposition), so orth(W) = W·R⁻¹ = V·A + g·cᵀ with A = R⁻¹ and c = R⁻ᵀb: a k×k transform of each row of V plus
 * a multiple of the gradient, one pass over V. This is the Q of W's QR decomposition, the basis modified Gram–Schmidt
 * would give, up to rounding. The move of the basis is T = V′ᵀV = AᵀG + c·yᵀ, which trackers use to re-express their
 * averages.
 *
 * <p>Cholesky QR loses orthogonality as fast as cond(W)² grows; here W is V plus a rank-one term, whose condition is
 * at most 1 + γ·√k for the rules of the online-PCA direction (b of norm γ/‖g‖ at most), so the new basis is
 * orthonormal to rounding. Because G is measured from the basis as stored, rounding errors of earlier steps (the
 * basis rounded to float, say) are corrected every step instead of accumulating.
 */
public final class BasisRotation {

    private final int k;
    private final double[] gramOfSum;
    private final double[] factor;
    private final double[] transform;
    private final double[] gradientRow;
    private final double[] transition;

    /** A workspace for bases of k columns. */
    public BasisRotation(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("a basis needs at least one column, got " + k);
        }
        this.k = k;
        gramOfSum = new double[k * k];
        factor = new double[k * k];
        transform = new double[k * k];
        gradientRow = new double[k];
        transition = new double[k * k];
    }

    /** The number of columns k. */
    public int rank() {
        return k;
    }

    /**
     * Plans V′ = orth(V + g·bᵀ) from G = VᵀV ({@code gram}, flat k×k), y = Vᵀg, s = ‖g‖² and b; read the plan
     * through {@link #rowTransform()}, {@link #gradientRow()} and {@link #transition()}.
     *
     * @return false when WᵀW is not numerically positive definite (a degenerate basis or a non-finite input): the
     *         basis should then stay as it is
     */
    public boolean plan(double[] gram, double[] y, double s, double[] b) {
        double[] m = gramOfSum;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                m[i * k + j] = gram[i * k + j] + y[i] * b[j] + b[i] * y[j] + s * b[i] * b[j];
            }
        }
        if (!Dense.cholesky(m, factor, k)) {
            return false;
        }
        Dense.invertUpper(factor, transform, k);
        Dense.multiplyTransposedVector(transform, b, gradientRow, k);
        Dense.multiplyTransposed(transform, gram, transition, k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                transition[i * k + j] += gradientRow[i] * y[j];
            }
        }
        for (double v : transition) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** A = R⁻¹, upper triangular (flat k×k): row i of V′ is row i of V times A, plus gᵢ·c. */
    public double[] rowTransform() {
        return transform;
    }

    /** c = R⁻ᵀb (k entries). */
    public double[] gradientRow() {
        return gradientRow;
    }

    /** T = V′ᵀV (flat k×k, entry (i, j) = v′ᵢ·vⱼ). */
    public double[] transition() {
        return transition;
    }
}
