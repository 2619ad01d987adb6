package dev.ogr.lr;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.LearnerInput;
import dev.ogr.api.LearningRateLearner;
import dev.ogr.api.LossProbe;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.StrategyState;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Paper 2's second-order learner: Newton's method on η for f(η) = L(w − η·g) on the current minibatch, by finite
 * differences. Two stencils:
 * <ul>
 * <li>{@code stencil=5}, the paper exactly: η ← η − 2ε·(f(η+ε) − f(η−ε)) / (f(η+2ε) + f(η−2ε) − 2f(η) + δ),
 * then η ← max(η, δ); five loss evaluations per step with an absolute spacing ε.</li>
 * <li>{@code stencil=3}, the same Newton estimate from f(0) (the loss already computed with the gradient) and
 * f(±h) with h = spacing·η: η ← h·(f(−h) − f(h)) / (2·(f(h) − 2f(0) + f(−h))); two extra forward passes, refreshed
 * every {@code every} steps, η kept when the curvature along g or the estimate is not positive. The spacing scales with η (as GeN,
 * Bu &amp; Xu 2025), so it stays resolvable in float precision.</li>
 * </ul>
 * Options of both: momentum on the η update (§5.2: u ← μ·u + Δη, η ← η + u) and losses from the validation batch
 * (§5.3). η is always clamped to [δ, max], so it can be neither negative nor explode.
 */
public final class FiniteDifferenceNewton implements LearningRateLearner {

    static final ParameterSpec ETA0 = ParameterSpec.real("eta0", 0.01, 0, false, 1e6, true, "initial learning rate");
    static final ParameterSpec STENCIL = ParameterSpec.choice("stencil", "5", List.of("5", "3"),
            "5: the paper's five-evaluation form; 3: f(0), f(+h), f(-h) with h = spacing*eta");
    static final ParameterSpec EPSILON = ParameterSpec.real("epsilon", 1e-5, 0, false, 1, true,
            "absolute spacing of the 5-point stencil");
    static final ParameterSpec DELTA = ParameterSpec.real("delta", 1e-8, 0, true, 1, true,
            "smoothing of the curvature in the 5-point form, and the smallest learning rate");
    static final ParameterSpec SPACING = ParameterSpec.real("spacing", 1, 0, false, 100, true,
            "3-point spacing h relative to eta");
    static final ParameterSpec EVERY = ParameterSpec.integer("every", 1, 1, 1_000_000, "refresh eta every k steps");
    static final ParameterSpec MOMENTUM = ParameterSpec.real("momentum", 0, 0, true, 1, false,
            "momentum mu on the eta update (paper 2, 5.2)");
    static final ParameterSpec VALIDATION = ParameterSpec.flag("validation", false,
            "evaluate the losses on the validation batch (paper 2, 5.3)");
    static final ParameterSpec MAX = ParameterSpec.real("max", 100, 0, false, 1e6, true, "largest learning rate");

    /** The parameters of {@code fd-newton}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(ETA0, STENCIL, EPSILON, DELTA, SPACING, EVERY,
            MOMENTUM, VALIDATION, MAX);

    private final Parameters parameters;
    private final double eta0;
    private final boolean fivePoint;
    private final double epsilon;
    private final double delta;
    private final double spacing;
    private final long every;
    private final double momentum;
    private final boolean validation;
    private final double max;
    private final LineProbe line = new LineProbe();
    private INDArray eta;
    private INDArray velocity;

    /** A Newton learner; see the class comment for the parameters. */
    public FiniteDifferenceNewton(double eta0, String stencil, double epsilon, double delta, double spacing, long every,
            double momentum, boolean validation, double max) {
        String owner = "lr 'fd-newton'";
        this.parameters = Parameters.inOrder(PARAMETERS, owner, eta0, stencil, epsilon, delta, spacing, every, momentum, validation, max);
        this.eta0 = parameters.real("eta0");
        this.fivePoint = parameters.choice("stencil").equals("5");
        this.epsilon = parameters.real("epsilon");
        this.delta = parameters.real("delta");
        this.spacing = parameters.real("spacing");
        this.every = parameters.integer("every");
        this.momentum = parameters.real("momentum");
        this.validation = parameters.flag("validation");
        this.max = parameters.real("max");
        if (delta > max || eta0 > max) {
            throw new ConfigurationException(owner + " needs delta <= eta0 <= max, got delta=" + delta + ", eta0="
                    + eta0 + ", max=" + max);
        }
    }

    @Override
    public void init(long dimension, DataType type, StrategyState state) {
        eta = state.scalar("eta");
        eta.putScalar(0, Math.max(eta0, delta));
        velocity = state.scalar("velocity");
        line.init(dimension, type);
    }

    @Override
    public double learningRate(LearnerInput in) {
        double current = eta.getDouble(0);
        if (in.step() % every != 0) {
            return current;
        }
        LossProbe probe = LineProbe.choose(in, validation, "lr 'fd-newton'");
        double proposed = fivePoint ? fivePoint(probe, in, current) : threePoint(probe, in, current);
        if (!Double.isFinite(proposed)) {
            return current;
        }
        double u = momentum * velocity.getDouble(0) + (proposed - current);
        velocity.putScalar(0, u);
        double next = Math.min(max, Math.max(delta, current + u));
        eta.putScalar(0, next);
        return next;
    }

    /** The paper's update from f(η), f(η±ε), f(η±2ε). */
    private double fivePoint(LossProbe probe, LearnerInput in, double current) {
        double f0 = line.at(probe, in, current);
        double fp1 = line.at(probe, in, current + epsilon);
        double fm1 = line.at(probe, in, current - epsilon);
        double fp2 = line.at(probe, in, current + 2 * epsilon);
        double fm2 = line.at(probe, in, current - 2 * epsilon);
        return current - 2 * epsilon * (fp1 - fm1) / (fp2 + fm2 - 2 * f0 + delta);
    }

    /**
     * The Newton estimate of the minimising η from f(0), f(±h); NaN (keep η) unless the second difference is
     * positive and resolvable (above 64 ulps of f(0)) and the estimate is positive. Once the loss sits at its
     * rounding floor the differences are noise; taking their estimate would shrink h = spacing·η with it until
     * nothing is resolvable and η could never recover.
     */
    private double threePoint(LossProbe probe, LearnerInput in, double current) {
        double h = spacing * current;
        double f0 = validation ? line.at(probe, in, 0) : in.loss();
        double fp = line.at(probe, in, h);
        double fm = line.at(probe, in, -h);
        double curvature = fp - 2 * f0 + fm;
        double estimate = h * (fm - fp) / (2 * curvature);
        boolean resolvable = curvature > 64 * Math.ulp(Math.abs(f0));
        return resolvable && estimate > 0 ? estimate : Double.NaN;
    }

    @Override
    public String toString() {
        return "fd-newton(" + parameters.canonical() + ")";
    }
}
