package dev.ogr.core.steps;

import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.RegressionModel;
import java.util.List;

/**
 * Paper 1's step towards the modelled minimum (Alg. 1–5): along each model coordinate
 * Δ = α·sign(λ)·C(p − x), with the clipping C(u) = sign(u)·min(|u|, ε).
 *
 * <p>For λ &gt; 0 this moves towards the minimum of the fitted parabola. For λ &lt; 0 the rule either reverses the
 * sign (SFN-like, {@code negative=reverse}: it moves away from the fitted maximum, so saddles repel) or falls
 * back to gradient descent −η·y ({@code negative=descent}). Where the regression is not yet defined (fewer
 * than two observations, no spread in position, λ = 0) it takes the gradient step −η·y.
 *
 * <p>{@code shape=tanh} puts tanh(λ/κ) in place of sign(λ) (paper 1 leaves this open): Δ = α·tanh(λ/κ)·C(p − x).
 * The curvature scale κ is what makes it meaningful. For |λ| ≫ κ the factor is ±1 and the step is the sign step;
 * for |λ| ≪ κ, since λ·(p − x) = −(ȳ + λ(x − x̄)) is minus the fitted gradient at x, the unclipped step tends to
 * −(α/κ)·(ȳ + λ(x − x̄)): a gradient step at rate α/κ on the fitted gradient, instead of a jump to a minimum that
 * runs off to infinity as λ → 0 and flips side when λ changes sign. {@code scale=0} (the default) takes κ = 1/η,
 * so that weakly curved directions take gradient steps at the recipe's learning rate and tuning η tunes κ.
 */
public final class ClippedParabolaStep extends ElementwiseStepRule {

    /** The fraction α of the (clipped) distance to the modelled minimum taken per step. */
    public static final ParameterSpec ALPHA = ParameterSpec.real("alpha", 1, 0, false, 10, true,
            "fraction of the clipped distance to the modelled minimum taken per step");
    /** The clipping distance ε. */
    public static final ParameterSpec CLIP = ParameterSpec.real("clip", 0.5, 0, false, Double.POSITIVE_INFINITY,
            true, "largest distance moved along a model coordinate per step (inf: no clipping)");
    /** What to do for negative curvature. */
    public static final ParameterSpec NEGATIVE = ParameterSpec.choice("negative", "reverse",
            List.of("reverse", "descent"),
            "for negative curvature: reverse the sign (SFN-like, repels saddles) or take a gradient step");

    /** The factor of the curvature's sign. */
    public static final ParameterSpec SHAPE = ParameterSpec.choice("shape", "sign", List.of("sign", "tanh"),
            "factor on the clipped distance: sign(lambda) (paper 1) or tanh(lambda/scale), a gradient step for"
                    + " small |lambda|");
    /** The curvature scale κ of {@code shape=tanh}. */
    public static final ParameterSpec SCALE = ParameterSpec.real("scale", 0, 0, true, Double.POSITIVE_INFINITY,
            false, "curvature scale kappa of shape=tanh: below it the step is a gradient step at rate alpha/kappa;"
                    + " 0: kappa = 1/eta");

    /** The parameters of {@code parabola-clipped}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(ALPHA, CLIP, NEGATIVE, SHAPE, SCALE);

    private final Parameters parameters;
    private final double alpha;
    private final double clip;
    private final boolean reverse;
    private final boolean tanh;
    private final double scale;

    /** Paper 1's clipped parabola step with sign(λ); see {@link #ClippedParabolaStep(double, double, String, String, double)}. */
    public ClippedParabolaStep(double alpha, double clip, String negative) {
        this(alpha, clip, negative, "sign", 0);
    }

    /**
     * A clipped parabola step.
     *
     * @param alpha    fraction in (0, 10]
     * @param clip     clipping distance in (0, inf]
     * @param negative {@code reverse} or {@code descent}
     * @param shape    {@code sign} or {@code tanh}
     * @param scale    the curvature scale κ of {@code tanh}, in [0, inf); 0 for κ = 1/η
     */
    public ClippedParabolaStep(double alpha, double clip, String negative, String shape, double scale) {
        String owner = "step 'parabola-clipped'";
        this.parameters = Parameters.inOrder(PARAMETERS, owner, alpha, clip, negative, shape, scale);
        this.alpha = parameters.real("alpha");
        this.clip = parameters.real("clip");
        this.reverse = parameters.choice("negative").equals("reverse");
        this.tanh = parameters.choice("shape").equals("tanh");
        this.scale = parameters.real("scale");
    }

    @Override
    protected double displacement(RegressionModel model, long i, double learningRate) {
        if (!model.defined(i)) {
            return -learningRate * model.gradient(i);
        }
        double lambda = model.curvature(i);
        if (lambda < 0 && !reverse) {
            return -learningRate * model.gradient(i);
        }
        double toMinimum = model.minimum(i) - model.position(i);
        if (!Double.isFinite(toMinimum)) {
            return -learningRate * model.gradient(i);
        }
        double clipped = Math.copySign(Math.min(Math.abs(toMinimum), clip), toMinimum);
        double factor = tanh ? Math.tanh(scale > 0 ? lambda / scale : lambda * learningRate) : Math.signum(lambda);
        return alpha * factor * clipped;
    }

    @Override
    public String toString() {
        return "parabola-clipped(" + parameters.canonical() + ")";
    }
}
