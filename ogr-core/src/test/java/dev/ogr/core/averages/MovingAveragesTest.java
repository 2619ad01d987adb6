package dev.ogr.core.averages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.Basis;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StrategyState;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The moving-average trackers against closed forms on quadratics. */
class MovingAveragesTest {

    private static final int D = 6;

    /** A random symmetric positive definite H = AᵀA + I. */
    private static double[][] spd(Random r) {
        double[][] a = new double[D][D];
        for (double[] row : a) {
            for (int j = 0; j < D; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] h = new double[D][D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < D; k++) {
                    s += a[k][i] * a[k][j];
                }
                h[i][j] = s;
            }
        }
        return h;
    }

    private static double[] times(double[][] h, double[] x) {
        double[] y = new double[D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                y[i] += h[i][j] * x[j];
            }
        }
        return y;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void recoversCurvatureAndMinimumAlongAFixedDirection() {
        Random r = new Random(7);
        double[][] h = spd(r);
        double[] minimum = r.doubles(D, -2, 2).toArray();
        double[] start = r.doubles(D, -2, 2).toArray();
        double[] v = r.doubles(D, -1, 1).toArray();
        double norm = Math.sqrt(dot(v, v));
        for (int i = 0; i < D; i++) {
            v[i] /= norm;
        }
        MovingAverages tracker = MovingAverages.plain(0.8);
        tracker.init(new ModelLayout(Geometry.DIRECTION, D, 1, DataType.DOUBLE), new StrategyState());
        Basis basis = Basis.of(Nd4j.createFromArray(v).reshape(D, 1));

        double[] ts = {0.3, -0.7, 1.1, 0.05, -0.4, 0.9, -1.3, 0.6};
        for (double t : ts) {
            double[] theta = new double[D];
            double[] diff = new double[D];
            for (int i = 0; i < D; i++) {
                theta[i] = start[i] + t * v[i];
                diff[i] = theta[i] - minimum[i];
            }
            tracker.observe(Nd4j.createFromArray(theta), Nd4j.createFromArray(times(h, diff)), basis);
        }

        // Along θ₀ + t·v the gradient's v-component is vᵀH(θ₀ − θ*) + t·vᵀHv: slope vᵀHv, zero at t*.
        double curvature = dot(v, times(h, v));
        double[] startDiff = new double[D];
        for (int i = 0; i < D; i++) {
            startDiff[i] = start[i] - minimum[i];
        }
        double tStar = -dot(v, times(h, startDiff)) / curvature;
        double expectedMinimum = dot(v, start) + tStar;

        RegressionModel model = tracker.model();
        assertTrue(model.defined(0));
        assertEquals(curvature, model.curvature(0), 1e-9 * Math.abs(curvature));
        assertEquals(expectedMinimum, model.minimum(0), 1e-9 * Math.abs(expectedMinimum));
        assertEquals(dot(v, start) + ts[ts.length - 1], model.position(0), 1e-12);
    }

    @Test
    void equalsPaperEquationTwoOnArbitraryData() {
        // The incremental form must agree with the raw-moment form of paper 1, eq. (2), on any sequence.
        double beta = 0.7;
        MovingAverages tracker = MovingAverages.plain(beta);
        tracker.init(new ModelLayout(Geometry.DIRECTION, 1, 1, DataType.DOUBLE), new StrategyState());
        Basis basis = Basis.of(Nd4j.ones(DataType.DOUBLE, 1, 1));
        Random r = new Random(3);
        double s = 0;
        double ax = 0;
        double ag = 0;
        double axx = 0;
        double axg = 0;
        for (int t = 0; t < 25; t++) {
            double x = r.nextGaussian() * 2 + 1;
            double g = Math.sin(x) + 0.3 * r.nextGaussian();
            tracker.observe(Nd4j.createFromArray(x), Nd4j.createFromArray(g), basis);
            s = beta * s + (1 - beta);
            ax = beta * ax + (1 - beta) * x;
            ag = beta * ag + (1 - beta) * g;
            axx = beta * axx + (1 - beta) * x * x;
            axg = beta * axg + (1 - beta) * x * g;
        }
        double lambda = (s * axg - ag * ax) / (s * axx - ax * ax);
        double p = (lambda * ax - ag) / (s * lambda);
        assertEquals(lambda, tracker.model().curvature(0), 1e-12 * Math.abs(lambda));
        assertEquals(p, tracker.model().minimum(0), 1e-12 * Math.abs(p));
    }

    @Test
    void coordinateWiseModelsRecoverTheDiagonal() {
        double[] h = {1, 10, 0.25, 3};
        MovingAverages tracker = MovingAverages.plain(0.9);
        tracker.init(new ModelLayout(Geometry.COORDINATES, 4, 4, DataType.DOUBLE), new StrategyState());
        for (int t = 0; t < 5; t++) {
            double[] theta = new double[4];
            double[] g = new double[4];
            for (int i = 0; i < 4; i++) {
                theta[i] = Math.cos(t + i) + i;
                g[i] = h[i] * (theta[i] - 0.5 * i);
            }
            tracker.observe(Nd4j.createFromArray(theta), Nd4j.createFromArray(g), Basis.coordinates());
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(h[i], tracker.model().curvature(i), 1e-9 * h[i]);
            assertEquals(0.5 * i, tracker.model().minimum(i), 1e-9);
        }
    }

    @Test
    void undefinedBeforeTwoObservations() {
        MovingAverages tracker = MovingAverages.plain(0.9);
        tracker.init(new ModelLayout(Geometry.DIRECTION, 1, 1, DataType.DOUBLE), new StrategyState());
        INDArray basis = Nd4j.ones(DataType.DOUBLE, 1, 1);
        tracker.observe(Nd4j.createFromArray(1.0), Nd4j.createFromArray(2.0), Basis.of(basis));
        assertFalse(tracker.model().defined(0));
    }

    @Test
    void recentringLeavesTheCurvatureAndTheModelledPointUnchanged() {
        // Paper 1, Alg. 7: shifting the centre to the current point changes mean(x) by −Δ and nothing else.
        double[] v = {0.6, 0.8, 0};
        MovingAverages tracker = new MovingAverages(MovingAverages.Mode.CENTERED, 0.7);
        tracker.init(new ModelLayout(Geometry.DIRECTION, 3, 1, DataType.DOUBLE), new StrategyState());
        Basis basis = Basis.of(Nd4j.createFromArray(v).reshape(3, 1));
        Random r = new Random(5);
        double[] theta = null;
        for (int t = 0; t < 6; t++) {
            double step = r.nextGaussian();
            theta = new double[] {1 + 0.6 * step, -2 + 0.8 * step, 0.5};
            double along = 0.6 * theta[0] + 0.8 * theta[1];
            double y = 3 * (along - 0.25) + 0.1 * r.nextGaussian(); // slope 3 with some noise
            double[] g = {0.6 * y, 0.8 * y, 0};
            tracker.observe(Nd4j.createFromArray(theta), Nd4j.createFromArray(g), basis);
        }
        RegressionModel m = tracker.model();
        double lambda = m.curvature(0);
        double p = m.minimum(0);
        double varX = m.positionVariance(0);
        double shift = 0.6 * theta[0] + 0.8 * theta[1]; // (θ − c)·v̂ with the initial centre c = 0
        assertEquals(shift, m.position(0), 1e-12);

        tracker.beforeRotation(Nd4j.createFromArray(theta), basis, basis);
        assertEquals(lambda, m.curvature(0), 1e-12 * Math.abs(lambda));
        assertEquals(varX, m.positionVariance(0), 0);
        assertEquals(p - shift, m.minimum(0), 1e-12 * Math.max(1, Math.abs(p)));
        // the same point in space: old centre 0 + p·v̂ = new centre θ's projection + (p − Δ)
    }

    @Test
    void notebookAveragesFollowTheNotebooksRecursion() {
        double r = 0.2;
        MovingAverages tracker = new MovingAverages(MovingAverages.Mode.NOTEBOOK, 1 - r);
        tracker.init(new ModelLayout(Geometry.COORDINATES, 2, 2, DataType.DOUBLE), new StrategyState());
        double[] mt = {0, 0};
        double[] mg = {0, 0};
        double[] dtt = {1, 1};
        double[] dgg = {1, 1};
        double[] dgt = {0, 0};
        Random rnd = new Random(2);
        for (int t = 0; t < 7; t++) {
            double[] th = {rnd.nextGaussian(), rnd.nextGaussian()};
            double[] g = {rnd.nextGaussian(), rnd.nextGaussian()};
            tracker.observe(Nd4j.createFromArray(th), Nd4j.createFromArray(g), Basis.coordinates());
            for (int i = 0; i < 2; i++) {
                mt[i] += r * (th[i] - mt[i]);
                mg[i] += r * (g[i] - mg[i]);
                dtt[i] += r * ((th[i] - mt[i]) * (th[i] - mt[i]) - dtt[i]);
                dgg[i] += r * ((g[i] - mg[i]) * (g[i] - mg[i]) - dgg[i]);
                dgt[i] += r * ((g[i] - mg[i]) * (th[i] - mt[i]) - dgt[i]);
            }
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(mt[i], tracker.model().meanPosition(i), 1e-14);
            assertEquals(dtt[i], tracker.model().positionVariance(i), 1e-14);
            assertEquals(dgg[i], tracker.model().gradientVariance(i), 1e-14);
            assertEquals(dgt[i], tracker.model().covariance(i), 1e-14);
        }
    }
}
