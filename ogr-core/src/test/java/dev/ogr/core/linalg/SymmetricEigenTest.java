package dev.ogr.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tridiagonal QL eigensolver against closed forms, and its decomposition of random matrices. */
class SymmetricEigenTest {

    private static double[] flat(double[][] a) {
        int n = a.length;
        double[] f = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, f, i * n, n);
        }
        return f;
    }

    private static double[][] randomSymmetric(Random r, int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = r.nextGaussian();
            }
        }
        return a;
    }

    /** The orthogonal matrix I − 2uuᵀ/uᵀu of a random u (a Householder reflection). */
    private static double[][] reflection(Random r, int n) {
        double[] u = new double[n];
        double uu = 0;
        for (int i = 0; i < n; i++) {
            u[i] = r.nextGaussian();
            uu += u[i] * u[i];
        }
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i][j] = (i == j ? 1 : 0) - 2 * u[i] * u[j] / uu;
            }
        }
        return q;
    }

    /** Q·diag(λ)·Qᵀ. */
    private static double[][] withSpectrum(double[][] q, double[] lambda) {
        int n = lambda.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < n; p++) {
                    a[i][j] += q[i][p] * lambda[p] * q[j][p];
                }
            }
        }
        return a;
    }

    /** Orthonormal columns to 1e-12 and A·Q = Q·diag(λ) to 1e-12·(1 + ‖A‖). */
    private static void assertDecomposes(double[][] a, SymmetricEigen e) {
        int n = a.length;
        double norm = 0;
        for (double[] row : a) {
            for (double v : row) {
                norm = Math.max(norm, Math.abs(v));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double qq = 0;
                double aq = 0;
                for (int p = 0; p < n; p++) {
                    qq += e.vector(p, i) * e.vector(p, j);
                    aq += a[i][p] * e.vector(p, j);
                }
                assertEquals(i == j ? 1 : 0, qq, 1e-12, "orthonormality of columns " + i + ", " + j);
                assertEquals(e.values()[j] * e.vector(i, j), aq, 1e-12 * (1 + n * norm), "(AQ - QL)[" + i + "][" + j + "]");
            }
        }
        for (int i = 1; i < n; i++) {
            assertTrue(e.values()[i - 1] <= e.values()[i], "ascending eigenvalues");
        }
    }

    @Test
    void reconstructsRandomSymmetricMatricesUpToSize64() {
        Random r = new Random(3);
        for (int n : new int[] {1, 2, 3, 4, 5, 16, 64}) {
            double[][] a = randomSymmetric(r, n);
            SymmetricEigen e = SymmetricEigen.of(a);
            assertDecomposes(a, e);
            double[][] q = e.vectors(); // the copy agrees with the live entries
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(e.vector(i, j), q[i][j], 0.0);
                }
            }
        }
    }

    @Test
    void aTwoByTwoMatrixHasItsClosedFormEigenvalues() {
        double a = 3;
        double b = -1.5;
        double c = 0.25;
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{a, b}, {b, c}});
        double mid = (a + c) / 2;
        double radius = Math.sqrt((a - c) * (a - c) / 4 + b * b);
        assertEquals(mid - radius, e.values()[0], 1e-14);
        assertEquals(mid + radius, e.values()[1], 1e-14);
        // the eigenvector of λ satisfies (a − λ)x + b·y = 0
        for (int i = 0; i < 2; i++) {
            assertEquals(0, (a - e.values()[i]) * e.vector(0, i) + b * e.vector(1, i), 1e-14);
        }
    }

    @Test
    void recoversAKnownSpectrumAndEigenvectors() {
        Random r = new Random(7);
        int n = 6;
        double[] lambda = {-4, -0.5, 1e-3, 2, 3, 9};
        double[][] q = reflection(r, n);
        double[][] a = withSpectrum(q, lambda);
        SymmetricEigen e = SymmetricEigen.of(a);
        assertArrayEquals(lambda, e.values(), 1e-12);
        for (int i = 0; i < n; i++) { // each eigenvector is ± the known one
            double dot = 0;
            for (int p = 0; p < n; p++) {
                dot += q[p][i] * e.vector(p, i);
            }
            assertEquals(1, Math.abs(dot), 1e-12, "eigenvector " + i);
        }
        assertDecomposes(a, e);
    }

    @Test
    void repeatedEigenvaluesStillGiveAnOrthonormalBasis() {
        Random r = new Random(11);
        int n = 5;
        double[] lambda = {2, 2, 2, 7, 7};
        double[][] a = withSpectrum(reflection(r, n), lambda);
        SymmetricEigen e = SymmetricEigen.of(a);
        assertArrayEquals(lambda, e.values(), 1e-12);
        assertDecomposes(a, e);
    }

    @Test
    void diagonalAndZeroMatricesAreSortedCopiesOfTheirDiagonal() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{3, 0, 0}, {0, -1, 0}, {0, 0, 2}});
        assertArrayEquals(new double[] {-1, 2, 3}, e.values(), 0.0);
        assertEquals(1, Math.abs(e.vector(1, 0)), 0.0);
        assertEquals(1, Math.abs(e.vector(2, 1)), 0.0);
        assertEquals(1, Math.abs(e.vector(0, 2)), 0.0);
        SymmetricEigen zero = SymmetricEigen.of(new double[4][4]);
        assertArrayEquals(new double[4], zero.values(), 0.0);
        assertDecomposes(new double[4][4], zero);
    }

    @Test
    void onlyTheSymmetricPartIsUsedAndTheInputIsKept() {
        double[] a = {1, 4, 0, 3}; // symmetric part [[1, 2], [2, 3]]
        double[] copy = a.clone();
        SymmetricEigen e = new SymmetricEigen(2);
        e.decompose(a);
        assertArrayEquals(copy, a, 0.0);
        SymmetricEigen symmetric = SymmetricEigen.of(new double[][] {{1, 2}, {2, 3}});
        assertArrayEquals(symmetric.values(), e.values(), 0.0);
    }

    @Test
    void aReusedWorkspaceGivesWhatAFreshOneGives() {
        Random r = new Random(5);
        SymmetricEigen reused = new SymmetricEigen(8);
        for (int t = 0; t < 3; t++) {
            double[][] a = randomSymmetric(r, 8);
            reused.decompose(flat(a));
            SymmetricEigen fresh = SymmetricEigen.of(a);
            assertArrayEquals(fresh.values(), reused.values(), 0.0);
            assertArrayEquals(fresh.flatVectors(), reused.flatVectors(), 0.0);
        }
    }

    @Test
    void nonFiniteEntriesGiveNaNEigenvalues() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}});
        assertTrue(Double.isNaN(e.values()[0]) && Double.isNaN(e.values()[1]));
        SymmetricEigen inf = SymmetricEigen.of(new double[][] {{Double.POSITIVE_INFINITY}});
        assertTrue(Double.isNaN(inf.values()[0]));
    }
}
