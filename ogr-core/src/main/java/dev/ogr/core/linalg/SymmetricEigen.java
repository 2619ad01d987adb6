package dev.ogr.core.linalg;

/**
 * Eigen-decomposition of a small symmetric matrix, A = Q·diag(λ)·Qᵀ with orthonormal eigenvectors in the columns of
 * Q and the eigenvalues in ascending order: Householder reduction to tridiagonal form, then the implicit QL method
 * with implicit shifts (the EISPACK routines tred2 and tql2). It costs about 9n³ flops in all, about what the cyclic
 * Jacobi method spends on each of its 6–10 sweeps (so several times less at n = 64, the largest subspace model); it
 * is backward stable (the computed decomposition is exact for a matrix within a few rounding units of ‖A‖ of A) and
 * free of ND4J op overhead.
 *
 * <p>An instance is a workspace for one size n and is reused: {@link #decompose} allocates nothing, so a subspace
 * model can solve its k×k problems every step without garbage. Matrices are flat, row-major arrays of n·n doubles.
 * A matrix with a NaN or infinite entry gives NaN eigenvalues (and the identity as vectors).
 */
public final class SymmetricEigen {

    private static final double EPSILON = Math.ulp(1.0);
    private static final int MAX_ITERATIONS = 60;

    private final int n;
    private final double[] values;
    private final double[] vectors;
    private final double[] off;

    /** A workspace for n×n matrices. */
    public SymmetricEigen(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("matrix size must be at least 1, got " + n);
        }
        this.n = n;
        values = new double[n];
        vectors = new double[n * n];
        off = new double[n];
    }

    /** Decomposes the symmetric matrix {@code a} (allocating; for tests and one-off use). */
    public static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix must be square, row " + i + " has " + a[i].length
                        + " entries, expected " + n);
            }
            System.arraycopy(a[i], 0, flat, i * n, n);
        }
        SymmetricEigen e = new SymmetricEigen(n);
        e.decompose(flat);
        return e;
    }

    /** The matrix size n. */
    public int size() {
        return n;
    }

    /**
     * Decomposes the symmetric part ½(A + Aᵀ) of the flat row-major n×n matrix {@code a} (not modified); the result is
     * read through {@link #values()} and {@link #vector(int, int)} until the next call.
     */
    public void decompose(double[] a) {
        if (a.length < n * n) {
            throw new IllegalArgumentException("expected " + n * n + " matrix entries, got " + a.length);
        }
        double[] q = vectors;
        boolean finite = true;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = 0.5 * (a[i * n + j] + a[j * n + i]);
                finite &= Double.isFinite(v);
                q[i * n + j] = v;
                q[j * n + i] = v;
            }
        }
        if (!finite) {
            java.util.Arrays.fill(values, Double.NaN);
            java.util.Arrays.fill(q, 0);
            for (int i = 0; i < n; i++) {
                q[i * n + i] = 1;
            }
            return;
        }
        tridiagonalise();
        diagonalise();
    }

    /**
     * Householder reduction of the symmetric matrix in {@code vectors} to tridiagonal form: the diagonal goes to
     * {@code values}, the subdiagonal to {@code off[1..n-1]}, and {@code vectors} becomes the orthogonal matrix of the
     * reduction (EISPACK tred2).
     */
    private void tridiagonalise() {
        double[] d = values;
        double[] e = off;
        double[] v = vectors;
        for (int j = 0; j < n; j++) {
            d[j] = v[(n - 1) * n + j];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0;
            double h = 0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = v[(i - 1) * n + j];
                    v[i * n + j] = 0;
                    v[j * n + i] = 0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0;
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    v[j * n + i] = f;
                    g = e[j] + v[j * n + j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += v[k * n + j] * d[k];
                        e[k] += v[k * n + j] * f;
                    }
                    e[j] = g;
                }
                f = 0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        v[k * n + j] -= f * e[k] + g * d[k];
                    }
                    d[j] = v[(i - 1) * n + j];
                    v[i * n + j] = 0;
                }
            }
            d[i] = h;
        }
        // accumulate the transformations
        for (int i = 0; i < n - 1; i++) {
            v[(n - 1) * n + i] = v[i * n + i];
            v[i * n + i] = 1;
            double h = d[i + 1];
            if (h != 0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = v[k * n + i + 1] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double g = 0;
                    for (int k = 0; k <= i; k++) {
                        g += v[k * n + i + 1] * v[k * n + j];
                    }
                    for (int k = 0; k <= i; k++) {
                        v[k * n + j] -= g * d[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                v[k * n + i + 1] = 0;
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = v[(n - 1) * n + j];
            v[(n - 1) * n + j] = 0;
        }
        v[(n - 1) * n + n - 1] = 1;
        e[0] = 0;
    }

    /**
     * The implicit QL method on the tridiagonal matrix (diagonal {@code values}, subdiagonal {@code off}), applying its
     * rotations to {@code vectors}; then sorts the eigenvalues ascending with their vectors (EISPACK tql2).
     */
    private void diagonalise() {
        double[] d = values;
        double[] e = off;
        double[] v = vectors;
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0;
        double f = 0;
        double largest = 0;
        for (int l = 0; l < n; l++) {
            largest = Math.max(largest, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.abs(e[m]) > EPSILON * largest) {
                m++;
            }
            if (m > l) {
                for (int iteration = 0; iteration < MAX_ITERATIONS && Math.abs(e[l]) > EPSILON * largest;
                        iteration++) {
                    // the shift: the eigenvalue of the leading 2×2 block nearer to d[l]
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = hypot(p, 1);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    // the implicit QL transformation, a chain of plane rotations from m − 1 down to l
                    p = d[m];
                    double c = 1;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0;
                    double s2 = 0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        for (int k = 0; k < n; k++) {
                            int ki = k * n + i;
                            h = v[ki + 1];
                            v[ki + 1] = s * v[ki] + c * h;
                            v[ki] = c * v[ki] - s * h;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
            }
            d[l] += f;
            e[l] = 0;
        }
        // selection sort, ascending, moving the vectors along
        for (int i = 0; i < n - 1; i++) {
            int smallest = i;
            for (int j = i + 1; j < n; j++) {
                if (d[j] < d[smallest]) {
                    smallest = j;
                }
            }
            if (smallest != i) {
                double t = d[i];
                d[i] = d[smallest];
                d[smallest] = t;
                for (int k = 0; k < n; k++) {
                    t = v[k * n + i];
                    v[k * n + i] = v[k * n + smallest];
                    v[k * n + smallest] = t;
                }
            }
        }
    }

    /** √(a² + b²) without overflow or underflow in the squares (faster than {@link Math#hypot}). */
    private static double hypot(double a, double b) {
        double x = Math.abs(a);
        double y = Math.abs(b);
        if (x < y) {
            double t = x;
            x = y;
            y = t;
        }
        if (x == 0) {
            return 0;
        }
        double ratio = y / x;
        return x * Math.sqrt(1 + ratio * ratio);
    }

    /** The eigenvalues, ascending, in the order of the eigenvector columns (live; overwritten by the next call). */
    public double[] values() {
        return values;
    }

    /** Entry {@code row} of eigenvector {@code column}: Q[row][column]. */
    public double vector(int row, int column) {
        return vectors[row * n + column];
    }

    /**
     * The eigenvectors as the columns of the flat row-major n×n matrix Q, entry (row, column) at
     * {@code row * n + column} (live; overwritten by the next call).
     */
    public double[] flatVectors() {
        return vectors;
    }

    /** A copy of the eigenvectors as columns: {@code vectors()[row][column]}. */
    public double[][] vectors() {
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(vectors, i * n, q[i], 0, n);
        }
        return q;
    }
}
