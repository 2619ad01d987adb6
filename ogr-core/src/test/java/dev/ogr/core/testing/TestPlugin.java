package dev.ogr.core.testing;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.Geometry;
import dev.ogr.api.LearnerInput;
import dev.ogr.api.LearningRateLearner;
import dev.ogr.api.OgrPlugin;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Preset;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;
import dev.ogr.api.StrategyState;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Test-only strategies for the core's tests: the first coordinate axis as direction, and a constant rate. */
public final class TestPlugin implements OgrPlugin {

    @Override
    public String id() {
        return "core-tests";
    }

    @Override
    public void register(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.DIRECTION, "axis", "the first coordinate axis", List.of(),
                p -> new Axis()));
        r.strategy(StrategyFactory.of(StrategyKind.LEARNING_RATE, "constant", "a constant rate",
                List.of(ParameterSpec.real("eta", 0.1, 0, false, 10, true, "the rate")),
                p -> new Constant(p.real("eta"))));
        r.preset(new Preset("axis-model", "direction=axis; averages=plain(beta=0.5); step=parabola-clipped; "
                + "lr=constant(eta=0.2); warmup=1", "a test preset"));
    }

    /** The fixed direction e₀. */
    public static final class Axis implements DirectionProvider {
        private Basis basis;

        @Override
        public Geometry geometry() {
            return Geometry.DIRECTION;
        }

        @Override
        public long rank(long dimension) {
            return 1;
        }

        @Override
        public void init(long dimension, DataType type, StrategyState state) {
            INDArray e0 = Nd4j.zeros(type, dimension, 1);
            e0.putScalar(0, 0, 1.0);
            basis = Basis.of(e0);
        }

        @Override
        public void accumulate(INDArray theta, INDArray gradient) {
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public Basis basis() {
            return basis;
        }

        @Override
        public void rotate(INDArray theta, AverageTracker tracker) {
        }

        @Override
        public String toString() {
            return "axis";
        }
    }

    /** A constant learning rate. */
    public static final class Constant implements LearningRateLearner {
        private final double eta;

        Constant(double eta) {
            this.eta = eta;
        }

        @Override
        public void init(long dimension, DataType type, StrategyState state) {
        }

        @Override
        public double learningRate(LearnerInput input) {
            return eta;
        }

        @Override
        public String toString() {
            return "constant(eta=" + ParameterSpec.format(eta) + ")";
        }
    }
}
