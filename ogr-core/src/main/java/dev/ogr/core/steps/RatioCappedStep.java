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
 * The reference notebooks' cdOGR step: a momentum m ← β·m + (1 − β)·g and Δ = −η·min(√(var θ / (var g + ε)), cap)·m,
 * with η the recipe's learning rate: the spread ratio as a per-coordinate step multiplier, capped.
 */
public final class RatioCappedStep extends ElementwiseStepRule {

    static final ParameterSpec CAP = ParameterSpec.real("cap", 10, 0, false, 1e12, true,
            "largest multiplier sqrt(var theta/(var g + eps)) (the notebooks' max alpha)");
    static final ParameterSpec EPSILON = ParameterSpec.real("epsilon", 1e-12, 0, true, 1e6, true,
            "epsilon added to var g");
    static final ParameterSpec MOMENTUM = ParameterSpec.real("momentum", 0.9, 0, true, 1, false,
            "retention of the momentum m (the notebooks' rate is 1 - momentum)");

    /** The parameters of {@code ratio-capped}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(CAP, EPSILON, MOMENTUM);

    private final Parameters parameters;
    final double cap;
    final double epsilon;
    final double momentum;
    private Vec m;

    /** A capped spread-ratio step; see the class comment. */
    public RatioCappedStep(double cap, double epsilon, double momentum) {
        String owner = "step 'ratio-capped'";
        this.parameters = Parameters.inOrder(PARAMETERS, owner, cap, epsilon, momentum);
        this.cap = parameters.real("cap");
        this.epsilon = parameters.real("epsilon");
        this.momentum = parameters.real("momentum");
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
    protected CoordinateKernel kernel() {
        return kernel;
    }

    private final CoordinateKernel kernel = new RatioCappedKernel();

    @Override
    protected ArrayKernel arrayForm() {
        return arrays;
    }

    /**
     * The array-op form: m ← β·m + (1 − β)·g; r = √(var θ/(var g + ε)); min(r, cap) with NaN (an undefined ratio)
     * and +∞ both giving cap, as the guard of the block form; −η·min(r, cap)·m added to θ. Nine ops.
     */
    private final ArrayKernel arrays = new ArrayKernel() {
        @Override
        public int scratchArrays() {
            return 1;
        }

        @Override
        public int opsPerStep() {
            return 9;
        }

        @Override
        public void step(ArrayStep s) {
            INDArray mv = m.array();
            INDArray r = s.scratch(0);
            ArrayOps.scale(momentum, mv, mv);
            ArrayOps.axpy(1 - momentum, s.gradient(), mv, mv);
            ArrayOps.shift(s.varGradient(), epsilon, r);
            ArrayOps.div(s.varTheta(), r, r);
            ArrayOps.sqrt(r, r);
            ArrayOps.minOrScalar(r, cap, r);
            ArrayOps.scale(-s.learningRate(), r, r);
            ArrayOps.mul(r, mv, r);
            ArrayOps.add(s.theta(), r, s.theta());
        }

        @Override
        public String toString() {
            return RatioCappedStep.this.toString();
        }
    };

    /** The lane form, and through {@link dev.ogr.core.exec.DirectFloatKernel.Source} the Vector API form. */
    private final class RatioCappedKernel extends Kernel implements dev.ogr.core.exec.DirectFloatKernel.Source {
        @Override
        public dev.ogr.core.exec.DirectFloatKernel directFloats() {
            return new RatioCappedSimd(RatioCappedStep.this);
        }

        @Override
        public void compute(CoordinateBlock s) {
            int count = s.count();
            double[] x = s.lane(CoordinateBlock.THETA);
            double[] y = s.lane(CoordinateBlock.GRADIENT);
            double[] vx = s.lane(CoordinateBlock.VAR_THETA);
            double[] vy = s.lane(CoordinateBlock.VAR_GRADIENT);
            double[] ms = s.lane(CoordinateBlock.STATE);
            double[] newX = s.lane(CoordinateBlock.NEW_THETA);
            double lr = s.learningRate();
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
        public void computeFloats(CoordinateBlock s) {
            int count = s.count();
            float[] x = s.floatLane(CoordinateBlock.THETA);
            float[] y = s.floatLane(CoordinateBlock.GRADIENT);
            float[] vx = s.floatLane(CoordinateBlock.VAR_THETA);
            float[] vy = s.floatLane(CoordinateBlock.VAR_GRADIENT);
            float[] ms = s.floatLane(CoordinateBlock.STATE);
            float[] newM = s.floatLane(CoordinateBlock.STATE + 1);
            float[] ratio = s.floatLane(CoordinateBlock.STATE + 2);
            float[] newX = s.floatLane(CoordinateBlock.NEW_THETA);
            float keep = (float) momentum;
            float take = (float) (1 - momentum);
            float eps = (float) epsilon;
            float step = (float) s.learningRate();
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
                double lr = s.learningRate();
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
    }

    @Override
    public String toString() {
        return "ratio-capped(" + parameters.canonical() + ")";
    }
}
