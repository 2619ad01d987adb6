package dev.ogr.core.steps;

import dev.ogr.api.ParameterSpec;
import dev.ogr.api.RegressionModel;
import java.util.List;
import dev.ogr.core.kernel.Vec;

/**
 * Paper 1's ASGDc (Alg. 9, eq. 13), per model coordinate: the curvature λ = cov(g, θ)/var(θ), the residual noise
 * ν ← β·ν + (1 − β)·(g − ḡ − λ(θ − θ̄))² of the linear fit, and the step Δ = −α·g / (|λ| + γ·√(ν/var θ)): a
 * confidence level γ on λ (a noisier fit gives a smaller step), and |λ| so that negative curvature (saddles)
 * repels. Before the fit is defined the step is −η·g at the recipe's learning rate.
 *
 * <p>The residual is in-sample: the averages already contain the current point, whose weight in them is a = 1 − β
 * (β the tracker's retention, at steady state), and the fit spends two degrees of freedom of about
 * n = (1 + β)/(1 − β) effective points. So for gradient noise of variance σ², ν tends to about
 * (1 − a)²·(1 − 2/n)·σ²: 0.77σ² with β = 0.9, 0.97σ² with β = 0.99.
 */
public final class ConfidenceEtaStep extends ElementwiseStepRule {

    static final ParameterSpec ALPHA = ParameterSpec.real("alpha", 1, 0, false, 10, true, "fraction of the step");
    static final ParameterSpec GAMMA = ParameterSpec.real("gamma", 1, 0, true, 1e6, true,
            "confidence level gamma on the curvature estimate");
    static final ParameterSpec BETA = ParameterSpec.real("beta", 0.9, 0, true, 1, false,
            "retention of the residual-noise average nu");

    /** The parameters of {@code confidence-eta}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(ALPHA, GAMMA, BETA);

    private final double alpha;
    private final double gamma;
    private final double beta;
    private Vec noise;

    /** A confidence-level step; see the class comment. */
    public ConfidenceEtaStep(double alpha, double gamma, double beta) {
        String owner = "step 'confidence-eta'";
        this.alpha = (Double) ALPHA.validate(alpha, "parameter 'alpha' of " + owner);
        this.gamma = (Double) GAMMA.validate(gamma, "parameter 'gamma' of " + owner);
        this.beta = (Double) BETA.validate(beta, "parameter 'beta' of " + owner);
    }

    @Override
    protected void initState() {
        noise = coordinateState("noise");
    }

    @Override
    protected double displacement(RegressionModel model, long i, double learningRate) {
        double g = model.gradient(i);
        if (!model.defined(i)) {
            return -learningRate * g;
        }
        double lambda = model.curvature(i);
        double residual = g - model.meanGradient(i) - lambda * (model.position(i) - model.meanPosition(i));
        double nu = beta * noise.get((int) i) + (1 - beta) * residual * residual;
        noise.set((int) i, nu);
        double denominator = Math.abs(lambda) + gamma * Math.sqrt(nu / model.positionVariance(i));
        return denominator > 0 ? -alpha * g / denominator : -learningRate * g;
    }

    @Override
    public String toString() {
        return "confidence-eta(alpha=" + ParameterSpec.format(alpha) + ", gamma=" + ParameterSpec.format(gamma)
                + ", beta=" + ParameterSpec.format(beta) + ")";
    }
}
