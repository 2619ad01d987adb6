package dev.ogr.core.steps;

import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.RegressionModel;
import java.util.List;

/**
 * A saddle-free Newton step per model coordinate with the observed gradient: Δ = −α·C(g / max(|λ|, floor)), C the
 * clipping to ±ε. Unlike {@code parabola-clipped}, which steps to the averaged model's minimum, this divides the
 * current gradient by the curvature; |λ| makes negative curvature repel. Before the fit is defined the step is
 * −η·g at the recipe's learning rate.
 */
public final class SaddleFreeNewtonStep extends ElementwiseStepRule {

    static final ParameterSpec ALPHA = ParameterSpec.real("alpha", 1, 0, false, 10, true, "fraction of the step");
    static final ParameterSpec CLIP = ParameterSpec.real("clip", 0.5, 0, false, Double.POSITIVE_INFINITY, true,
            "largest distance moved along a model coordinate per step");
    static final ParameterSpec FLOOR = ParameterSpec.real("floor", 1e-8, 0, false, 1e6, true,
            "smallest |lambda| divided by");

    /** The parameters of {@code sfn}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(ALPHA, CLIP, FLOOR);

    private final Parameters parameters;
    private final double alpha;
    private final double clip;
    private final double floor;

    /** A saddle-free Newton step; see the class comment. */
    public SaddleFreeNewtonStep(double alpha, double clip, double floor) {
        String owner = "step 'sfn'";
        this.parameters = Parameters.inOrder(PARAMETERS, owner, alpha, clip, floor);
        this.alpha = parameters.real("alpha");
        this.clip = parameters.real("clip");
        this.floor = parameters.real("floor");
    }

    @Override
    protected double displacement(RegressionModel model, long i, double learningRate) {
        double g = model.gradient(i);
        if (!model.defined(i)) {
            return -learningRate * g;
        }
        double lambda = Math.abs(model.curvature(i));
        double newton = g / (lambda > floor ? lambda : floor);
        double size = Math.abs(newton);
        return -alpha * Math.copySign(size < clip ? size : clip, newton);
    }

    @Override
    public String toString() {
        return "sfn(" + parameters.canonical() + ")";
    }
}
