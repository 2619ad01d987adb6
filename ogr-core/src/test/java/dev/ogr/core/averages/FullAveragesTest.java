package dev.ogr.core.averages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.Basis;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.StrategyState;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The full tracker's Lyapunov solve against known Hessians. */
class FullAveragesTest {

    private static final int K = 4;

    private static double[][] symmetric(Random r, boolean definite) {
        double[][] h = new double[K][K];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j <= i; j++) {
                h[i][j] = h[j][i] = r.nextGaussian();
            }
            if (definite) {
                h[i][i] += 2 * K;
            }
        }
        return h;
    }

    private static FullAverages observeQuadratic(double[][] h, Basis basis, Random r) {
        FullAverages tracker = new FullAverages(0.8);
        tracker.init(new ModelLayout(Geometry.SUBSPACE, K, K, DataType.DOUBLE), new StrategyState());
        double[] minimum = {0.5, -1, 2, 0};
        for (int t = 0; t < 12; t++) {
            double[] theta = new double[K];
            double[] g = new double[K];
            for (int i = 0; i < K; i++) {
                theta[i] = minimum[i] + r.nextGaussian();
            }
            for (int i = 0; i < K; i++) {
                for (int j = 0; j < K; j++) {
                    g[i] += h[i][j] * (theta[j] - minimum[j]);
                }
            }
            tracker.observe(Nd4j.createFromArray(theta), Nd4j.createFromArray(g), basis);
        }
        return tracker;
    }

    @Test
    void theLyapunovSolveRecoversAKnownSymmetricHessian() {
        for (boolean definite : new boolean[] {true, false}) {
            Random r = new Random(definite ? 1 : 2);
            double[][] h = symmetric(r, definite);
            INDArray identity = Nd4j.eye(K).castTo(DataType.DOUBLE);
            FullAverages tracker = observeQuadratic(h, Basis.of(identity), r);
            assertTrue(tracker.model().defined(0));
            double[][] estimate = tracker.hessian();
            for (int i = 0; i < K; i++) {
                for (int j = 0; j < K; j++) {
                    assertEquals(h[i][j], estimate[i][j], 1e-9, "H[" + i + "][" + j + "], definite=" + definite);
                }
            }
            // and the model coordinates are H's eigen-directions: curvature = eigenvalue, p = the minimum
            double[] lambdas = new double[K];
            for (int i = 0; i < K; i++) {
                lambdas[i] = tracker.model().curvature(i);
            }
            double[] expected = dev.ogr.core.linalg.SymmetricEigen.of(h).values().clone();
            Arrays.sort(lambdas);
            Arrays.sort(expected);
            for (int i = 0; i < K; i++) {
                assertEquals(expected[i], lambdas[i], 1e-9);
            }
        }
    }

    @Test
    void rotatingTheBasisCarriesTheAveragesAlong() {
        Random r = new Random(5);
        double[][] h = symmetric(r, true);
        INDArray identity = Nd4j.eye(K).castTo(DataType.DOUBLE);
        FullAverages tracker = observeQuadratic(h, Basis.of(identity), r);
        double[] before = new double[K];
        for (int i = 0; i < K; i++) {
            before[i] = tracker.model().curvature(i);
        }
        // a rotation of the basis within the same span: the Hessian's spectrum must not change
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        INDArray rotated = Nd4j.eye(K).castTo(DataType.DOUBLE);
        rotated.putScalar(0, 0, c);
        rotated.putScalar(0, 1, -s);
        rotated.putScalar(1, 0, s);
        rotated.putScalar(1, 1, c);
        tracker.beforeRotation(Nd4j.zeros(DataType.DOUBLE, K), Basis.of(identity), Basis.of(rotated));
        // one more exact observation in the new basis recomputes the model
        double[] theta = {0.1, 0.2, 0.3, 0.4};
        double[] g = new double[K];
        double[] minimum = {0.5, -1, 2, 0};
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                g[i] += h[i][j] * (theta[j] - minimum[j]);
            }
        }
        tracker.observe(Nd4j.createFromArray(theta), Nd4j.createFromArray(g), Basis.of(rotated));
        double[] after = new double[K];
        for (int i = 0; i < K; i++) {
            after[i] = tracker.model().curvature(i);
        }
        Arrays.sort(before);
        Arrays.sort(after);
        for (int i = 0; i < K; i++) {
            assertEquals(before[i], after[i], 1e-9 * Math.abs(before[i]));
        }
    }

    /** A random D×k basis with orthonormal columns, as a k×D array of its basis vectors. */
    private static double[][] orthonormalVectors(Random r, int k, int d) {
        double[][] q = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < d; i++) {
                q[j][i] = r.nextGaussian();
            }
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += q[p][i] * q[j][i];
                }
                for (int i = 0; i < d; i++) {
                    q[j][i] -= dot * q[p][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += q[j][i] * q[j][i];
            }
            for (int i = 0; i < d; i++) {
                q[j][i] /= Math.sqrt(norm);
            }
        }
        return q;
    }

    private static double[] project(double[][] vectors, double[] v) {
        double[] out = new double[vectors.length];
        for (int j = 0; j < vectors.length; j++) {
            for (int i = 0; i < v.length; i++) {
                out[j] += vectors[j][i] * v[i];
            }
        }
        return out;
    }

    private static void assertSameState(StrategyState a, StrategyState b, double tolerance) {
        a.arrays().forEach((name, array) -> {
            double[] x = array.castTo(DataType.DOUBLE).ravel().toDoubleVector();
            double[] y = b.get(name).castTo(DataType.DOUBLE).ravel().toDoubleVector();
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], tolerance * Math.max(1, Math.abs(x[i])), name + "[" + i + "]");
            }
        });
    }

    @Test
    void observingProjectionsIsObservingThroughTheBasis() {
        Random r = new Random(8);
        int d = 10;
        int k = 3;
        double[][] vectors = orthonormalVectors(r, k, d);
        Basis basis = Basis.of(Nd4j.createFromArray(vectors).transpose());
        StrategyState viaBasis = new StrategyState();
        StrategyState viaProjections = new StrategyState();
        FullAverages a = new FullAverages(0.7);
        FullAverages b = new FullAverages(0.7);
        a.init(new ModelLayout(Geometry.SUBSPACE, d, k, DataType.DOUBLE), viaBasis);
        b.init(new ModelLayout(Geometry.SUBSPACE, d, k, DataType.DOUBLE), viaProjections);
        for (int t = 0; t < 8; t++) {
            double[] theta = new double[d];
            double[] g = new double[d];
            for (int i = 0; i < d; i++) {
                theta[i] = r.nextGaussian();
                g[i] = 2 * theta[i] + 0.1 * r.nextGaussian();
            }
            a.observe(Nd4j.createFromArray(theta), Nd4j.createFromArray(g), basis);
            b.observeProjections(project(vectors, theta), project(vectors, g));
        }
        assertSameState(viaBasis, viaProjections, 1e-14);
        for (int i = 0; i < k; i++) {
            assertEquals(a.model().curvature(i), b.model().curvature(i), 1e-12);
        }
    }

    @Test
    void theMoveOfTheBasisAloneCarriesTheAveragesAsTheTwoBasesDo() {
        Random r = new Random(9);
        int d = 7;
        int k = 3;
        double[][] current = orthonormalVectors(r, k, d);
        double[][] next = orthonormalVectors(r, k, d);
        StrategyState first = new StrategyState();
        StrategyState second = new StrategyState();
        FullAverages a = new FullAverages(0.8);
        FullAverages b = new FullAverages(0.8);
        a.init(new ModelLayout(Geometry.SUBSPACE, d, k, DataType.DOUBLE), first);
        b.init(new ModelLayout(Geometry.SUBSPACE, d, k, DataType.DOUBLE), second);
        for (int t = 0; t < 5; t++) {
            double[] x = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            double[] y = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            a.observeProjections(x, y);
            b.observeProjections(x, y);
        }
        a.beforeRotation(Nd4j.zeros(DataType.DOUBLE, d), Basis.of(Nd4j.createFromArray(current).transpose()),
                Basis.of(Nd4j.createFromArray(next).transpose()));
        double[] move = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int p = 0; p < d; p++) {
                    move[i * k + j] += next[i][p] * current[j][p];
                }
            }
        }
        b.rotateBasis(move);
        assertSameState(first, second, 1e-14);
    }
}
