package dev.ogr.core.linalg;

/**
 * Eigen-decomposition of a small symmetric matrix by the cyclic Jacobi method: A = Q·diag(λ)·Qᵀ with orthonormal
 * eigenvectors in the columns of Q. Accurate to rounding for the d×d matrices of subspace models (d ≤ 64), and
 * free of ND4J op overhead.
 */
public final class SymmetricEigen {

    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes the symmetric matrix {@code a} (only its symmetric part is used; {@code a} is not modified). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][n];
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
            q[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    total += m[i][j] * m[i][j];
                    if (i != j) {
                        off += m[i][j] * m[i][j];
                    }
                }
            }
            if (off <= 1e-30 * total || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int r = p + 1; r < n; r++) {
                    if (m[p][r] == 0) {
                        continue;
                    }
                    double theta = (m[r][r] - m[p][p]) / (2 * m[p][r]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    rotate(m, q, p, r, c, s);
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = m[i][i];
        }
        return new SymmetricEigen(values, q);
    }

    /** Applies the Jacobi rotation in the (p, r) plane: m ← JᵀmJ, q ← qJ. */
    private static void rotate(double[][] m, double[][] q, int p, int r, double c, double s) {
        int n = m.length;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkr = m[k][r];
            m[k][p] = c * mkp - s * mkr;
            m[k][r] = s * mkp + c * mkr;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mrk = m[r][k];
            m[p][k] = c * mpk - s * mrk;
            m[r][k] = s * mpk + c * mrk;
        }
        for (int k = 0; k < n; k++) {
            double qkp = q[k][p];
            double qkr = q[k][r];
            q[k][p] = c * qkp - s * qkr;
            q[k][r] = s * qkp + c * qkr;
        }
    }

    /** The eigenvalues, in the order of the columns of {@link #vectors()}. */
    public double[] values() {
        return values;
    }

    /** The orthonormal eigenvectors, as columns: {@code vectors()[row][column]}. */
    public double[][] vectors() {
        return vectors;
    }
}
