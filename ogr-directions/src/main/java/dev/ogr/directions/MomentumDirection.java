package dev.ogr.directions;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.Geometry;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.StrategyState;
import dev.ogr.api.VectorMath;
import dev.ogr.api.block.NormalisedMomentum;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Paper 1's direction: the normalised momentum. Each step the momentum takes the gradient, v ← γ·v + g; the
 * model works along the unit direction v̂ fixed at the end of the previous step, and after the step v̂ ← v/‖v‖
 * (Alg. 1–5). During warm-up the optimizer takes momentum steps −η·v. On the CPU backend the optimizer does the
 * accumulation and the normalisation of model steps in its own passes over memory ({@link NormalisedMomentum}).
 */
public final class MomentumDirection implements dev.ogr.api.DirectionProvider, NormalisedMomentum {

    /** The momentum coefficient γ. */
    public static final ParameterSpec BETA = ParameterSpec.real("beta", 0.9, 0, true, 1, false,
            "momentum coefficient gamma: v <- gamma*v + g; the model works along v/|v|");

    /** The parameters of {@code momentum}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(BETA);

    private final Parameters parameters;
    private final double beta;
    private INDArray momentum;
    private INDArray unit;
    private INDArray ready;
    private INDArray next;
    private Basis current;
    private Basis upcoming;

    /** A momentum direction with coefficient {@code beta} in [0, 1). */
    public MomentumDirection(double beta) {
        this.parameters = Parameters.inOrder(PARAMETERS, "direction 'momentum'", beta);
        this.beta = parameters.real("beta");
    }

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
        momentum = state.create("momentum", type, dimension);
        unit = state.create("direction", type, dimension, 1);
        ready = state.create("ready", DataType.LONG, 1);
        next = Nd4j.zeros(type, dimension, 1);
        current = Basis.of(unit);
        upcoming = Basis.of(next);
    }

    @Override
    public void accumulate(INDArray theta, INDArray gradient) {
        momentum.muli(beta).addi(gradient.reshape(momentum.shape()));
    }

    @Override
    public boolean ready() {
        return ready.getLong(0) != 0;
    }

    @Override
    public Basis basis() {
        return current;
    }

    @Override
    public void rotate(INDArray theta, AverageTracker tracker) {
        double norm = norm();
        if (!(norm > 0) || !Double.isFinite(norm)) {
            return; // no direction yet: keep the current one
        }
        momentum.reshape(next.shape()).mul(1 / norm, next);
        if (ready()) {
            tracker.beforeRotation(theta, current, upcoming);
        }
        unit.assign(next);
        ready.putScalar(0, 1);
    }

    private double norm() {
        return Math.sqrt(VectorMath.dot(momentum, momentum));
    }

    @Override
    public double momentumCoefficient() {
        return beta;
    }

    @Override
    public INDArray momentumVector() {
        return momentum;
    }

    @Override
    public INDArray unitDirection() {
        return unit;
    }

    @Override
    public INDArray warmupDirection(INDArray gradient) {
        return momentum;
    }

    @Override
    public String toString() {
        return "momentum(" + parameters.canonical() + ")";
    }
}
