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
import java.util.List;

/**
 * Paper 1's learning rate from the spreads (eq. 5–9, the corr = 1 approximation), per model coordinate as in
 * ASGD (Alg. 8): η_i = max(σθ_i / (σg_i + ε), δ), Δ = −α·η_i·g_i. On a quadratic σθ/σg is exactly 1/h_i, so α = 1
 * is a Newton step. Before the spreads exist (first observation) the step is −η·g at the recipe's learning rate.
 */
public final class SigmaRatioStep extends ElementwiseStepRule {

    static final ParameterSpec ALPHA = ParameterSpec.real("alpha", 1, 0, false, 10, true,
            "fraction of the sigma-ratio step taken");
    static final ParameterSpec FLOOR = ParameterSpec.real("floor", 1e-6, 0, true, 1e6, true,
            "floor delta on the per-coordinate learning rate");
    static final ParameterSpec EPSILON = ParameterSpec.real("epsilon", 1e-12, 0, true, 1e6, true,
            "epsilon added to sigma_g in the denominator");

    /** The parameters of {@code sigma-ratio}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(ALPHA, FLOOR, EPSILON);

    private final Parameters parameters;
    final double alpha;
    final double floor;
    final double epsilon;

    /** A sigma-ratio step; see the class comment. */
    public SigmaRatioStep(double alpha, double floor, double epsilon) {
        String owner = "step 'sigma-ratio'";
        this.parameters = Parameters.inOrder(PARAMETERS, owner, alpha, floor, epsilon);
        this.alpha = parameters.real("alpha");
        this.floor = parameters.real("floor");
        this.epsilon = parameters.real("epsilon");
    }

    /** The per-coordinate learning rate max(σθ/(σg + ε), δ), or NaN if the spreads are not yet defined. */
    double rate(RegressionModel model, long i) {
        return rate(model.positionVariance(i), model.gradientVariance(i));
    }

    private double rate(double vx, double vy) {
        if (!(vx > 0) || !(vy >= 0)) {
            return Double.NaN;
        }
        double ratio = Math.sqrt(vx) / (Math.sqrt(vy) + epsilon);
        // a ternary, not Math.max: on JDK 17 Math.max(double, double) costs ~10 ns (NaN and -0.0 handling)
        return Double.isFinite(ratio) ? (ratio > floor ? ratio : floor) : Double.NaN;
    }

    /** The guarded displacement of one coordinate, in double (the lane form's and the Vector API form's fallback). */
    double displacement(double vx, double vy, double g, double learningRate) {
        double rate = rate(vx, vy);
        return Double.isNaN(rate) ? -learningRate * g : -alpha * rate * g;
    }

    @Override
    protected double displacement(RegressionModel model, long i, double learningRate) {
        return displacement(model.positionVariance(i), model.gradientVariance(i), model.gradient(i), learningRate);
    }

    /** It reads only the variances, so a coordinate-wise tracker need not keep the covariance. */
    @Override
    public boolean readsCovariance() {
        return false;
    }

    @Override
    protected CoordinateKernel kernel() {
        return kernel;
    }

    private final CoordinateKernel kernel = new SigmaRatioKernel();

    @Override
    protected ArrayKernel arrayForm() {
        return arrays;
    }

    /**
     * The array-op form: r = √var θ / (√var g + ε) with var θ = 0 made NaN first, so that NaN or +∞ marks every
     * coordinate whose rate is undefined; NaN made +∞, r floored at δ (+∞ stays), −α·r, −∞ replaced by −η; times g
     * added to θ. The guards are the cheap ones of {@link ArrayOps} (a NaN replacement, a scalar max, one comparison).
     */
    private final ArrayKernel arrays = new ArrayKernel() {
        @Override
        public int scratchArrays() {
            return 2;
        }

        @Override
        public int opsPerStep() {
            return 11;
        }

        @Override
        public void step(ArrayStep s) {
            INDArray r = s.scratch(0);
            INDArray d = s.scratch(1);
            ArrayOps.sqrt(s.varTheta(), r);
            ArrayOps.setWhereAtMost(r, 0, Double.NaN); // var θ = 0: no rate (var θ < 0 is NaN already)
            ArrayOps.sqrt(s.varGradient(), d);
            ArrayOps.shift(d, epsilon, d);
            ArrayOps.div(r, d, r);
            ArrayOps.setWhereNaN(r, Double.POSITIVE_INFINITY); // every undefined rate is now +∞, every other ≥ 0
            ArrayOps.maxOrScalar(r, floor, r);
            ArrayOps.scale(-alpha, r, r); // α > 0: the undefined rates are −∞
            ArrayOps.setWhereNegativeInfinite(r, -s.learningRate());
            ArrayOps.mul(r, s.gradient(), r);
            ArrayOps.add(s.theta(), r, s.theta());
        }

        @Override
        public String toString() {
            return SigmaRatioStep.this.toString();
        }
    };

    /** The lane form, and through {@link dev.ogr.core.exec.DirectFloatKernel.Source} the Vector API form. */
    private final class SigmaRatioKernel extends Kernel implements dev.ogr.core.exec.DirectFloatKernel.Source {
        @Override
        public dev.ogr.core.exec.DirectFloatKernel directFloats() {
            return new SigmaRatioSimd(SigmaRatioStep.this);
        }

        @Override
        public void compute(CoordinateBlock s) {
            int count = s.count();
            double[] x = s.lane(CoordinateBlock.THETA);
            double[] y = s.lane(CoordinateBlock.GRADIENT);
            double[] vx = s.lane(CoordinateBlock.VAR_THETA);
            double[] vy = s.lane(CoordinateBlock.VAR_GRADIENT);
            double[] newX = s.lane(CoordinateBlock.NEW_THETA);
            double lr = s.learningRate();
            for (int i = 0; i < count; i++) {
                newX[i] = x[i] + displacement(vx[i], vy[i], y[i], lr);
            }
        }

        @Override
        public void computeFloats(CoordinateBlock s) {
            int count = s.count();
            float[] x = s.floatLane(CoordinateBlock.THETA);
            float[] y = s.floatLane(CoordinateBlock.GRADIENT);
            float[] vx = s.floatLane(CoordinateBlock.VAR_THETA);
            float[] vy = s.floatLane(CoordinateBlock.VAR_GRADIENT);
            float[] newX = s.floatLane(CoordinateBlock.NEW_THETA);
            float[] ratio = s.floatLane(CoordinateBlock.STATE);
            float eps = (float) epsilon;
            float a = (float) alpha;
            float f = (float) floor;
            for (int i = 0; i < count; i++) {
                ratio[i] = (float) Math.sqrt(vx[i]) / ((float) Math.sqrt(vy[i]) + eps);
            }
            // where σθ/σg is in (0, ∞) (the usual case) the fit is defined, floored by a vectorised max
            for (int i = 0; i < count; i++) {
                newX[i] = x[i] - a * Math.max(ratio[i], f) * y[i];
            }
            if (!allPositiveFinite(ratio, count)) { // the guarded form for the other coordinates
                double lr = s.learningRate();
                for (int i = 0; i < count; i++) {
                    if (!positiveFinite(ratio[i])) {
                        newX[i] = (float) (x[i] + displacement(vx[i], vy[i], y[i], lr));
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "sigma-ratio(" + parameters.canonical() + ")";
    }
}
