package dev.ogr.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.LearnerInput;
import dev.ogr.api.LearningRateLearner;
import dev.ogr.api.LossProbe;
import dev.ogr.api.StrategyState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Paper 2's learners against closed forms on quadratics. */
class LearnersTest {

    private static final int D = 5;
    private static final double[] A = {0.5, 1, 2, 4, 8};
    private static final double[] B = {1, -2, 0.5, 3, -1};

    /** L(θ) = ½θᵀdiag(A)θ − bᵀθ. */
    private static double quadratic(INDArray theta) {
        double f = 0;
        for (int i = 0; i < D; i++) {
            double x = theta.getDouble(i);
            f += 0.5 * A[i] * x * x - B[i] * x;
        }
        return f;
    }

    /** The minimiser of f(η) = L(θ − η·g): η* = gᵀ(Aθ − b) / (gᵀAg). */
    private static double bestEta(INDArray theta, INDArray g) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < D; i++) {
            num += g.getDouble(i) * (A[i] * theta.getDouble(i) - B[i]);
            den += g.getDouble(i) * A[i] * g.getDouble(i);
        }
        return num / den;
    }

    private static INDArray gradient(INDArray theta) {
        INDArray g = Nd4j.zeros(DataType.DOUBLE, D);
        for (int i = 0; i < D; i++) {
            g.putScalar(i, A[i] * theta.getDouble(i) - B[i]);
        }
        return g;
    }

    private static <T extends LearningRateLearner> T init(T learner) {
        learner.init(D, DataType.DOUBLE, new StrategyState());
        return learner;
    }

    private static LearnerInput input(long step, INDArray theta, INDArray g, LossProbe probe) {
        return new LearnerInput(step, theta, g, probe.loss(theta), probe, null);
    }

    @Test
    void theFivePointNewtonStepLandsOnTheMinimisingEtaInOneUpdate() {
        INDArray theta = Nd4j.createFromArray(1.0, -2.0, 0.3, 0.7, 2.0);
        INDArray g = gradient(theta);
        // Central differences are exact on a parabola whatever the spacing; delta = 0 removes the smoothing.
        FiniteDifferenceNewton newton = init(new FiniteDifferenceNewton(0.3, "5", 0.01, 0, 1, 1, 0, false, 100));
        double eta = newton.learningRate(input(0, theta, g, LearnersTest::quadratic));
        double expected = bestEta(theta, g);
        assertEquals(expected, eta, 1e-10 * expected);
    }

    @Test
    void theThreePointFormAgreesWithTheFivePointFormOnAParabola() {
        INDArray theta = Nd4j.createFromArray(-1.0, 0.5, 2.0, -0.3, 0.1);
        INDArray g = Nd4j.createFromArray(-0.3, 1.0, -0.2, -0.4, 0.6); // any descent direction, not only the gradient
        double expected = bestEta(theta, g);
        assertTrue(expected > 0);
        for (double eta0 : new double[] {1e-3, 0.05, 2}) {
            FiniteDifferenceNewton five = init(new FiniteDifferenceNewton(eta0, "5", 0.01, 0, 1, 1, 0, false, 100));
            FiniteDifferenceNewton three = init(new FiniteDifferenceNewton(eta0, "3", 1e-5, 0, 1, 1, 0, false, 100));
            double a = five.learningRate(input(0, theta, g, LearnersTest::quadratic));
            double b = three.learningRate(input(0, theta, g, LearnersTest::quadratic));
            assertEquals(expected, a, 1e-9 * expected, "5-point from eta0 = " + eta0);
            assertEquals(expected, b, 1e-9 * expected, "3-point from eta0 = " + eta0);
        }
    }

    @Test
    void etaStaysWithinItsClampsOnConcaveAndFlatLosses() {
        Random r = new Random(1);
        List<LossProbe> nasty = List.of(
                t -> -quadratic(t),                                  // concave along g
                t -> 3 * t.getDouble(0) - t.getDouble(2),              // linear: zero curvature
                t -> Math.sin(40 * t.getDouble(1)) + t.getDouble(3));  // wiggly
        for (LossProbe probe : nasty) {
            for (String stencil : new String[] {"5", "3"}) {
                FiniteDifferenceNewton newton = init(new FiniteDifferenceNewton(0.1, stencil, 1e-5, 1e-6, 1, 1, 0.5,
                        false, 10));
                for (int step = 0; step < 30; step++) {
                    INDArray theta = Nd4j.rand(DataType.DOUBLE, D).subi(0.5).muli(r.nextDouble() * 4);
                    INDArray g = Nd4j.rand(DataType.DOUBLE, D).subi(0.5);
                    double eta = newton.learningRate(input(step, theta, g, probe));
                    assertTrue(eta >= 1e-6 && eta <= 10, "eta = " + eta + " with stencil " + stencil);
                }
            }
        }
    }

    @Test
    void probesLeaveTheParametersExactlyAsTheyWere() {
        INDArray theta = Nd4j.createFromArray(0.1, 0.2, 0.3, 0.4, 0.5);
        INDArray copy = theta.dup();
        INDArray g = gradient(theta);
        List<INDArray> seen = new ArrayList<>();
        LossProbe probe = t -> {
            seen.add(t);
            return quadratic(t);
        };
        List<LearningRateLearner> learners = List.of(
                init(new FiniteDifferenceNewton(0.2, "5", 1e-5, 1e-8, 1, 1, 0, false, 100)),
                init(new FiniteDifferenceNewton(0.2, "3", 1e-5, 1e-8, 1, 1, 0, false, 100)),
                init(new FiniteDifferenceFirstOrder(0.2, 1e-3, 0, true, 1e-5, 0, 100)));
        for (LearningRateLearner learner : learners) {
            seen.clear();
            learner.learningRate(new LearnerInput(0, theta, g, quadratic(theta), probe, probe));
            assertTrue(!seen.isEmpty());
            for (INDArray t : seen) {
                assertNotSame(theta, t, learner + " probed the live parameters");
            }
            assertEquals(copy, theta, learner + " changed the parameters");
            assertEquals(Double.doubleToRawLongBits(copy.getDouble(4)), Double.doubleToRawLongBits(theta.getDouble(4)));
        }
    }

    @Test
    void theFirstOrderLearnerFollowsTheGradientProduct() {
        double a = 1e-2;
        double mu = 0.5;
        FiniteDifferenceFirstOrder learner = init(new FiniteDifferenceFirstOrder(0.1, a, mu, false, 1e-5, 0, 100));
        INDArray g0 = Nd4j.createFromArray(1.0, 2.0, 0.0, -1.0, 0.5);
        INDArray g1 = Nd4j.createFromArray(0.5, 1.0, 1.0, -2.0, 0.0);
        INDArray g2 = Nd4j.createFromArray(-1.0, 0.0, 2.0, 1.0, 1.0);
        INDArray theta = Nd4j.zeros(DataType.DOUBLE, D);
        assertEquals(0.1, learner.learningRate(input(0, theta, g0, LearnersTest::quadratic)), 0);
        // f'(η) = −g0·g1 = −(0.5 + 2 + 0 + 2 + 0) = −4.5; u = −4.5; η = 0.1 + a·4.5
        double eta1 = 0.1 + a * 4.5;
        assertEquals(eta1, learner.learningRate(input(1, theta, g1, LearnersTest::quadratic)), 1e-15);
        // f'(η) = −g1·g2 = −(−0.5 + 0 + 2 − 2 + 0) = 0.5; u = μ·(−4.5) + 0.5 = −1.75
        assertEquals(eta1 + a * 1.75, learner.learningRate(input(2, theta, g2, LearnersTest::quadratic)), 1e-15);
    }

    @Test
    void refreshesOnlyEveryKSteps() {
        INDArray theta = Nd4j.createFromArray(1.0, -2.0, 0.3, 0.7, 2.0);
        INDArray g = gradient(theta);
        FiniteDifferenceNewton newton = init(new FiniteDifferenceNewton(0.3, "3", 1e-5, 0, 1, 4, 0, false, 100));
        double[] etas = new double[6];
        for (int step = 0; step < 6; step++) {
            etas[step] = newton.learningRate(input(step + 1, theta, g, LearnersTest::quadratic));
        }
        assertEquals(0.3, etas[0], 0);
        assertEquals(0.3, etas[2], 0);
        assertEquals(bestEta(theta, g), etas[3], 1e-9);
        assertEquals(etas[3], etas[5], 0);
    }

    @Test
    void validationWithoutAValidationBatchIsAClearError() {
        FiniteDifferenceNewton newton = init(new FiniteDifferenceNewton(0.3, "5", 1e-5, 1e-8, 1, 1, 0, true, 100));
        INDArray theta = Nd4j.zeros(DataType.DOUBLE, D);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> newton.learningRate(input(0, theta, gradient(theta), LearnersTest::quadratic)));
        assertEquals("lr 'fd-newton' has validation=true, but this objective provides no validation batch (give the"
                + " problem a holdout, e.g. holdout=1000)", e.getMessage());
    }

    @Test
    void badParametersAreNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new FiniteDifferenceNewton(-1, "5", 1e-5, 1e-8, 1, 1, 0, false, 100));
        assertEquals("parameter 'eta0' of lr 'fd-newton' must be a real in (0, 1000000], got -1.0", e.getMessage());
        e = assertThrows(ConfigurationException.class,
                () -> new FiniteDifferenceNewton(0.1, "4", 1e-5, 1e-8, 1, 1, 0, false, 100));
        assertEquals("parameter 'stencil' of lr 'fd-newton' must be one of 5, 3, got '4'", e.getMessage());
    }
}
