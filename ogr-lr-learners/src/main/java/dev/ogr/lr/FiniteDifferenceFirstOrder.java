package dev.ogr.lr;

import dev.ogr.api.LearnerInput;
import dev.ogr.api.LearningRateLearner;
import dev.ogr.api.LossProbe;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.StrategyState;
import dev.ogr.api.VectorMath;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Paper 2's first-order learner: gradient descent on η with f(η) = L(w − η·g), η ← η − a·f′(η), where
 * f′(η) = −g(t)·g(t+1) is read from two consecutive gradients at no extra cost. Options: momentum on the η update
 * (§5.2: u ← μ·u + f′, η ← η − a·u) and, with {@code validation=true}, f′ taken as the central difference
 * (f(η+ε) − f(η−ε))/2ε of the validation loss along −g (§5.3; two extra forward passes). η is kept in
 * [{@code min}, {@code max}].
 *
 * <p>In an OGR recipe the first-order step is −η(g − VVᵀg); the learner still uses g(t)·g(t+1), exact for SGD.
 */
public final class FiniteDifferenceFirstOrder implements LearningRateLearner {

    static final ParameterSpec ETA0 = ParameterSpec.real("eta0", 0.01, 0, false, 1e6, true, "initial learning rate");
    static final ParameterSpec META = ParameterSpec.real("meta", 1e-4, 0, true, 1e6, true,
            "meta learning rate a of eta <- eta - a*f'(eta)");
    static final ParameterSpec MOMENTUM = ParameterSpec.real("momentum", 0, 0, true, 1, false,
            "momentum mu on the eta update (paper 2, 5.2)");
    static final ParameterSpec VALIDATION = ParameterSpec.flag("validation", false,
            "take f'(eta) from the validation batch by central differences (paper 2, 5.3)");
    static final ParameterSpec EPSILON = ParameterSpec.real("epsilon", 1e-5, 0, false, 1, true,
            "spacing of the validation central difference");
    static final ParameterSpec MIN = ParameterSpec.real("min", 0, 0, true, 1e6, true, "smallest learning rate");
    static final ParameterSpec MAX = ParameterSpec.real("max", 100, 0, false, 1e6, true, "largest learning rate");

    /** The parameters of {@code fd-first-order}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(ETA0, META, MOMENTUM, VALIDATION, EPSILON, MIN, MAX);

    private final Parameters parameters;
    private final double eta0;
    private final double meta;
    private final double momentum;
    private final boolean validation;
    private final double epsilon;
    private final double min;
    private final double max;
    private final LineProbe line = new LineProbe();
    private INDArray eta;
    private INDArray velocity;
    private INDArray previous;
    private INDArray hasPrevious;

    /** A first-order learner; see the class comment for the parameters. */
    public FiniteDifferenceFirstOrder(double eta0, double meta, double momentum, boolean validation, double epsilon,
            double min, double max) {
        String owner = "lr 'fd-first-order'";
        this.parameters = Parameters.inOrder(PARAMETERS, owner, eta0, meta, momentum, validation, epsilon, min, max);
        this.eta0 = parameters.real("eta0");
        this.meta = parameters.real("meta");
        this.momentum = parameters.real("momentum");
        this.validation = parameters.flag("validation");
        this.epsilon = parameters.real("epsilon");
        this.min = parameters.real("min");
        this.max = parameters.real("max");
        if (min > max || eta0 < min || eta0 > max) {
            throw new dev.ogr.api.ConfigurationException(owner + " needs min <= eta0 <= max, got min=" + min
                    + ", eta0=" + eta0 + ", max=" + max);
        }
    }

    @Override
    public void init(long dimension, DataType type, StrategyState state) {
        eta = state.scalar("eta");
        eta.putScalar(0, eta0);
        velocity = state.scalar("velocity");
        hasPrevious = state.create("has-previous", DataType.LONG, 1);
        if (validation) {
            line.init(dimension, type);
        } else {
            previous = state.create("previous-gradient", type, dimension);
        }
    }

    @Override
    public double learningRate(LearnerInput in) {
        double current = eta.getDouble(0);
        double derivative;
        boolean update;
        if (validation) {
            LossProbe probe = LineProbe.choose(in, true, toString());
            derivative = (line.at(probe, in, current + epsilon) - line.at(probe, in, current - epsilon)) / (2 * epsilon);
            update = true;
        } else {
            update = hasPrevious.getLong(0) != 0;
            derivative = update ? -VectorMath.dot(previous, in.gradient().reshape(previous.shape())) : 0;
            previous.assign(in.gradient().reshape(previous.shape()));
            hasPrevious.putScalar(0, 1);
        }
        if (update && Double.isFinite(derivative)) {
            double u = momentum * velocity.getDouble(0) + derivative;
            velocity.putScalar(0, u);
            current = Math.min(max, Math.max(min, current - meta * u));
            eta.putScalar(0, current);
        }
        return current;
    }

    @Override
    public String toString() {
        return "fd-first-order(" + parameters.canonical() + ")";
    }
}
