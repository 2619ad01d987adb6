package dev.ogr.core.outside;

import dev.ogr.api.Basis;
import dev.ogr.api.OutsideRule;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.StrategyState;
import dev.ogr.api.array.ArrayOps;
import dev.ogr.core.Vectors;
import dev.ogr.core.exec.ArrayNotebookOutside;
import dev.ogr.core.exec.OutsideRowHooks;
import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;
import dev.ogr.core.subspace.SubspaceKernel;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The step outside the modelled subspace of the reference notebooks' subspace variants, the strategies {@code outside=momentum}
 * (sOGR) and {@code outside=dogr} (dsOGR). Per coordinate i, in the notebooks' update-rate form with r = 1 − β
 * ({@code beta}): a momentum m += r(g − m); for {@code dogr} also the notebook averages of θ and g (means
 * first, then the variance and covariance about the updated means, starting at mean 0 and var θ = 1) and the dOGR
 * step dᵢ = −mᵢ / max(|cov(g, θ)ᵢ / var(θ)ᵢ|, cut), the notebooks' floor {@code cut} ({@code cut}; 0, the
 * default, takes cut = 1/η as the {@code dogr} preset does, so flat coordinates take momentum steps η·m). The
 * step u = −(1 − w)·η·m + w·d blends the momentum step and the dOGR step with the weight w ({@code blend}; w = 0 for
 * {@code momentum}), and the parameters move by its part outside the basis, θ ← θ + u − V(Vᵀu). The statistics are
 * taken on the whole θ and g, every step including warm-up; only the step is projected.
 *
 * <p>With a subspace direction the optimizer runs this step inside its two passes over memory
 * ({@link SubspaceKernel}, through {@link OutsideRowHooks}): {@link #observeRows} updates the state and yields u and m row by row while the
 * projections are measured (Vᵀu is one of them), and {@link #stepRows} yields u again from the stored state while θ
 * moves. Otherwise {@link #observe} and {@link #apply} do the same on their own. With {@code inside=momentum} the
 * model step along V divides the coordinates of m instead of the gradient's (the notebooks' full OGR). On the array-op
 * path ({@link ArrayNotebookOutside}) the same state is updated by whole-array ops and the subspace step projects u.
 */
public final class NotebookOutside implements OutsideRule, OutsideRowHooks, ArrayNotebookOutside {

    static final ParameterSpec BETA = ParameterSpec.real("beta", 0.9, 0, true, 1, false,
            "retention of the momentum m and of dOGR's per-coordinate averages (the notebooks' rate is 1 - beta)");
    static final ParameterSpec BLEND = ParameterSpec.real("blend", 0.5, 0, true, 1, true,
            "weight w of the dOGR step -m/max(|cov/var theta|, cut) against the momentum step -eta*m");
    static final ParameterSpec CUT = ParameterSpec.real("cut", 0, 0, true, 1e6, true,
            "floor on |cov/var theta| in the dOGR step, bounding it to |m|/cut; 0: cut = 1/eta, so flat coordinates"
                    + " take momentum steps eta*m");
    static final ParameterSpec INSIDE = ParameterSpec.choice("inside", "gradient", List.of("gradient", "momentum"),
            "the gradient coordinates the model step along V uses: the latest gradient's, or those of m (the"
                    + " notebooks' full OGR, -Q.diag(1/max(|lambda|, floor)).Q'.m)");

    /** The parameters of {@code outside=momentum}. */
    public static final List<ParameterSpec> MOMENTUM_PARAMETERS = List.of(BETA, INSIDE);
    /** The parameters of {@code outside=dogr}. */
    public static final List<ParameterSpec> DOGR_PARAMETERS = List.of(BETA, BLEND, CUT, INSIDE);

    private final Parameters parameters;
    private final boolean diagonal;
    private final double rate;
    private final double blend;
    private final double cut;
    private final boolean insideMomentum;
    // the state
    private INDArray seenTheta;
    private Vec theta;
    private INDArray seenGradient;
    private Vec gradient;
    private Vec momentum;
    private Vec meanTheta;
    private Vec meanGradient;
    private Vec varTheta;
    private Vec covariance;
    // the step u of the general path (made on first use: the fused subspace path never needs it)
    private INDArray step;
    private Vec stepV;
    private double eta;

    private NotebookOutside(boolean diagonal, Parameters parameters) {
        this.parameters = parameters;
        this.diagonal = diagonal;
        this.rate = 1 - parameters.real("beta");
        this.blend = diagonal ? parameters.real("blend") : 0;
        this.cut = diagonal ? parameters.real("cut") : 0;
        this.insideMomentum = parameters.choice("inside").equals("momentum");
    }

    /** The notebooks' sOGR outside step −η·m, with retention {@code beta} and {@code inside} gradient or momentum. */
    public static NotebookOutside momentum(double beta, String inside) {
        return new NotebookOutside(false, Parameters.inOrder(MOMENTUM_PARAMETERS, "outside 'momentum'", beta, inside));
    }

    /** The notebooks' dsOGR outside step, blending −η·m with the dOGR step by {@code blend}, its floor {@code cut}. */
    public static NotebookOutside dogr(double beta, double blend, double cut, String inside) {
        return new NotebookOutside(true, Parameters.inOrder(DOGR_PARAMETERS, "outside 'dogr'", beta, blend, cut,
                inside));
    }

    @Override
    public void init(long n, DataType type, StrategyState state) {
        momentum = Vec.of(state.create("momentum", type, n));
        if (diagonal) {
            meanTheta = Vec.of(state.create("mean-theta", type, n));
            meanGradient = Vec.of(state.create("mean-g", type, n));
            INDArray var = state.create("var-theta", type, n);
            var.assign(1);
            varTheta = Vec.of(var);
            covariance = Vec.of(state.create("cov", type, n));
        }
    }

    @Override
    public INDArray momentumArray() {
        return momentum.array();
    }

    @Override
    public double blend() {
        return blend;
    }

    /**
     * The array-op form of {@link #observe}, in the fused rows' order of operations: m ← (1 − r)·m + r·g; for dOGR
     * also mean θ += r·(θ − mean θ), mean g likewise, then with dx = θ − mean θ and dg = g − mean g about the
     * updated means, var θ += r·(dx² − var θ) and cov += r·(dg·dx − cov).
     */
    @Override
    public void observeArrays(INDArray thetaArray, INDArray gradientArray, INDArray[] scratch) {
        INDArray m = momentum.array();
        ArrayOps.scale(1 - rate, m, m);
        ArrayOps.axpy(rate, gradientArray, m, m);
        if (!diagonal) {
            return;
        }
        INDArray mt = meanTheta.array();
        INDArray mg = meanGradient.array();
        INDArray vt = varTheta.array();
        INDArray cv = covariance.array();
        INDArray dx = scratch[0];
        INDArray dg = scratch[1];
        ArrayOps.sub(thetaArray, mt, dx);
        ArrayOps.axpy(rate, dx, mt, mt);
        ArrayOps.sub(thetaArray, mt, dx);
        ArrayOps.sub(gradientArray, mg, dg);
        ArrayOps.axpy(rate, dg, mg, mg);
        ArrayOps.sub(gradientArray, mg, dg);
        ArrayOps.mul(dg, dx, dg);
        ArrayOps.sub(dg, cv, dg);
        ArrayOps.axpy(rate, dg, cv, cv);
        ArrayOps.mul(dx, dx, dx);
        ArrayOps.sub(dx, vt, dx);
        ArrayOps.axpy(rate, dx, vt, vt);
    }

    @Override
    public int observeOps() {
        return diagonal ? 14 : 2;
    }

    /** d = m / max(|cov / var θ|, floor), the floor {@code cut} or 1/η; a NaN or infinite ratio takes the floor. */
    @Override
    public void diagonalStep(double eta, INDArray d) {
        if (!diagonal) {
            throw new IllegalStateException("outside 'momentum' has no diagonal step (blend is 0)");
        }
        double floor = cut > 0 ? cut : 1 / eta;
        ArrayOps.div(covariance.array(), varTheta.array(), d);
        ArrayOps.abs(d, d);
        ArrayOps.setWherePositiveInfinite(d, floor); // |·| leaves only +∞
        ArrayOps.maxOrScalar(d, floor, d);
        ArrayOps.div(momentum.array(), d, d);
    }

    @Override
    public int diagonalStepOps() {
        return 5;
    }

    @Override
    public INDArray insideGradient() {
        return insideMomentum ? momentum.array() : null;
    }

    @Override
    public SubspaceKernel.RowHook observeHook() {
        return observeHook;
    }

    @Override
    public SubspaceKernel.RowHook stepHook() {
        return stepHook;
    }

    /** The hook of the measuring pass: {@link #observeRows}, {@link #observeFloatRows}. */
    private final SubspaceKernel.RowHook observeHook = new SubspaceKernel.RowHook() {
        @Override
        public void rows(int from, int count, double[] thetas, double[] gradients, double[][] out) {
            observeRows(from, count, thetas, gradients, out);
        }

        @Override
        public boolean handlesFloats() {
            return true;
        }

        @Override
        public void floatRows(int from, int count, float[] thetas, float[] gradients, float[][] out) {
            observeFloatRows(from, count, thetas, gradients, out);
        }
    };

    /** The hook of the applying pass: {@link #stepRows}, {@link #stepFloatRows}; it reads neither θ nor g. */
    private final SubspaceKernel.RowHook stepHook = new SubspaceKernel.RowHook() {
        @Override
        public void rows(int from, int count, double[] thetas, double[] gradients, double[][] out) {
            stepRows(from, count, thetas, gradients, out);
        }

        @Override
        public boolean handlesFloats() {
            return true;
        }

        @Override
        public void floatRows(int from, int count, float[] thetas, float[] gradients, float[][] out) {
            stepFloatRows(from, count, thetas, gradients, out);
        }

        @Override
        public boolean readsInputsWhenApplying() {
            return false;
        }
    };

    /** Sets the learning rate the rows' steps u are computed with (before {@link #observeRows}, {@link #stepRows}). */
    @Override
    public void learningRate(double eta) {
        this.eta = eta;
    }

    /**
     * A {@link SubspaceKernel.RowHook} for the measuring pass: takes the rows' θ and g into the momentum and averages
     * as {@link #observe} does, then writes u (vector 0) and the new momentum m (vector 1), both from the values as
     * stored, so that {@link #stepRows} gives the same u.
     */
    void observeRows(int from, int count, double[] thetas, double[] gradients, double[][] out) {
        Scratch s = Scratch.current();
        float[] f = s.floats();
        double[] m = s.lane(0);
        momentum.read(from, count, m, f);
        double r = rate;
        if (!diagonal) {
            for (int i = 0; i < count; i++) {
                double mi = m[i];
                m[i] = mi + r * (gradients[i] - mi);
            }
            momentum.write(from, count, m, f);
        } else {
            double[] mt = s.lane(1);
            double[] mg = s.lane(2);
            double[] vt = s.lane(3);
            double[] cv = s.lane(4);
            meanTheta.read(from, count, mt, f);
            meanGradient.read(from, count, mg, f);
            varTheta.read(from, count, vt, f);
            covariance.read(from, count, cv, f);
            for (int i = 0; i < count; i++) {
                double g = gradients[i];
                double x = thetas[i];
                double mi = m[i];
                m[i] = mi + r * (g - mi);
                double mx = mt[i];
                double mgi = mg[i];
                mx += r * (x - mx);
                mgi += r * (g - mgi);
                double dx = x - mx;
                double dg = g - mgi;
                mt[i] = mx;
                mg[i] = mgi;
                double vx = vt[i];
                vt[i] = vx + r * (dx * dx - vx);
                double c = cv[i];
                cv[i] = c + r * (dg * dx - c);
            }
            momentum.write(from, count, m, f);
            meanTheta.write(from, count, mt, f);
            meanGradient.write(from, count, mg, f);
            varTheta.write(from, count, vt, f);
            covariance.write(from, count, cv, f);
        }
        steps(count, m, out[0]);
        System.arraycopy(m, 0, out[1], 0, count);
    }

    /** A {@link SubspaceKernel.RowHook} for the applying pass: writes the rows' u (vector 0) from the stored state. */
    void stepRows(int from, int count, double[] thetas, double[] gradients, double[][] out) {
        Scratch s = Scratch.current();
        float[] f = s.floats();
        double[] m = s.lane(0);
        momentum.read(from, count, m, f);
        if (diagonal) {
            covariance.read(from, count, s.lane(4), f);
            varTheta.read(from, count, s.lane(3), f);
        }
        steps(count, m, out[0]);
    }

    /**
     * The float twin of {@link #observeRows}, on float lanes: as in the coordinate-wise kernels, the averages' update
     * runs in float arithmetic (which the JIT vectorises) and the step's arithmetic in double, each stored value
     * rounded to float.
     */
    void observeFloatRows(int from, int count, float[] thetas, float[] gradients, float[][] out) {
        Scratch s = Scratch.current();
        float[] m = s.floatLane(0);
        momentum.readAsFloats(from, count, m);
        float r = (float) rate;
        if (!diagonal) {
            for (int i = 0; i < count; i++) {
                m[i] += r * (gradients[i] - m[i]);
            }
            momentum.writeAsFloats(from, count, m);
        } else {
            float[] mt = s.floatLane(1);
            float[] mg = s.floatLane(2);
            float[] vt = s.floatLane(3);
            float[] cv = s.floatLane(4);
            meanTheta.readAsFloats(from, count, mt);
            meanGradient.readAsFloats(from, count, mg);
            varTheta.readAsFloats(from, count, vt);
            covariance.readAsFloats(from, count, cv);
            for (int i = 0; i < count; i++) {
                float g = gradients[i];
                float x = thetas[i];
                m[i] += r * (g - m[i]);
                float mx = mt[i] + r * (x - mt[i]);
                float mgi = mg[i] + r * (g - mg[i]);
                float dx = x - mx;
                float dg = g - mgi;
                mt[i] = mx;
                mg[i] = mgi;
                vt[i] += r * (dx * dx - vt[i]);
                cv[i] += r * (dg * dx - cv[i]);
            }
            momentum.writeAsFloats(from, count, m);
            meanTheta.writeAsFloats(from, count, mt);
            meanGradient.writeAsFloats(from, count, mg);
            varTheta.writeAsFloats(from, count, vt);
            covariance.writeAsFloats(from, count, cv);
        }
        floatSteps(count, m, out[0]);
        System.arraycopy(m, 0, out[1], 0, count);
    }

    /** The float twin of {@link #stepRows}. */
    void stepFloatRows(int from, int count, float[] thetas, float[] gradients, float[][] out) {
        Scratch s = Scratch.current();
        float[] m = s.floatLane(0);
        momentum.readAsFloats(from, count, m);
        if (diagonal) {
            varTheta.readAsFloats(from, count, s.floatLane(3));
            covariance.readAsFloats(from, count, s.floatLane(4));
        }
        floatSteps(count, m, out[0]);
    }

    /** u for {@code count} rows from float lanes (momentum {@code m}, and float lanes 3, 4: var θ, cov). */
    private void floatSteps(int count, float[] m, float[] out) {
        double e = eta;
        double w = blend;
        float momentumStep = (float) -((1 - w) * e);
        if (!diagonal) {
            for (int i = 0; i < count; i++) {
                out[i] = momentumStep * m[i];
            }
            return;
        }
        double floor = cut > 0 ? cut : 1 / e;
        Scratch s = Scratch.current();
        float[] vt = s.floatLane(3);
        float[] cv = s.floatLane(4);
        for (int i = 0; i < count; i++) {
            out[i] = (float) step(m[i], cv[i], vt[i], e, w, floor);
        }
    }

    /** u for {@code count} rows from the momentum {@code m} (and lanes 3, 4 of the scratch: var θ, cov), into out. */
    private void steps(int count, double[] m, double[] out) {
        double e = eta;
        double w = blend;
        double floor = cut > 0 ? cut : 1 / e;
        if (!diagonal) {
            for (int i = 0; i < count; i++) {
                out[i] = -((1 - w) * e * m[i]);
            }
            return;
        }
        Scratch s = Scratch.current();
        double[] vt = s.lane(3);
        double[] cv = s.lane(4);
        for (int i = 0; i < count; i++) {
            out[i] = step(m[i], cv[i], vt[i], e, w, floor);
        }
    }

    /** The blended step of one coordinate: −(1 − w)·η·m + w·(−m / max(|cov/var θ|, floor)). */
    private static double step(double m, double cov, double var, double eta, double w, double floor) {
        double u = -((1 - w) * eta * m);
        double c = Math.abs(cov / var);
        double scale = Double.isFinite(c) && c > floor ? c : floor;
        return u + w * (-m / scale);
    }

    /** Takes the gradient {@code g} at θ into the momentum and (for dOGR) the per-coordinate averages. */
    @Override
    public void observe(INDArray thetaArray, INDArray gradientArray) {
        if (thetaArray != seenTheta) {
            seenTheta = thetaArray;
            theta = Vec.of(thetaArray);
        }
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
    @Override
    public void apply(INDArray thetaArray, double eta, Basis basis) {
        if (step == null) {
            step = Nd4j.zeros(thetaArray.dataType(), thetaArray.shape());
            stepV = Vec.of(step);
        }
        int n = (int) thetaArray.length();
        double w = blend;
        double floor = cut > 0 ? cut : 1 / eta;
        for (int i = 0; i < n; i++) {
            double m = momentum.get(i);
            stepV.set(i, diagonal ? step(m, covariance.get(i), varTheta.get(i), eta, w, floor) : -((1 - w) * eta * m));
        }
        int k = (int) basis.rank();
        for (int j = 0; j < k; j++) {
            INDArray v = basis.column(j);
            Vectors.axpy(-Vectors.dot(step, v), v, step);
        }
        Vectors.axpy(1.0, step, thetaArray);
    }

    @Override
    public String toString() {
        return (diagonal ? "dogr(" : "momentum(") + parameters.canonical() + ")";
    }
}
