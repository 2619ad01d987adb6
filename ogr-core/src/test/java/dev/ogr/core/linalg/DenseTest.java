package dev.ogr.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The small dense routines against closed forms and against each other. */
class DenseTest {

    @Test
    void choleskyOfAKnownMatrix() {
        // [[4, 2], [2, 3]] = RᵀR with R = [[2, 1], [0, √2]]
        double[] r = new double[4];
        assertTrue(Dense.cholesky(new double[] {4, 2, 2, 3}, r, 2));
        assertArrayEquals(new double[] {2, 1, 0, Math.sqrt(2)}, r, 1e-15);
        double[] inverse = new double[4];
        Dense.invertUpper(r, inverse, 2);
        assertArrayEquals(new double[] {0.5, -0.5 / Math.sqrt(2), 0, 1 / Math.sqrt(2)}, inverse, 1e-15);
    }

    @Test
    void choleskyRefusesMatricesThatAreNotPositiveDefinite() {
        double[] r = new double[4];
        assertFalse(Dense.cholesky(new double[] {1, 2, 2, 1}, r, 2)); // eigenvalues 3 and −1
        assertFalse(Dense.cholesky(new double[] {0, 0, 0, 1}, r, 2));
        assertFalse(Dense.cholesky(new double[] {Double.NaN, 0, 0, 1}, r, 2));
    }

    @Test
    void factorsAndInversesOfRandomMatrices() {
        Random rnd = new Random(2);
        int n = 7;
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextGaussian();
        }
        double[] m = new double[n * n];
        Dense.multiplyTransposed(b, b, m, n); // BᵀB, positive definite
        for (int i = 0; i < n; i++) {
            m[i * n + i] += 1;
        }
        double[] r = new double[n * n];
        assertTrue(Dense.cholesky(m, r, n));
        double[] back = new double[n * n];
        Dense.multiplyTransposed(r, r, back, n);
        assertArrayEquals(m, back, 1e-12);
        double[] inverse = new double[n * n];
        Dense.invertUpper(r, inverse, n);
        double[] identity = new double[n * n];
        Dense.multiply(r, inverse, identity, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(i == j ? 1 : 0, identity[i * n + j], 1e-12);
                if (i > j) {
                    assertEquals(0, inverse[i * n + j], 0.0, "upper triangular");
                }
            }
        }
    }

    @Test
    void productsAgreeWithTheirDefinitions() {
        Random rnd = new Random(4);
        int n = 5;
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        double[] x = new double[n];
        for (int i = 0; i < n * n; i++) {
            a[i] = rnd.nextGaussian();
            b[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] ab = new double[n * n];
        double[] atb = new double[n * n];
        double[] abt = new double[n * n];
        double[] ax = new double[n];
        double[] atx = new double[n];
        Dense.multiply(a, b, ab, n);
        Dense.multiplyTransposed(a, b, atb, n);
        Dense.multiplyByTransposed(a, b, abt, n);
        Dense.multiplyVector(a, x, ax, n);
        Dense.multiplyTransposedVector(a, x, atx, n);
        for (int i = 0; i < n; i++) {
            double sx = 0;
            double stx = 0;
            for (int p = 0; p < n; p++) {
                sx += a[i * n + p] * x[p];
                stx += a[p * n + i] * x[p];
            }
            assertEquals(sx, ax[i], 1e-13);
            assertEquals(stx, atx[i], 1e-13);
            for (int j = 0; j < n; j++) {
                double s = 0;
                double st = 0;
                double sbt = 0;
                for (int p = 0; p < n; p++) {
                    s += a[i * n + p] * b[p * n + j];
                    st += a[p * n + i] * b[p * n + j];
                    sbt += a[i * n + p] * b[j * n + p];
                }
                assertEquals(s, ab[i * n + j], 1e-13);
                assertEquals(st, atb[i * n + j], 1e-13);
                assertEquals(sbt, abt[i * n + j], 1e-13);
            }
        }
    }
}
