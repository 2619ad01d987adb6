package dev.ogr.core.averages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.Basis;
import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StrategyState;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Paper 1's dual averages (Alg. 6) against one set of plain averages and the switching schedule. */
class DualAveragesTest {

    private static DualAverages dual(double beta, long period, String of, ModelLayout layout, StrategyState state) {
        DualAverages tracker = new DualAverages(beta, period, of);
        tracker.init(layout, state);
        return tracker;
    }

    @Test
    void aQuadraticAlongAFixedDirectionGivesTheCurvatureAndMinimumOfPlainAverages() {
        // f(θ) = ½ θᵀHθ − bᵀθ with H = diag(2, 5, 0.5): along v the gradient's v-component is vᵀHθ − vᵀb, so on
        // θ = θ₀ + t·v the fit is exact: λ = vᵀHv, p = the x where it vanishes.
        double[] h = {2, 5, 0.5};
        double[] b = {1, -2, 0.25};
        double[] v = {0.6, 0, 0.8};
        double[] start = {0.3, 1, -1};
        double lambda = 0;
        double vb = 0;
        double vStart = 0;
        double vhStart = 0;
        for (int i = 0; i < 3; i++) {
            lambda += v[i] * h[i] * v[i];
            vb += v[i] * b[i];
            vStart += v[i] * start[i];
            vhStart += v[i] * h[i] * start[i];
        }
        // y(t) = vᵀH(θ₀ + t v) − vᵀb = vhStart + tλ − vb = 0 at t* = (vb − vhStart)/λ; p = vᵀθ₀ + t*
        double p = vStart + (vb - vhStart) / lambda;
        ModelLayout layout = new ModelLayout(Geometry.DIRECTION, 3, 1, DataType.DOUBLE);
        DualAverages tracker = dual(0.8, 4, "plain", layout, new StrategyState());
        MovingAverages plain = MovingAverages.plain(0.8);
        plain.init(layout, new StrategyState());
        Basis basis = Basis.of(Nd4j.createFromArray(v).reshape(3, 1));
        Random r = new Random(4);
        for (int n = 0; n < 11; n++) { // past two switches (at 4 and 8): both sets have been restarted
            double t = r.nextGaussian();
            double[] theta = new double[3];
            double[] g = new double[3];
            for (int i = 0; i < 3; i++) {
                theta[i] = start[i] + t * v[i];
                g[i] = h[i] * theta[i] - b[i];
            }
            tracker.observe(Nd4j.createFromArray(theta), Nd4j.createFromArray(g), basis);
            plain.observe(Nd4j.createFromArray(theta), Nd4j.createFromArray(g), basis);
        }
        RegressionModel m = tracker.model();
        assertTrue(m.defined(0));
        assertEquals(lambda, m.curvature(0), 1e-12 * lambda);
        assertEquals(p, m.minimum(0), 1e-12 * Math.abs(p));
        assertEquals(plain.model().curvature(0), m.curvature(0), 1e-12 * lambda);
        assertEquals(plain.model().minimum(0), m.minimum(0), 1e-12 * Math.abs(p));
        assertEquals(plain.model().position(0), m.position(0), 0);
    }

    @Test
    void theModelIsThatOfPlainAveragesStartedAtTheOlderSetsStartAndTheSetsSwapEveryPeriod() {
        // Observation n (from 0) is taken by a set started at the last multiple of m (the newer) and by one started
        // m earlier (the older, which the model reads); before the first switch both started at 0.
        int m = 5;
        ModelLayout layout = new ModelLayout(Geometry.DIRECTION, 1, 1, DataType.DOUBLE);
        StrategyState state = new StrategyState();
        DualAverages tracker = dual(0.7, m, "plain", layout, state);
        Basis basis = Basis.of(Nd4j.ones(DataType.DOUBLE, 1, 1));
        Random r = new Random(9);
        int total = 23;
        double[] xs = new double[total];
        double[] gs = new double[total];
        for (int n = 0; n < total; n++) {
            xs[n] = r.nextGaussian();
            gs[n] = Math.sin(3 * xs[n]) + 0.2 * r.nextGaussian();
            tracker.observe(Nd4j.createFromArray(xs[n]), Nd4j.createFromArray(gs[n]), basis);

            assertEquals(n < m ? 0 : (n / m) % 2 == 1 ? 1 : 0, tracker.olderIndex(), "older set after observation " + n);
            int start = n < m ? 0 : (n / m - 1) * m;
            MovingAverages reference = MovingAverages.plain(0.7);
            reference.init(layout, new StrategyState());
            for (int j = start; j <= n; j++) {
                reference.observe(Nd4j.createFromArray(xs[j]), Nd4j.createFromArray(gs[j]), basis);
            }
            RegressionModel a = tracker.model();
            RegressionModel e = reference.model();
            String what = "after observation " + n + " (older set started at " + start + ")";
            assertEquals(e.meanPosition(0), a.meanPosition(0), 0, what);
            assertEquals(e.meanGradient(0), a.meanGradient(0), 0, what);
            assertEquals(e.positionVariance(0), a.positionVariance(0), 0, what);
            assertEquals(e.gradientVariance(0), a.gradientVariance(0), 0, what);
            assertEquals(e.covariance(0), a.covariance(0), 0, what);
            assertEquals(e.defined(0), a.defined(0), what);
        }
        // both sets and the schedule are in the exported state
        assertEquals(total, state.get("count").getLong(0));
        assertTrue(state.arrays().containsKey("a.mean-x") && state.arrays().containsKey("b.cov-xy"),
                state.arrays().keySet().toString());
    }

    @Test
    void perCoordinateDualAveragesRecoverTheDiagonal() {
        double[] h = {1, 10, 0.25};
        ModelLayout layout = new ModelLayout(Geometry.COORDINATES, 3, 3, DataType.DOUBLE);
        DualAverages tracker = dual(0.9, 3, "notebook", layout, new StrategyState());
        for (int t = 0; t < 8; t++) {
            double[] theta = new double[3];
            double[] g = new double[3];
            for (int i = 0; i < 3; i++) {
                theta[i] = Math.cos(t + i) + i;
                g[i] = h[i] * theta[i];
            }
            tracker.observe(Nd4j.createFromArray(theta), Nd4j.createFromArray(g), Basis.coordinates());
        }
        // Notebook averages start at mean 0, var = 1, cov = 0. For g = h·θ the means keep mean(g) = h·mean(θ), so the
        // deviations keep g − mean(g) = h·(θ − mean(θ)) and cov − h·var only decays: (1 − r)^n·(0 − h·1) after n
        // observations. The older set after observation 7 was reset at the switch before observation 3: n = 5.
        RegressionModel m = tracker.model();
        double r = 0.1;
        double decay = Math.pow(1 - r, 5);
        for (int i = 0; i < 3; i++) {
            assertEquals(-h[i] * decay, m.covariance(i) - h[i] * m.positionVariance(i), 1e-12 * h[i], "coordinate " + i);
        }
    }

    @Test
    void fullDualAveragesRecoverAKnownHessianAndNeedAPeriodOfAtLeastK() {
        int k = 3;
        double[][] h = {{3, 1, 0}, {1, 2, 0.5}, {0, 0.5, 1}};
        ModelLayout layout = new ModelLayout(Geometry.SUBSPACE, k, k, DataType.DOUBLE);
        DualAverages tracker = dual(0.8, 4, "full", layout, new StrategyState());
        INDArray identity = Nd4j.eye(k).castTo(DataType.DOUBLE);
        Random r = new Random(2);
        for (int t = 0; t < 10; t++) {
            double[] theta = new double[k];
            double[] g = new double[k];
            for (int i = 0; i < k; i++) {
                theta[i] = r.nextGaussian();
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    g[i] += h[i][j] * theta[j];
                }
            }
            tracker.observe(Nd4j.createFromArray(theta), Nd4j.createFromArray(g), Basis.of(identity));
        }
        // eigenvalues of h: their sum is the trace 6 and their product the determinant 4.25
        double sum = 0;
        double product = 1;
        for (int i = 0; i < k; i++) {
            assertTrue(tracker.model().defined(i));
            sum += tracker.model().curvature(i);
            product *= tracker.model().curvature(i);
        }
        assertEquals(6, sum, 1e-9);
        assertEquals(4.25, product, 1e-9);

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> dual(0.8, 2, "full", layout, new StrategyState()));
        assertTrue(e.getMessage().startsWith("parameter 'period' of averages 'dual' must be at least the subspace"
                + " dimension 3"), e.getMessage());
    }
}
