package dev.ogr.core;

import dev.ogr.api.Basis;
import dev.ogr.api.StrategyState;
import dev.ogr.core.kernel.Vec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The step outside the modelled subspace of the reference notebooks' subspace variants, for {@code orthogonal=momentum}
 * (sOGR) and {@code orthogonal=dogr} (dsOGR). Per coordinate i, in the notebooks' update-rate form with r = 1 − β
 * ({@code outside-beta}): a momentum m += r(g − m); for {@code dogr} also the notebook averages of θ and g (means
 * first, then the variance and covariance about the updated means, starting at mean 0 and var θ = 1) and the dOGR
 * step dᵢ = −mᵢ / max(|cov(g, θ)ᵢ / var(θ)ᵢ|, cut), the notebooks' floor {@code cut} ({@code outside-cut}; 0, the
 * default, takes cut = 1/η as the {@code dogr} preset does, so flat coordinates take momentum steps η·m). The
 * step u = −(1 − w)·η·m + w·d blends the momentum step and the dOGR step with the weight w ({@code blend}; w = 0 for
 * {@code momentum}), and the parameters move by its part outside the basis, θ ← θ + u − V(Vᵀu). The statistics are
 * taken on the whole θ and g, every step including warm-up; only the step is projected.
 */
final class OutsideStep {

    private final boolean diagonal;
    private final double rate;
    private final double blend;
    private final double cut;
    private final Vec theta;
    private INDArray seenGradient;
    private Vec gradient;
    private final Vec momentum;
    private final Vec meanTheta;
    private final Vec meanGradient;
    private final Vec varTheta;
    private final Vec covariance;
    private final INDArray step;
    private final Vec stepV;

    /**
     * An outside step over the live array {@code theta}, keeping its state in {@code state}.
     *
     * @param diagonal whether to blend in the dOGR step ({@code orthogonal=dogr})
     * @param beta     retention of the momentum and the averages
     * @param blend    the weight w of the dOGR step
     * @param cut      the floor of the dOGR step's curvature; 0 for 1/η
     */
    OutsideStep(boolean diagonal, double beta, double blend, double cut, INDArray theta, StrategyState state) {
        this.diagonal = diagonal;
        this.rate = 1 - beta;
        this.blend = diagonal ? blend : 0;
        this.cut = cut;
        DataType type = theta.dataType();
        long n = theta.length();
        this.theta = Vec.of(theta);
        momentum = Vec.of(state.create("outside-momentum", type, n));
        if (diagonal) {
            meanTheta = Vec.of(state.create("outside-mean-theta", type, n));
            meanGradient = Vec.of(state.create("outside-mean-g", type, n));
            INDArray var = state.create("outside-var-theta", type, n);
            var.assign(1);
            varTheta = Vec.of(var);
            covariance = Vec.of(state.create("outside-cov", type, n));
        } else {
            meanTheta = meanGradient = varTheta = covariance = null;
        }
        step = Nd4j.zeros(type, theta.shape());
        stepV = Vec.of(step);
    }

    /** Takes the gradient {@code g} at θ into the momentum and (for dOGR) the per-coordinate averages. */
    void observe(INDArray gradientArray) {
        if (gradientArray != seenGradient) {
            seenGradient = gradientArray;
            gradient = Vec.of(gradientArray);
        }
        int n = theta.length();
        double r = rate;
        for (int i = 0; i < n; i++) {
            double g = gradient.get(i);
            double m = momentum.get(i);
            momentum.set(i, m + r * (g - m));
            if (diagonal) {
                double x = theta.get(i);
                double mx = meanTheta.get(i);
                double mg = meanGradient.get(i);
                mx += r * (x - mx);
                mg += r * (g - mg);
                double dx = x - mx;
                double dg = g - mg;
                meanTheta.set(i, mx);
                meanGradient.set(i, mg);
                double vx = varTheta.get(i);
                varTheta.set(i, vx + r * (dx * dx - vx));
                double c = covariance.get(i);
                covariance.set(i, c + r * (dg * dx - c));
            }
        }
    }

    /** Moves {@code thetaArray} by the part of the blended step u outside {@code basis}: θ ← θ + u − V(Vᵀu). */
    void apply(INDArray thetaArray, double eta, Basis basis) {
        int n = theta.length();
        double w = blend;
        double floor = cut > 0 ? cut : 1 / eta;
        for (int i = 0; i < n; i++) {
            double m = momentum.get(i);
            double u = -((1 - w) * eta * m);
            if (diagonal) {
                double c = Math.abs(covariance.get(i) / varTheta.get(i));
                double scale = Double.isFinite(c) && c > floor ? c : floor;
                u += w * (-m / scale);
            }
            stepV.set(i, u);
        }
        int k = (int) basis.rank();
        for (int j = 0; j < k; j++) {
            INDArray v = basis.column(j);
            Vectors.axpy(-Vectors.dot(step, v), v, step);
        }
        Vectors.axpy(1.0, step, thetaArray);
    }
}
