package dev.ogr.core.steps;

import dev.ogr.api.ParameterSpec;
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

    /** The parameters of {@code parabola-clipped}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(ALPHA, CLIP, NEGATIVE);

    private final double alpha;
    private final double clip;
    private final boolean reverse;

    /**
     * A clipped parabola step.
     *
     * @param alpha    fraction in (0, 10]
     * @param clip     clipping distance in (0, inf]
     * @param negative {@code reverse} or {@code descent}
     */
    public ClippedParabolaStep(double alpha, double clip, String negative) {
        String owner = "step 'parabola-clipped'";
        this.alpha = (Double) ALPHA.validate(alpha, "parameter 'alpha' of " + owner);
        this.clip = (Double) CLIP.validate(clip, "parameter 'clip' of " + owner);
        this.reverse = NEGATIVE.validate(negative, "parameter 'negative' of " + owner).equals("reverse");
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
        return alpha * Math.signum(lambda) * clipped;
    }

    @Override
    public String toString() {
        return "parabola-clipped(alpha=" + ParameterSpec.format(alpha) + ", clip=" + ParameterSpec.format(clip)
                + ", negative=" + (reverse ? "reverse" : "descent") + ")";
    }
}
