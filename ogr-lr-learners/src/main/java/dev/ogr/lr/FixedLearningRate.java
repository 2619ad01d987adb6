package dev.ogr.lr;

import dev.ogr.api.LearnerInput;
import dev.ogr.api.LearningRateLearner;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.StrategyState;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/** A constant learning rate η: with no regression model, the optimizer is plain SGD θ ← θ − η·g. */
public final class FixedLearningRate implements LearningRateLearner {

    /** The learning rate η. */
    public static final ParameterSpec ETA = ParameterSpec.real("eta", 0.01, 0, true, 1e6, true,
            "the learning rate of first-order steps");

    /** The parameters of {@code fixed}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(ETA);

    private final Parameters parameters;
    private final double eta;

    /** A fixed learning rate {@code eta} in [0, 1e6]. */
    public FixedLearningRate(double eta) {
        this.parameters = Parameters.inOrder(PARAMETERS, "lr 'fixed'", eta);
        this.eta = parameters.real("eta");
    }

    @Override
    public void init(long dimension, DataType type, StrategyState state) {
        // stateless
    }

    @Override
    public double learningRate(LearnerInput input) {
        return eta;
    }

    @Override
    public String toString() {
        return "fixed(" + parameters.canonical() + ")";
    }
}
