package dev.ogr.core.steps;

import dev.ogr.api.array.ArrayKernel;
import dev.ogr.api.array.ArrayOps;
import dev.ogr.api.array.ArrayStep;
import org.nd4j.linalg.api.ndarray.INDArray;

import static dev.ogr.api.block.FloatLanes.*;

import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.block.CoordinateBlock;
import dev.ogr.api.block.CoordinateKernel;
import dev.ogr.core.kernel.Vec;
import java.util.List;

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

    private final Parameters parameters;
    final double alpha;
    final double gamma;
    final double beta;
    private Vec noise;

    /** A confidence-level step; see the class comment. */
    public ConfidenceEtaStep(double alpha, double gamma, double beta) {
        String owner = "step 'confidence-eta'";
        this.parameters = Parameters.inOrder(PARAMETERS, owner, alpha, gamma, beta);
        this.alpha = parameters.real("alpha");
        this.gamma = parameters.real("gamma");
        this.beta = parameters.real("beta");
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
    protected CoordinateKernel kernel() {
        return kernel;
    }

    private final CoordinateKernel kernel = new ConfidenceKernel();

    @Override
    protected ArrayKernel arrayForm() {
        return arrays;
    }

    /**
     * The array-op form. Before two observations: θ ← θ − η·g. Then, with var θ ≤ 0 made NaN in a copy and λ = cov/var θ
     * with ±∞ made NaN, NaN marks exactly the coordinates whose fit is undefined; there ν keeps its value (a
     * compare-and-replace) and, as where the denominator is not positive, the step is −η·g: the factor −α/denominator is
     * NaN there and replaced by −η before it multiplies g. 22 ops.
     */
    private final ArrayKernel arrays = new ArrayKernel() {
        @Override
        public int scratchArrays() {
            return 5;
        }

        @Override
        public int opsPerStep() {
            return 22;
        }

        @Override
        public void step(ArrayStep s) {
            INDArray x = s.theta();
            INDArray g = s.gradient();
            double lr = s.learningRate();
            if (!(s.observations() >= 2)) {
                ArrayOps.axpy(-lr, g, x, x);
                return;
            }
            INDArray nu = noise.array();
            INDArray lambda = s.scratch(0);
            INDArray a = s.scratch(1);
            INDArray b = s.scratch(2);
            INDArray n = s.scratch(3);
            INDArray vx = s.scratch(4);
            vx.assign(s.varTheta());
            ArrayOps.setWhereAtMost(vx, 0, Double.NaN);
            ArrayOps.div(s.covariance(), vx, lambda);
            ArrayOps.setWhereInfinite(lambda, Double.NaN);
            // the residual g − ḡ − λ·(θ − θ̄) and ν ← β·ν + (1 − β)·residual², kept where the fit is undefined
            ArrayOps.sub(x, s.meanTheta(), a);
            ArrayOps.mul(a, lambda, a);
            ArrayOps.sub(g, s.meanGradient(), b);
            ArrayOps.sub(b, a, b);
            ArrayOps.mul(b, b, b);
            ArrayOps.scale(beta, nu, n);
            ArrayOps.axpy(1 - beta, b, n, n);
            ArrayOps.replaceNaN(n, nu, nu);
            // the denominator |λ| + γ·√(ν/var θ), NaN where not positive; the step −α·g/denominator, else −η·g
            ArrayOps.div(n, vx, a);
            ArrayOps.sqrt(a, a);
            ArrayOps.scale(gamma, a, a);
            ArrayOps.abs(lambda, b);
            ArrayOps.add(b, a, b);
            ArrayOps.setWhereAtMost(b, 0, Double.NaN);
            ArrayOps.reciprocal(-alpha, b, a); // the step's factor −α/denominator, NaN where the fit is undefined
            ArrayOps.setWhereNaN(a, -lr);
            ArrayOps.mul(a, g, a);
            ArrayOps.add(x, a, x);
        }

        @Override
        public String toString() {
            return ConfidenceEtaStep.this.toString();
        }
    };

    /** The lane form, and through {@link dev.ogr.core.exec.DirectFloatKernel.Source} the Vector API form. */
    private final class ConfidenceKernel extends Kernel implements dev.ogr.core.exec.DirectFloatKernel.Source {
        @Override
        public dev.ogr.core.exec.DirectFloatKernel directFloats() {
            return new ConfidenceEtaSimd(ConfidenceEtaStep.this);
        }

        @Override
        public void compute(CoordinateBlock s) {
            int count = s.count();
            double[] x = s.lane(CoordinateBlock.THETA);
            double[] y = s.lane(CoordinateBlock.GRADIENT);
            double[] mx = s.lane(CoordinateBlock.MEAN_THETA);
            double[] my = s.lane(CoordinateBlock.MEAN_GRADIENT);
            double[] vx = s.lane(CoordinateBlock.VAR_THETA);
            double[] cxy = s.lane(CoordinateBlock.COVARIANCE);
            double[] nu = s.lane(CoordinateBlock.STATE);
            double[] newX = s.lane(CoordinateBlock.NEW_THETA);
            double lr = s.learningRate();
            boolean fitted = s.observations() >= 2;
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
        public void computeFloats(CoordinateBlock s) {
            int count = s.count();
            float[] x = s.floatLane(CoordinateBlock.THETA);
            float[] y = s.floatLane(CoordinateBlock.GRADIENT);
            float[] mx = s.floatLane(CoordinateBlock.MEAN_THETA);
            float[] my = s.floatLane(CoordinateBlock.MEAN_GRADIENT);
            float[] vx = s.floatLane(CoordinateBlock.VAR_THETA);
            float[] cxy = s.floatLane(CoordinateBlock.COVARIANCE);
            float[] nu = s.floatLane(CoordinateBlock.STATE);
            float[] newNu = s.floatLane(CoordinateBlock.STATE + 1);
            float[] den = s.floatLane(CoordinateBlock.STATE + 2);
            float[] check = s.floatLane(CoordinateBlock.STATE + 3);
            float[] newX = s.floatLane(CoordinateBlock.NEW_THETA);
            if (!(s.observations() >= 2)) { // no fit yet: gradient steps, ν unchanged
                float step = (float) s.learningRate();
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
                double lr = s.learningRate();
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
    }

    @Override
    public String toString() {
        return "confidence-eta(" + parameters.canonical() + ")";
    }
}
