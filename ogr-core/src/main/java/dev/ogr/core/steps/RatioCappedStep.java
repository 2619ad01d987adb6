package dev.ogr.core.steps;

import dev.ogr.api.ParameterSpec;
import dev.ogr.api.RegressionModel;
import dev.ogr.core.averages.DiagonalStats;
import java.util.List;
import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;

/**
 * The reference notebooks' cdOGR step: a momentum m ← β·m + (1 − β)·g and Δ = −η·min(√(var θ / (var g + ε)), cap)·m,
 * with η the recipe's learning rate: the spread ratio as a per-coordinate step multiplier, capped.
 */
public final class RatioCappedStep extends ElementwiseStepRule implements FusedCoordinateRule {

    static final ParameterSpec CAP = ParameterSpec.real("cap", 10, 0, false, 1e12, true,
            "largest multiplier sqrt(var theta/(var g + eps)) (the notebooks' max alpha)");
    static final ParameterSpec EPSILON = ParameterSpec.real("epsilon", 1e-12, 0, true, 1e6, true,
            "epsilon added to var g");
    static final ParameterSpec MOMENTUM = ParameterSpec.real("momentum", 0.9, 0, true, 1, false,
            "retention of the momentum m (the notebooks' rate is 1 - momentum)");

    /** The parameters of {@code ratio-capped}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(CAP, EPSILON, MOMENTUM);

    private final double cap;
    private final double epsilon;
    private final double momentum;
    private Vec m;

    /** A capped spread-ratio step; see the class comment. */
    public RatioCappedStep(double cap, double epsilon, double momentum) {
        String owner = "step 'ratio-capped'";
        this.cap = (Double) CAP.validate(cap, "parameter 'cap' of " + owner);
        this.epsilon = (Double) EPSILON.validate(epsilon, "parameter 'epsilon' of " + owner);
        this.momentum = (Double) MOMENTUM.validate(momentum, "parameter 'momentum' of " + owner);
    }

    @Override
    protected void initState() {
        m = coordinateState("momentum");
    }

    @Override
    protected double displacement(RegressionModel model, long i, double learningRate) {
        return displacement((int) i, model.gradient(i), model.positionVariance(i), model.gradientVariance(i),
                learningRate);
    }

    private double displacement(int i, double g, double varX, double varG, double learningRate) {
        double mi = momentum * m.get(i) + (1 - momentum) * g;
        m.set(i, mi);
        double ratio = Math.sqrt(varX / (varG + epsilon));
        double multiplier = Double.isFinite(ratio) && ratio < cap ? ratio : cap; // not Math.min: slow on JDK 17
        return -learningRate * multiplier * mi;
    }

    /** It reads only the variances, so a coordinate-wise tracker need not keep the covariance. */
    @Override
    public boolean readsCovariance() {
        return false;
    }

    @Override
    public void fusedStep(DiagonalStats stats, double weight, long observations, Vec theta, Vec gradient,
            double learningRate, Vec update) {
        kernel.step(stats, weight, observations, theta, gradient, learningRate, update);
    }

    private final BlockStepKernel kernel = new BlockStepKernel.OneState() {
        @Override
        Vec state() {
            return m;
        }

        @Override
        void compute(int count, Scratch s) {
            double[] x = s.lane(X);
            double[] y = s.lane(Y);
            double[] vx = s.lane(DiagonalStats.VAR_X);
            double[] vy = s.lane(DiagonalStats.VAR_Y);
            double[] ms = s.lane(STATE);
            double[] newX = s.lane(NEW_X);
            double lr = learningRate;
            double keep = momentum;
            double take = 1 - momentum;
            for (int i = 0; i < count; i++) {
                double mi = keep * ms[i] + take * y[i];
                ms[i] = mi;
                double ratio = Math.sqrt(vx[i] / (vy[i] + epsilon));
                double multiplier = Double.isFinite(ratio) && ratio < cap ? ratio : cap;
                newX[i] = x[i] + -lr * multiplier * mi;
            }
        }

        @Override
        void computeFloats(int count, Scratch s) {
            float[] x = s.floatLane(X);
            float[] y = s.floatLane(Y);
            float[] vx = s.floatLane(DiagonalStats.VAR_X);
            float[] vy = s.floatLane(DiagonalStats.VAR_Y);
            float[] ms = s.floatLane(STATE);
            float[] newM = s.floatLane(STATE + 1);
            float[] ratio = s.floatLane(STATE + 2);
            float[] newX = s.floatLane(NEW_X);
            float keep = (float) momentum;
            float take = (float) (1 - momentum);
            float eps = (float) epsilon;
            float step = (float) learningRate;
            float c = (float) cap;
            momentum(ms, y, keep, take, newM, count);
            for (int i = 0; i < count; i++) {
                ratio[i] = (float) Math.sqrt(vx[i] / (vy[i] + eps));
            }
            // where the ratio is not NaN (the usual case), min(ratio, cap) is the guarded multiplier, +∞ included
            for (int i = 0; i < count; i++) {
                newX[i] = x[i] - step * Math.min(ratio[i], c) * newM[i];
            }
            if (!noneNaN(ratio, count)) { // the guarded form for the other coordinates
                double lr = learningRate;
                for (int i = 0; i < count; i++) {
                    if (ratio[i] != ratio[i]) {
                        double mi = momentum * ms[i] + (1 - momentum) * y[i];
                        newM[i] = (float) mi;
                        double r = Math.sqrt(vx[i] / (vy[i] + epsilon));
                        double multiplier = Double.isFinite(r) && r < cap ? r : cap;
                        newX[i] = (float) (x[i] + -lr * multiplier * mi);
                    }
                }
            }
            System.arraycopy(newM, 0, ms, 0, count);
        }
    };

    @Override
    public String toString() {
        return "ratio-capped(cap=" + ParameterSpec.format(cap) + ", epsilon=" + ParameterSpec.format(epsilon)
                + ", momentum=" + ParameterSpec.format(momentum) + ")";
    }
}
