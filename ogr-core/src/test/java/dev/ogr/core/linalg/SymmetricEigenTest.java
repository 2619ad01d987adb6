package dev.ogr.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Jacobi eigensolver reconstructs its input with orthonormal eigenvectors. */
class SymmetricEigenTest {

    @Test
    void reconstructsRandomSymmetricMatrices() {
        Random r = new Random(3);
        for (int n : new int[] {1, 2, 5, 16}) {
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    a[i][j] = a[j][i] = r.nextGaussian();
                }
            }
            SymmetricEigen e = SymmetricEigen.of(a);
            double[][] q = e.vectors();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double qq = 0;
                    double back = 0;
                    for (int k = 0; k < n; k++) {
                        qq += q[k][i] * q[k][j];
                        back += q[i][k] * e.values()[k] * q[j][k];
                    }
                    assertEquals(i == j ? 1 : 0, qq, 1e-12, "orthonormality");
                    assertEquals(a[i][j], back, 1e-12, "reconstruction");
                }
            }
        }
    }
}
