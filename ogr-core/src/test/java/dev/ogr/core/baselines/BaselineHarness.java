package dev.ogr.core.baselines;

import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StrategyState;
import dev.ogr.api.block.CoordinateStatistics;
import dev.ogr.core.exec.FusedCoordinatePass;
import dev.ogr.core.kernel.Vec;
import dev.ogr.core.steps.KernelStepRule;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a {@link KernelStepRule} on its own, through the core's fused pass or through its general path, on a gradient
 * given as a function of θ: what the optimizer does for direction=coordinates, averages=none.
 */
final class BaselineHarness {

    final KernelStepRule rule;
    final StrategyState state = new StrategyState();
    final INDArray theta;
    private final UnaryOperator<double[]> gradient;
    private final boolean fused;
    private final FusedCoordinatePass pass;
    private final INDArray delta;

    BaselineHarness(KernelStepRule rule, double[] start, UnaryOperator<double[]> gradient, boolean fused,
            DataType type) {
        this.rule = rule;
        this.gradient = gradient;
        this.fused = fused;
        this.theta = Nd4j.createFromArray(start).castTo(type);
        rule.init(new ModelLayout(Geometry.COORDINATES, start.length, start.length, type), state);
        this.pass = fused ? new FusedCoordinatePass(rule.coordinateKernel(), CoordinateStatistics.NONE) : null;
        this.delta = Nd4j.zeros(type, start.length);
    }

    /** θ as doubles. */
    double[] theta() {
        return theta.toDoubleVector();
    }

    /** The live state array {@code name} as doubles. */
    double[] array(String name) {
        return state.get(name).toDoubleVector();
    }

    /** One step at learning rate {@code eta}. */
    void step(double eta) {
        double[] x = theta();
        INDArray g = Nd4j.createFromArray(gradient.apply(x)).castTo(theta.dataType());
        if (fused) {
            pass.step(Vec.of(theta), Vec.of(g), eta, null);
            return;
        }
        rule.step(new Coordinates(x, g.toDoubleVector()), eta, delta);
        theta.addi(delta);
    }

    /** The model of averages=none over coordinates: the latest θ and g. */
    private record Coordinates(double[] x, double[] g) implements RegressionModel {
        @Override
        public long size() {
            return x.length;
        }

        @Override
        public boolean defined(long i) {
            return false;
        }

        @Override
        public double position(long i) {
            return x[(int) i];
        }

        @Override
        public double gradient(long i) {
            return g[(int) i];
        }

        @Override
        public double meanPosition(long i) {
            return Double.NaN;
        }

        @Override
        public double meanGradient(long i) {
            return Double.NaN;
        }

        @Override
        public double positionVariance(long i) {
            return Double.NaN;
        }

        @Override
        public double gradientVariance(long i) {
            return Double.NaN;
        }

        @Override
        public double covariance(long i) {
            return Double.NaN;
        }
    }
}
