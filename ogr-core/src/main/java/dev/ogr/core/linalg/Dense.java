package dev.ogr.core.linalg;

/**
 * Small dense matrix routines on flat row-major arrays of doubles (entry (i, j) of an n×n matrix at {@code i * n + j}),
 * for the k×k algebra of subspace models: plain loops that allocate nothing, so they can run every step. Outputs
 * must not alias inputs unless a method says so.
 */
public final class Dense {

    private Dense() {
    }

    /** c ← a·b for n×n matrices. */
    public static void multiply(double[] a, double[] b, double[] c, int n) {
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                c[row + j] = 0;
            }
            for (int p = 0; p < n; p++) {
                double aip = a[row + p];
                int prow = p * n;
                for (int j = 0; j < n; j++) {
                    c[row + j] += aip * b[prow + j];
                }
            }
        }
    }

    /** c ← aᵀ·b for n×n matrices. */
    public static void multiplyTransposed(double[] a, double[] b, double[] c, int n) {
        java.util.Arrays.fill(c, 0, n * n, 0);
        for (int p = 0; p < n; p++) {
            int prow = p * n;
            for (int i = 0; i < n; i++) {
                double api = a[prow + i];
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    c[row + j] += api * b[prow + j];
                }
            }
        }
    }

    /** c ← a·bᵀ for n×n matrices. */
    public static void multiplyByTransposed(double[] a, double[] b, double[] c, int n) {
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                int col = j * n;
                double sum = 0;
                for (int p = 0; p < n; p++) {
                    sum += a[row + p] * b[col + p];
                }
                c[row + j] = sum;
            }
        }
    }

    /** out ← a·x for an n×n matrix and an n-vector. */
    public static void multiplyVector(double[] a, double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += a[row + j] * x[j];
            }
            out[i] = sum;
        }
    }

    /** out ← aᵀ·x for an n×n matrix and an n-vector. */
    public static void multiplyTransposedVector(double[] a, double[] x, double[] out, int n) {
        for (int j = 0; j < n; j++) {
            out[j] = 0;
        }
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double xi = x[i];
            for (int j = 0; j < n; j++) {
                out[j] += a[row + j] * xi;
            }
        }
    }

    /**
     * The Cholesky factor of the symmetric positive definite n×n matrix {@code m} (its upper triangle is read): the
     * upper triangular r with m = rᵀ·r and a positive diagonal, zeros below it.
     *
     * @return false, leaving r unspecified, when a pivot is not positive and finite (m is not numerically positive
     *         definite)
     */
    public static boolean cholesky(double[] m, double[] r, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                r[i * n + j] = 0;
            }
            for (int j = i; j < n; j++) {
                double sum = m[i * n + j];
                for (int p = 0; p < i; p++) {
                    sum -= r[p * n + i] * r[p * n + j];
                }
                if (j == i) {
                    if (!(sum > 0) || !Double.isFinite(sum)) {
                        return false;
                    }
                    r[i * n + i] = Math.sqrt(sum);
                } else {
                    r[i * n + j] = sum / r[i * n + i];
                }
            }
        }
        return true;
    }

    /** out ← r⁻¹ for an upper triangular n×n matrix with a non-zero diagonal (out is upper triangular too). */
    public static void invertUpper(double[] r, double[] out, int n) {
        for (int j = n - 1; j >= 0; j--) {
            int jj = j * n + j;
            out[jj] = 1 / r[jj];
            for (int i = j - 1; i >= 0; i--) {
                double sum = 0;
                for (int p = i + 1; p <= j; p++) {
                    sum += r[i * n + p] * out[p * n + j];
                }
                out[i * n + j] = -sum / r[i * n + i];
            }
            for (int i = j + 1; i < n; i++) {
                out[i * n + j] = 0;
            }
        }
    }
}
