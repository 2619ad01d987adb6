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
 * The reference notebooks' diagonal Newton step with a floor on the curvature: a momentum m ← β·m + (1 − β)·g
 * (the notebooks' m += γ(g − m), γ = 1 − β) and Δ = −m / max(div·c, cut), with the curvature c either the
 * regression slope |cov(g, θ)/var(θ)| ({@code curvature=slope}, dOGR) or the spread ratio √(var g / var θ)
 * ({@code curvature=sigma}, idOGR, the corr = 1 approximation). The floor {@code cut} bounds the step where the
 * curvature is small; |·| makes negative curvature repel. The floor is scale-dependent (|m|/cut is a distance), so
 * {@code cut=0} ties it to the recipe's learning rate, cut = 1/η: flat directions then take momentum steps η·m and
 * tuning η tunes the floor.
 */
public final class NewtonFloorStep extends ElementwiseStepRule {

    static final ParameterSpec CURVATURE = ParameterSpec.choice("curvature", "slope", List.of("slope", "sigma"),
            "slope: |cov(g,theta)/var(theta)| (dOGR); sigma: sqrt(var g/var theta) (idOGR)");
    static final ParameterSpec DIV = ParameterSpec.real("div", 1, 0, false, 1e6, true,
            "factor on the curvature: the step is m / max(div*c, cut)");
    static final ParameterSpec CUT = ParameterSpec.real("cut", 0, 0, true, 1e6, true,
            "floor on div*c, bounding the step to |m|/cut; 0: the floor is 1/eta, so flat directions take eta*m");
    static final ParameterSpec MOMENTUM = ParameterSpec.real("momentum", 0.9, 0, true, 1, false,
            "retention of the momentum m (the notebooks' rate is 1 - momentum)");

    /** The parameters of {@code newton-floor}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(CURVATURE, DIV, CUT, MOMENTUM);

    private final Parameters parameters;
    final boolean slope;
    final double div;
    final double cut;
    final double momentum;
    private Vec m;

    /** A floored Newton step; see the class comment. */
    public NewtonFloorStep(String curvature, double div, double cut, double momentum) {
        String owner = "step 'newton-floor'";
        this.parameters = Parameters.inOrder(PARAMETERS, owner, curvature, div, cut, momentum);
        this.slope = parameters.choice("curvature").equals("slope");
        this.div = parameters.real("div");
        this.cut = parameters.real("cut");
        this.momentum = parameters.real("momentum");
    }

    @Override
    protected void initState() {
        m = coordinateState("momentum");
    }

    @Override
    protected double displacement(RegressionModel model, long i, double learningRate) {
        return displacement((int) i, model.gradient(i), model.positionVariance(i), model.gradientVariance(i),
                model.covariance(i), learningRate);
    }

    private double displacement(int i, double g, double varX, double varG, double cov, double learningRate) {
        double mi = momentum * m.get(i) + (1 - momentum) * g;
        m.set(i, mi);
        double c = slope ? Math.abs(cov / varX) : Math.sqrt(varG / varX);
        double floor = cut > 0 ? cut : 1 / learningRate;
        double dc = div * c;
        double scale = Double.isFinite(dc) && dc > floor ? dc : floor; // not Math.max: slow on JDK 17
        return -mi / scale;
    }

    /** Only {@code curvature=slope} reads the covariance; {@code sigma} needs the variances alone. */
    @Override
    public boolean readsCovariance() {
        return slope;
    }

    @Override
    protected CoordinateKernel kernel() {
        return kernel;
    }

    private final CoordinateKernel kernel = new NewtonFloorKernel();

    @Override
    protected ArrayKernel arrayForm() {
        return arrays;
    }

    /**
     * The array-op form: m ← β·m + (1 − β)·g; the curvature div·|cov/var θ| or div·√(var g/var θ); the scale
     * max(div·c, floor), where NaN gives the floor (ND4J's scalar max) and +∞ (c ≥ 0) is set to it, as the block form's
     * guard; θ ← θ − m/scale. Nine ops (eight with div = 1, where div·c is c).
     */
    private final ArrayKernel arrays = new ArrayKernel() {
        @Override
        public int scratchArrays() {
            return 1;
        }

        @Override
        public int opsPerStep() {
            return div != 1 ? 9 : 8;
        }

        @Override
        public void step(ArrayStep s) {
            INDArray mv = m.array();
            INDArray c = s.scratch(0);
            ArrayOps.scale(momentum, mv, mv);
            ArrayOps.axpy(1 - momentum, s.gradient(), mv, mv);
            if (slope) {
                ArrayOps.div(s.covariance(), s.varTheta(), c);
                ArrayOps.abs(c, c);
            } else {
                ArrayOps.div(s.varGradient(), s.varTheta(), c);
                ArrayOps.sqrt(c, c);
            }
            if (div != 1) {
                ArrayOps.scale(div, c, c);
            }
            double floor = cut > 0 ? cut : 1 / s.learningRate();
            ArrayOps.setWherePositiveInfinite(c, floor); // c ≥ 0, NaN or +∞ here (div > 0)
            ArrayOps.maxOrScalar(c, floor, c);
            ArrayOps.div(mv, c, c);
            ArrayOps.sub(s.theta(), c, s.theta());
        }

        @Override
        public String toString() {
            return NewtonFloorStep.this.toString();
        }
    };

    /** The lane form, and through {@link dev.ogr.core.exec.DirectFloatKernel.Source} the Vector API form. */
    private final class NewtonFloorKernel extends Kernel implements dev.ogr.core.exec.DirectFloatKernel.Source {
        @Override
        public dev.ogr.core.exec.DirectFloatKernel directFloats() {
            return NewtonFloorSimd.of(NewtonFloorStep.this);
        }

        @Override
        public void compute(CoordinateBlock s) {
            int count = s.count();
            double[] x = s.lane(CoordinateBlock.THETA);
            double[] y = s.lane(CoordinateBlock.GRADIENT);
            double[] vx = s.lane(CoordinateBlock.VAR_THETA);
            double[] vy = s.lane(CoordinateBlock.VAR_GRADIENT);
            double[] cxy = s.lane(CoordinateBlock.COVARIANCE);
            double[] ms = s.lane(CoordinateBlock.STATE);
            double[] newX = s.lane(CoordinateBlock.NEW_THETA);
            double floor = cut > 0 ? cut : 1 / s.learningRate();
            double keep = momentum;
            double take = 1 - momentum;
            if (slope) {
                for (int i = 0; i < count; i++) {
                    double mi = keep * ms[i] + take * y[i];
                    ms[i] = mi;
                    double dc = div * Math.abs(cxy[i] / vx[i]);
                    double scale = Double.isFinite(dc) && dc > floor ? dc : floor;
                    newX[i] = x[i] + -mi / scale;
                }
            } else {
                for (int i = 0; i < count; i++) {
                    double mi = keep * ms[i] + take * y[i];
                    ms[i] = mi;
                    double dc = div * Math.sqrt(vy[i] / vx[i]);
                    double scale = Double.isFinite(dc) && dc > floor ? dc : floor;
                    newX[i] = x[i] + -mi / scale;
                }
            }
        }

        @Override
        public void computeFloats(CoordinateBlock s) {
            int count = s.count();
            float[] x = s.floatLane(CoordinateBlock.THETA);
            float[] y = s.floatLane(CoordinateBlock.GRADIENT);
            float[] vx = s.floatLane(CoordinateBlock.VAR_THETA);
            float[] vy = s.floatLane(CoordinateBlock.VAR_GRADIENT);
            float[] cxy = s.floatLane(CoordinateBlock.COVARIANCE);
            float[] ms = s.floatLane(CoordinateBlock.STATE);
            float[] newM = s.floatLane(CoordinateBlock.STATE + 1);
            float[] curvature = s.floatLane(CoordinateBlock.STATE + 2);
            float[] newX = s.floatLane(CoordinateBlock.NEW_THETA);
            float keep = (float) momentum;
            float take = (float) (1 - momentum);
            float d = (float) div;
            momentum(ms, y, keep, take, newM, count);
            if (slope) {
                for (int i = 0; i < count; i++) {
                    curvature[i] = d * Math.abs(cxy[i] / vx[i]);
                }
            } else {
                for (int i = 0; i < count; i++) {
                    curvature[i] = d * (float) Math.sqrt(vy[i] / vx[i]);
                }
            }
            double floor = cut > 0 ? cut : 1 / s.learningRate();
            float f = (float) floor;
            // where div·c is finite (the usual case), max(div·c, floor) is the guarded scale
            for (int i = 0; i < count; i++) {
                newX[i] = x[i] - newM[i] / Math.max(curvature[i], f);
            }
            if (!allFinite(curvature, count)) { // the guarded form for the other coordinates
                for (int i = 0; i < count; i++) {
                    if (!finite(curvature[i])) {
                        double mi = momentum * ms[i] + (1 - momentum) * y[i];
                        newM[i] = (float) mi;
                        double dc = div * (slope ? Math.abs(cxy[i] / (double) vx[i])
                                : Math.sqrt(vy[i] / (double) vx[i]));
                        double scale = Double.isFinite(dc) && dc > floor ? dc : floor;
                        newX[i] = (float) (x[i] + -mi / scale);
                    }
                }
            }
            System.arraycopy(newM, 0, ms, 0, count);
        }
    }

    @Override
    public String toString() {
        return "newton-floor(" + parameters.canonical() + ")";
    }
}
