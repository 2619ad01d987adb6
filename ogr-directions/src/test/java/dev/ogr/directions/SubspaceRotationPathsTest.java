package dev.ogr.directions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.Geometry;
import dev.ogr.api.LearningRateLearner;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StrategyState;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.averages.FullAverages;
import dev.ogr.core.steps.SaddleFreeNewtonStep;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The three ways the online-PCA basis can move give one trajectory: the core's two-pass subspace step (a tracker that
 * observes projections), the core's own turn on the general path (a tracker that does not), and the direction's
 * whole-array {@code rotate} (what runs where the core cannot use host memory; here forced by hiding the direction's
 * declared capability). They differ only in rounding (Cholesky QR from k×k sums against Gram–Schmidt row by row, and
 * the order in which products are summed), about 1e-16 a step; the saddle-free Newton step divides by curvatures
 * estimated from few observations, which magnifies such differences in the first model steps (measured: up to 5e-10
 * in θ after the warm-up of 12 steps, 4e-11 after 60), hence the tolerance of 1e-9.
 */
class SubspaceRotationPathsTest {

    private static final int D = 40;
    private static final int STEPS = 60;

    /** The curvatures of the quadratic ½·Σ hᵢθᵢ², from 1 to 20. */
    private static INDArray gradientAt(INDArray theta) {
        INDArray h = Nd4j.linspace(1, 20, D, DataType.DOUBLE);
        return theta.mul(h);
    }

    private static double[] run(Function<SubspaceDirection, DirectionProvider> wrapDirection,
            Function<FullAverages, AverageTracker> wrapTracker, Function<OgrOptimizer, Boolean> twoPass) {
        SubspaceDirection direction = new SubspaceDirection(4, "oja", 0.3, 5);
        OgrOptimizer optimizer = OgrOptimizer.builder()
                .direction(wrapDirection.apply(direction))
                .averages(wrapTracker.apply(new FullAverages(0.8)))
                .step(new SaddleFreeNewtonStep(1, 0.5, 1e-8))
                .learningRate(mock(LearningRateLearner.class)) // the steps below give η themselves
                .warmup(12)
                .build(Nd4j.linspace(-1, 1, D, DataType.DOUBLE));
        assertEquals(twoPass.apply(optimizer), optimizer.twoPassSubspace());
        for (int t = 0; t < STEPS; t++) {
            optimizer.step(gradientAt(optimizer.parameters().dup()), 0.02, null);
        }
        return optimizer.parameters().toDoubleVector();
    }

    @Test
    void theCoresTwoPassStepItsGeneralTurnAndTheWholeArrayRotateAgree() {
        double[] twoPass = run(d -> d, t -> t, o -> true);
        double[] coreTurn = run(d -> d, Unprojected::new, o -> false);
        double[] arrayRotate = run(Undeclared::new, Unprojected::new, o -> false);
        double start = Math.sqrt(Nd4j.linspace(-1, 1, D, DataType.DOUBLE).mul(Nd4j.linspace(-1, 1, D, DataType.DOUBLE))
                .sumNumber().doubleValue());
        double end = norm(twoPass);
        assertTrue(end < 0.5 * start, "the runs made progress: |θ| " + start + " -> " + end);
        for (int i = 0; i < D; i++) {
            assertEquals(twoPass[i], coreTurn[i], 1e-9 * (1 + Math.abs(twoPass[i])), "core turn, θ[" + i + "]");
            assertEquals(twoPass[i], arrayRotate[i], 1e-9 * (1 + Math.abs(twoPass[i])), "array rotate, θ[" + i + "]");
        }
    }

    @Test
    void theWholeArrayRotateLeavesADegenerateBasisAsItIs() {
        SubspaceDirection s = new SubspaceDirection(2, "oja", 0.3, 5);
        s.init(6, DataType.DOUBLE, new StrategyState());
        INDArray before = s.basis().columns().dup();
        s.accumulate(null, Nd4j.zeros(DataType.DOUBLE, 6)); // ‖g‖ = 0: no direction to turn to
        s.rotate(null, new Unprojected(new FullAverages(0.8)));
        assertEquals(before, s.basis().columns());
        s.accumulate(null, Nd4j.createFromArray(1.0, Double.NaN, 0, 0, 0, 0));
        s.rotate(null, new Unprojected(new FullAverages(0.8)));
        assertEquals(before, s.basis().columns());
        assertFalse(Double.isNaN(s.basis().columns().sumNumber().doubleValue()));
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** The direction without its {@code GradientRotation} capability, so the optimizer calls its own rotate. */
    private record Undeclared(SubspaceDirection inner) implements DirectionProvider {
        @Override
        public Geometry geometry() {
            return inner.geometry();
        }

        @Override
        public long rank(long dimension) {
            return inner.rank(dimension);
        }

        @Override
        public void init(long dimension, DataType type, StrategyState state) {
            inner.init(dimension, type, state);
        }

        @Override
        public void accumulate(INDArray theta, INDArray gradient) {
            inner.accumulate(theta, gradient);
        }

        @Override
        public boolean ready() {
            return inner.ready();
        }

        @Override
        public Basis basis() {
            return inner.basis();
        }

        @Override
        public void rotate(INDArray theta, AverageTracker tracker) {
            inner.rotate(theta, tracker);
        }
    }

    /** The tracker without its {@code ProjectedTracker} capability: it observes θ and g and hears both bases. */
    private record Unprojected(FullAverages inner) implements AverageTracker {
        @Override
        public void init(ModelLayout layout, StrategyState state) {
            inner.init(layout, state);
        }

        @Override
        public void observe(INDArray theta, INDArray gradient, Basis basis) {
            inner.observe(theta, gradient, basis);
        }

        @Override
        public RegressionModel model() {
            return inner.model();
        }

        @Override
        public void beforeRotation(INDArray theta, Basis current, Basis next) {
            inner.beforeRotation(theta, current, next);
        }
    }
}
