package dev.ogr.core.steps;

import dev.ogr.api.ParameterSpec;
import dev.ogr.api.RegressionModel;
import java.util.List;
import dev.ogr.core.kernel.Vec;

/**
 * The reference notebooks' cdOGR step: a momentum m ← β·m + (1 − β)·g and Δ = −η·min(√(var θ / (var g + ε)), cap)·m,
 * with η the recipe's learning rate: the spread ratio as a per-coordinate step multiplier, capped.
 */
public final class RatioCappedStep extends ElementwiseStepRule {

    static final ParameterSpec CAP = ParameterSpec.real("cap", 10, 0, false, 1e12, true,
            "largest multiplier sqrt(var theta/(var g + eps)) (the notebooks' max alpha)");
    static final ParameterSpec EPSILON = ParameterSpec.real("epsilon", 1e-12, 0, true, 1e6, true,
            "epsilon added to var g");
    static final ParameterSpec MOMENTUM = ParameterSpec.real("momentum", 0.9, 0, true, 1, false,
            "retention of the momentum m (the notebooks' rate is 1 - momentum)");

    /** The parameters of {@code ratio-capped}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(CAP, EPSILON, MOMENTUM);

    private final double cap;
    private final double epsilon;
    private final double momentum;
    private Vec m;

    /** A capped spread-ratio step; see the class comment. */
    public RatioCappedStep(double cap, double epsilon, double momentum) {
        String owner = "step 'ratio-capped'";
        this.cap = (Double) CAP.validate(cap, "parameter 'cap' of " + owner);
        this.epsilon = (Double) EPSILON.validate(epsilon, "parameter 'epsilon' of " + owner);
        this.momentum = (Double) MOMENTUM.validate(momentum, "parameter 'momentum' of " + owner);
    }

    @Override
    protected void initState() {
        m = coordinateState("momentum");
    }

    @Override
    protected double displacement(RegressionModel model, long i, double learningRate) {
        double mi = momentum * m.get((int) i) + (1 - momentum) * model.gradient(i);
        m.set((int) i, mi);
        double ratio = Math.sqrt(model.positionVariance(i) / (model.gradientVariance(i) + epsilon));
        double multiplier = Double.isFinite(ratio) ? Math.min(ratio, cap) : cap;
        return -learningRate * multiplier * mi;
    }

    @Override
    public String toString() {
        return "ratio-capped(cap=" + ParameterSpec.format(cap) + ", epsilon=" + ParameterSpec.format(epsilon)
                + ", momentum=" + ParameterSpec.format(momentum) + ")";
    }
}
