package dev.ogr.directions;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.Geometry;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.StrategyState;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Vec;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Paper 1's direction: the normalised momentum. Each step the momentum takes the gradient, v ← γ·v + g; the
 * model works along the unit direction v̂ fixed at the end of the previous step, and after the step v̂ ← v/‖v‖
 * (Alg. 1–5). During warm-up the optimizer takes momentum steps −η·v.
 */
public final class MomentumDirection implements dev.ogr.api.DirectionProvider {

    /** The momentum coefficient γ. */
    public static final ParameterSpec BETA = ParameterSpec.real("beta", 0.9, 0, true, 1, false,
            "momentum coefficient gamma: v <- gamma*v + g; the model works along v/|v|");

    /** The parameters of {@code momentum}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(BETA);

    private final double beta;
    private INDArray momentum;
    private INDArray unit;
    private INDArray ready;
    private INDArray next;
    private Basis current;
    private Basis upcoming;
    // Direct-memory views (CPU backend), or null to use ND4J ops.
    private Vec momentumV;
    private Vec unitV;
    private Vec nextV;
    private INDArray seenGradient;
    private Vec gradientV;

    /** A momentum direction with coefficient {@code beta} in [0, 1). */
    public MomentumDirection(double beta) {
        this.beta = (Double) BETA.validate(beta, "parameter 'beta' of direction 'momentum'");
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
        if (Kernels.direct(momentum) && Kernels.direct(unit) && Kernels.direct(next)) {
            momentumV = Vec.of(momentum);
            unitV = Vec.of(unit);
            nextV = Vec.of(next);
        }
    }

    @Override
    public void accumulate(INDArray theta, INDArray gradient) {
        if (momentumV != null && Kernels.direct(gradient)) {
            if (gradient != seenGradient) {
                seenGradient = gradient;
                gradientV = Vec.of(gradient);
            }
            int n = momentumV.length();
            for (int i = 0; i < n; i++) {
                momentumV.set(i, beta * momentumV.get(i) + gradientV.get(i));
            }
            return;
        }
        momentum.muli(beta).addi(gradient.reshape(momentum.length()));
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
        if (nextV != null) {
            int n = nextV.length();
            for (int i = 0; i < n; i++) {
                nextV.set(i, momentumV.get(i) / norm);
            }
        } else {
            next.assign(momentum.reshape(next.shape())).divi(norm);
        }
        if (ready()) {
            tracker.beforeRotation(theta, current, upcoming);
        }
        if (unitV != null) {
            int n = unitV.length();
            for (int i = 0; i < n; i++) {
                unitV.set(i, nextV.get(i));
            }
        } else {
            unit.assign(next);
        }
        ready.putScalar(0, 1);
    }

    private double norm() {
        if (momentumV == null) {
            return momentum.norm2Number().doubleValue();
        }
        double sum = 0;
        int n = momentumV.length();
        for (int i = 0; i < n; i++) {
            double v = momentumV.get(i);
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    @Override
    public INDArray warmupDirection(INDArray gradient) {
        return momentum;
    }

    @Override
    public String toString() {
        return "momentum(beta=" + ParameterSpec.format(beta) + ")";
    }
}
