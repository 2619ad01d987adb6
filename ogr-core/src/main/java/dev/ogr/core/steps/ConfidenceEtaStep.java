package dev.ogr.core.steps;

import dev.ogr.api.ParameterSpec;
import dev.ogr.api.RegressionModel;
import dev.ogr.core.averages.DiagonalStats;
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
public final class ConfidenceEtaStep extends ElementwiseStepRule implements FusedCoordinateRule {

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
        if (!model.defined(i)) {
            return -learningRate * model.gradient(i);
        }
        return displacement((int) i, model.position(i), model.gradient(i), model.meanPosition(i), model.meanGradient(i),
                model.positionVariance(i), model.covariance(i), learningRate);
    }

    /** The step of a coordinate whose fit is defined; updates its noise estimate ν. */
    private double displacement(int i, double x, double g, double meanX, double meanG, double varX, double cov,
            double learningRate) {
        double lambda = cov / varX;
        double residual = g - meanG - lambda * (x - meanX);
        double nu = beta * noise.get(i) + (1 - beta) * residual * residual;
        noise.set(i, nu);
        double denominator = Math.abs(lambda) + gamma * Math.sqrt(nu / varX);
        return denominator > 0 ? -alpha * g / denominator : -learningRate * g;
    }

    @Override
    public void fusedStep(DiagonalStats stats, double weight, long observations, Vec theta, Vec gradient,
            double learningRate) {
        int n = theta.length();
        for (int i = 0; i < n; i++) {
            double x = theta.get(i);
            double y = gradient.get(i);
            double d = -learningRate * y;
            if (stats != null) {
                stats.update(i, x, y, weight);
                double varX = stats.positionVariance(i);
                double cov = stats.covariance(i);
                if (observations >= 2 && varX > 0 && Double.isFinite(cov / varX)) {
                    d = displacement(i, x, y, stats.meanPosition(i), stats.meanGradient(i), varX, cov, learningRate);
                }
            }
            theta.set(i, x + d);
        }
    }

    @Override
    public String toString() {
        return "confidence-eta(alpha=" + ParameterSpec.format(alpha) + ", gamma=" + ParameterSpec.format(gamma)
                + ", beta=" + ParameterSpec.format(beta) + ")";
    }
}
