package dev.ogr.core.subspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.core.kernel.Vec;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cholesky QR from measured k×k quantities gives the basis modified Gram–Schmidt gives, orthonormal to rounding, and
 * the move T = V′ᵀV, also when the old basis is not quite orthonormal.
 */
class BasisRotationTest {

    private static final int D = 40;
    private static final int K = 4;

    /** Modified Gram–Schmidt on the columns w[j][·]; returns the orthonormal columns. */
    private static double[][] gramSchmidt(double[][] w) {
        double[][] q = new double[w.length][];
        for (int j = 0; j < w.length; j++) {
            double[] v = w[j].clone();
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < v.length; i++) {
                    dot += q[p][i] * v[i];
                }
                for (int i = 0; i < v.length; i++) {
                    v[i] -= dot * q[p][i];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
            q[j] = v;
        }
        return q;
    }

    private static double[][] randomColumns(Random r) {
        double[][] w = new double[K][D];
        for (double[] c : w) {
            for (int i = 0; i < D; i++) {
                c[i] = r.nextGaussian();
            }
        }
        return w;
    }

    /** Rotates V (columns v, perturbed by noise) by orth(V + g·bᵀ) through the plan and the applying pass. */
    private static void check(double noise, long seed) {
        Random r = new Random(seed);
        double[][] v = gramSchmidt(randomColumns(r));
        for (double[] c : v) {
            for (int i = 0; i < D; i++) {
                c[i] += noise * r.nextGaussian();
            }
        }
        double[] g = new double[D];
        for (int i = 0; i < D; i++) {
            g[i] = r.nextGaussian();
        }
        INDArray vectors = Nd4j.createFromArray(v);
        INDArray gradient = Nd4j.createFromArray(g);
        Vec basis = SubspaceKernel.vectorsOf(vectors);
        SubspaceKernel kernel = new SubspaceKernel(D, K, 0, true);
        kernel.measure(basis, Vec.of(gradient), Vec.of(gradient), null);
        double[] y = kernel.gradients();
        double s = kernel.squaredNorm();
        double[] b = new double[K];
        for (int j = 0; j < K; j++) {
            b[j] = 0.3 * y[j] / s; // Oja's rule with γ = 0.3
        }
        BasisRotation plan = new BasisRotation(K);
        assertTrue(plan.plan(kernel.gram(), y, s, b));
        kernel.apply(basis, null, Vec.of(gradient), null, 0, null, null, plan.rowTransform(), plan.gradientRow(),
                basis);
        double[][] w = new double[K][D];
        for (int j = 0; j < K; j++) {
            for (int i = 0; i < D; i++) {
                w[j][i] = v[j][i] + g[i] * b[j];
            }
        }
        double[][] expected = gramSchmidt(w);
        double[][] actual = vectors.toDoubleMatrix();
        for (int j = 0; j < K; j++) {
            for (int i = 0; i < D; i++) {
                assertEquals(expected[j][i], actual[j][i], 1e-12, "V'[" + i + "][" + j + "]");
            }
            for (int l = 0; l < K; l++) {
                double gram = 0;
                double move = 0;
                for (int i = 0; i < D; i++) {
                    gram += actual[j][i] * actual[l][i];
                    move += actual[j][i] * v[l][i];
                }
                assertEquals(j == l ? 1 : 0, gram, 1e-12, "orthonormality");
                assertEquals(move, plan.transition()[j * K + l], 1e-12, "T[" + j + "][" + l + "]");
            }
        }
    }

    @Test
    void choleskyQrIsModifiedGramSchmidtOfTheUpdatedBasis() {
        check(0, 1);
        check(0, 2);
    }

    @Test
    void aBasisThatDriftedFromOrthonormalIsCorrectedInTheSameStep() {
        check(1e-6, 3); // e.g. rounding to float: the measured Gram matrix takes it out
    }

    @Test
    void aDegenerateBasisIsNotMoved() {
        BasisRotation plan = new BasisRotation(2);
        assertFalse(plan.plan(new double[4], new double[2], 1, new double[2])); // G = 0: no basis at all
        assertFalse(plan.plan(new double[] {1, 0, 0, 1}, new double[] {Double.NaN, 0}, 1, new double[] {1, 0}));
    }

    @Test
    void theFloatPathRotatesToFloatAccuracy() {
        Random r = new Random(4);
        double[][] v = gramSchmidt(randomColumns(r));
        INDArray vectors = Nd4j.createFromArray(v).castTo(DataType.FLOAT);
        INDArray gradient = Nd4j.rand(DataType.FLOAT, D).subi(0.5);
        Vec basis = SubspaceKernel.vectorsOf(vectors);
        SubspaceKernel kernel = new SubspaceKernel(D, K, 0, true);
        BasisRotation plan = new BasisRotation(K);
        double[] b = new double[K];
        for (int step = 0; step < 200; step++) { // rounding to float does not accumulate: G is measured each step
            kernel.measure(basis, Vec.of(gradient), Vec.of(gradient), null);
            for (int j = 0; j < K; j++) {
                b[j] = 0.5 * kernel.gradients()[j] / kernel.squaredNorm();
            }
            assertTrue(plan.plan(kernel.gram(), kernel.gradients(), kernel.squaredNorm(), b));
            kernel.apply(basis, null, Vec.of(gradient), null, 0, null, null, plan.rowTransform(),
                    plan.gradientRow(), basis);
            gradient.addi(Nd4j.rand(DataType.FLOAT, D).subi(0.5).muli(0.1f));
        }
        double[][] actual = vectors.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int j = 0; j < K; j++) {
            for (int l = 0; l < K; l++) {
                double gram = 0;
                for (int i = 0; i < D; i++) {
                    gram += actual[j][i] * actual[l][i];
                }
                assertEquals(j == l ? 1 : 0, gram, 1e-6, "orthonormality in float");
            }
        }
    }
}
