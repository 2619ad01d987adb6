package dev.ogr.core.steps;

import dev.ogr.api.ParameterSpec;
import dev.ogr.api.RegressionModel;
import dev.ogr.core.averages.DiagonalStats;
import java.util.List;
import dev.ogr.core.kernel.Scratch;
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
            double learningRate, Vec update) {
        kernel.step(stats, weight, observations, theta, gradient, learningRate, update);
    }

    private final BlockStepKernel kernel = new BlockStepKernel.OneState() {
        @Override
        Vec state() {
            return noise;
        }

        @Override
        void compute(int count, Scratch s) {
            double[] x = s.lane(X);
            double[] y = s.lane(Y);
            double[] mx = s.lane(DiagonalStats.MEAN_X);
            double[] my = s.lane(DiagonalStats.MEAN_Y);
            double[] vx = s.lane(DiagonalStats.VAR_X);
            double[] cxy = s.lane(DiagonalStats.COVARIANCE);
            double[] nu = s.lane(STATE);
            double[] newX = s.lane(NEW_X);
            double lr = learningRate;
            boolean fitted = stats != null && observations >= 2;
            for (int i = 0; i < count; i++) {
                double g = y[i];
                double d = -lr * g;
                double varX = vx[i];
                double lambda = cxy[i] / varX;
                if (fitted && varX > 0 && Double.isFinite(lambda)) {
                    double residual = g - my[i] - lambda * (x[i] - mx[i]);
                    double n = beta * nu[i] + (1 - beta) * residual * residual;
                    nu[i] = n;
                    double denominator = Math.abs(lambda) + gamma * Math.sqrt(n / varX);
                    d = denominator > 0 ? -alpha * g / denominator : d;
                }
                newX[i] = x[i] + d;
            }
        }

        @Override
        void computeFloats(int count, Scratch s) {
            float[] x = s.floatLane(X);
            float[] y = s.floatLane(Y);
            float[] mx = s.floatLane(DiagonalStats.MEAN_X);
            float[] my = s.floatLane(DiagonalStats.MEAN_Y);
            float[] vx = s.floatLane(DiagonalStats.VAR_X);
            float[] cxy = s.floatLane(DiagonalStats.COVARIANCE);
            float[] nu = s.floatLane(STATE);
            float[] newNu = s.floatLane(STATE + 1);
            float[] den = s.floatLane(STATE + 2);
            float[] check = s.floatLane(STATE + 3);
            float[] newX = s.floatLane(NEW_X);
            if (!(stats != null && observations >= 2)) { // no fit yet: gradient steps, ν unchanged
                float step = (float) learningRate;
                for (int i = 0; i < count; i++) {
                    newX[i] = x[i] - step * y[i];
                }
                return;
            }
            float keep = (float) beta;
            float take = (float) (1 - beta);
            float gam = (float) gamma;
            float[] lambdas = check;
            for (int i = 0; i < count; i++) {
                lambdas[i] = cxy[i] / vx[i];
            }
            for (int i = 0; i < count; i++) {
                float residual = y[i] - my[i] - lambdas[i] * (x[i] - mx[i]);
                newNu[i] = keep * nu[i] + take * residual * residual;
            }
            for (int i = 0; i < count; i++) {
                den[i] = Math.abs(lambdas[i]) + gam * (float) Math.sqrt(newNu[i] / vx[i]);
            }
            // in (0, ∞) exactly when var θ > 0, λ is finite and the denominator is positive and finite (or a harmless
            // overflow of the product, which only sends the element to the guarded form)
            for (int i = 0; i < count; i++) {
                check[i] = den[i] * vx[i] + 0f * lambdas[i];
            }
            float a = (float) alpha;
            for (int i = 0; i < count; i++) {
                newX[i] = x[i] - a * y[i] / den[i];
            }
            if (!allPositiveFinite(check, count)) { // the guarded form for the other coordinates
                double lr = learningRate;
                for (int i = 0; i < count; i++) {
                    if (!positiveFinite(check[i])) {
                        double g = y[i];
                        double d = -lr * g;
                        double varX = vx[i];
                        double lambda = cxy[i] / varX;
                        newNu[i] = nu[i];
                        if (varX > 0 && Double.isFinite(lambda)) {
                            double residual = g - my[i] - lambda * (x[i] - (double) mx[i]);
                            double n = beta * nu[i] + (1 - beta) * residual * residual;
                            newNu[i] = (float) n;
                            double denominator = Math.abs(lambda) + gamma * Math.sqrt(n / varX);
                            d = denominator > 0 ? -alpha * g / denominator : d;
                        }
                        newX[i] = (float) (x[i] + d);
                    }
                }
            }
            System.arraycopy(newNu, 0, nu, 0, count);
        }
    };

    @Override
    public String toString() {
        return "confidence-eta(alpha=" + ParameterSpec.format(alpha) + ", gamma=" + ParameterSpec.format(gamma)
                + ", beta=" + ParameterSpec.format(beta) + ")";
    }
}
