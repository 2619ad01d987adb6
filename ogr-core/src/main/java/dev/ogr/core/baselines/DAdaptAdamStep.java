package dev.ogr.core.baselines;

import dev.ogr.api.ModelLayout;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.array.ArrayKernel;
import dev.ogr.api.array.ArrayOps;
import dev.ogr.api.array.ArrayStep;
import dev.ogr.api.block.CoordinateBlock;
import dev.ogr.core.steps.KernelStepRule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Norm1;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;

/**
 * D-Adaptation in its Adam form (Defazio &amp; Mishchenko, "Learning-Rate-Free Learning by D-Adaptation", ICML 2023;
 * the v3 algorithm of the authors' {@code DAdaptAdam}): Adam whose step size d·η grows with a lower bound d̂ of the
 * distance to the solution, from d₀,
 * <pre>
 *   r ← √β₂·r + (1 − √β₂)·d·η·Σ g·s/(√v + ε)      (s and v of the previous step)
 *   m ← β₁·m + d·η·(1 − β₁)·g    v ← β₂·v + (1 − β₂)·g²    s ← √β₂·s + d·η·(1 − √β₂)·g
 *   x ← x − m/(√v + ε)           d̂ = r/((1 − √β₂)·‖s‖₁),  d ← max(d, min(d̂, d·growth))
 * </pre>
 * The step uses the d of its start, so one pass suffices: it moves x and sums Σ g·s/(√v + ε) and ‖s‖₁, and d is
 * updated after it for the next step. Weight decay λ is added to the gradient, or decoupled (x ← x − λ·d·η·x) with
 * {@code decouple}. (The authors' code skips the move when ‖s‖₁ = 0, that is before any non-zero gradient, when the
 * move is zero anyway; here a decoupled decay still shrinks x on such a step.) See docs/baselines.md.
 */
public final class DAdaptAdamStep extends KernelStepRule {

    /** The parameters of {@code dadapt-adam}, with the authors' defaults. */
    public static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("beta1", 0.9, 0, true, 1, false, "retention of the first moment"),
            ParameterSpec.real("beta2", 0.999, 0, true, 1, false, "retention of the second moment"),
            ParameterSpec.real("epsilon", 1e-8, 0, true, 1, true, "added to sqrt(v)"),
            ParameterSpec.real("d0", 1e-6, 0, false, 1e6, true, "initial distance estimate"),
            ParameterSpec.real("growth", Double.POSITIVE_INFINITY, 1, true, Double.POSITIVE_INFINITY, true,
                    "largest factor by which d grows per step (Infinity: unbounded)"),
            ParameterSpec.real("decay", 0, 0, true, 1, true, "weight decay lambda"),
            ParameterSpec.flag("decouple", false, "decoupled (AdamW-style) weight decay"),
            ParameterSpec.flag("bias-correction", false, "Adam's bias correction in the step size"));

    private static final int STEPS = 0;
    private static final int D = 1;
    private static final int NUMERATOR = 2;

    private final Parameters parameters;
    private final double beta1;
    private final double beta2;
    private final double rootBeta2;
    private final double epsilon;
    private final double d0;
    private final double growth;
    private final double decay;
    private final boolean decouple;
    private final boolean biasCorrection;
    private double dlr;
    private boolean idle;
    private INDArray sum;
    private INDArray first;
    private INDArray second;
    // the scalar estimates as read at the start of this step (read once: off the CPU each read is a transfer)
    private double steps;
    private double distance;

    /** D-Adapted Adam with the given parameters (in the order of {@link #PARAMETERS}). */
    public DAdaptAdamStep(double beta1, double beta2, double epsilon, double d0, double growth, double decay,
            boolean decouple, boolean biasCorrection) {
        super("step 'dadapt-adam'");
        this.parameters = Parameters.inOrder(PARAMETERS, "step 'dadapt-adam'", beta1, beta2, epsilon, d0, growth,
                decay, decouple, biasCorrection);
        this.beta1 = parameters.real("beta1");
        this.beta2 = parameters.real("beta2");
        this.rootBeta2 = Math.sqrt(this.beta2);
        this.epsilon = parameters.real("epsilon");
        this.d0 = parameters.real("d0");
        this.growth = parameters.real("growth");
        this.decay = parameters.real("decay");
        this.decouple = parameters.flag("decouple");
        this.biasCorrection = parameters.flag("bias-correction");
    }

    @Override
    protected int scalarCount() {
        return 3;
    }

    @Override
    protected void initState(ModelLayout layout) {
        sum = coordinateArray("s", layout);
        first = coordinateArray("first-moment", layout);
        second = coordinateArray("second-moment", layout);
        setScalar(D, d0);
    }

    /** The current distance estimate d. */
    public double distance() {
        return scalar(D);
    }

    @Override
    public void beginStep(double learningRate) {
        double k = scalar(STEPS);
        steps = k;
        distance = scalar(D);
        double correction = biasCorrection
                ? Math.sqrt(1 - Math.pow(beta2, k + 1)) / (1 - Math.pow(beta1, k + 1)) : 1;
        dlr = distance * learningRate * correction;
        idle = learningRate == 0;
    }

    @Override
    public int sums() {
        return 2;
    }

    @Override
    public void compute(CoordinateBlock b) {
        int n = b.count();
        double[] x = b.lane(CoordinateBlock.THETA);
        double[] g = b.lane(CoordinateBlock.GRADIENT);
        double[] s = b.lane(CoordinateBlock.STATE);
        double[] m = b.lane(CoordinateBlock.STATE + 1);
        double[] v = b.lane(CoordinateBlock.STATE + 2);
        double[] out = b.lane(CoordinateBlock.NEW_THETA);
        if (idle) {
            System.arraycopy(x, 0, out, 0, n);
            return;
        }
        double coupled = decouple ? 0 : decay;
        double shrink = decouple ? 1 - decay * dlr : 1;
        double dot = 0;
        double l1 = 0;
        for (int i = 0; i < n; i++) {
            double gi = g[i] + coupled * x[i];
            dot += gi * s[i] / (Math.sqrt(v[i]) + epsilon);
            m[i] = beta1 * m[i] + dlr * (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            s[i] = rootBeta2 * s[i] + dlr * (1 - rootBeta2) * gi;
            l1 += Math.abs(s[i]);
            out[i] = x[i] * shrink - m[i] / (Math.sqrt(v[i]) + epsilon);
        }
        b.sums()[0] += dot;
        b.sums()[1] += l1;
    }

    @Override
    public void endPass(int pass, double[] totals) {
        if (idle || totals[1] == 0) {
            return; // no gradient yet: the estimates stay as they are
        }
        double numerator = rootBeta2 * scalar(NUMERATOR) + (1 - rootBeta2) * dlr * totals[0];
        double estimate = numerator / ((1 - rootBeta2) * totals[1]);
        double d = distance;
        setScalar(NUMERATOR, numerator);
        setScalar(D, Math.max(d, Math.min(estimate, d * growth)));
        setScalar(STEPS, steps + 1);
    }

    @Override
    public ArrayKernel arrayKernel() {
        return arrays;
    }

    /**
     * The array-op form of the block form's pass: with coupled decay the gradient g + λ·x into a scratch array;
     * Σ g·s/(√v + ε) as a reduction (s and v before the step); m ← β₁·m + dlr(1 − β₁)·g, v ← β₂·v + (1 − β₂)·g²,
     * s ← √β₂·s + dlr(1 − √β₂)·g; Σ|s| as a reduction; both sums into double scalars read on the host for
     * {@link #endPass}; x ← (1 − λ·dlr)·x − m/(√v + ε) (the shrink only with decoupled decay). Sixteen ops a step,
     * one more with decay.
     */
    private final ArrayKernel arrays = new ArrayForm() {
        private final INDArray dot = Nd4j.create(DataType.DOUBLE, 1);
        private final INDArray l1 = Nd4j.create(DataType.DOUBLE, 1);
        private final double[] totals = new double[2];

        @Override
        public int scratchArrays() {
            return 2;
        }

        @Override
        public int opsPerStep() {
            return 16 + (decay > 0 ? 1 : 0);
        }

        @Override
        public void step(ArrayStep st) {
            beginStep(st.learningRate());
            if (idle) {
                return;
            }
            INDArray x = st.theta();
            INDArray g = st.gradient();
            INDArray m = first;
            INDArray v = second;
            INDArray t = st.scratch(1);
            if (!decouple && decay > 0) {
                ArrayOps.axpy(decay, x, g, st.scratch(0));
                g = st.scratch(0);
            }
            ArrayOps.sqrt(v, t);
            ArrayOps.shift(t, epsilon, t);
            ArrayOps.div(sum, t, t);
            Nd4j.exec(new Dot(g, t, dot));
            ArrayOps.scale(beta1, m, m);
            ArrayOps.axpy(dlr * (1 - beta1), g, m, m);
            ArrayOps.mul(g, g, t);
            ArrayOps.scale(beta2, v, v);
            ArrayOps.axpy(1 - beta2, t, v, v);
            ArrayOps.scale(rootBeta2, sum, sum);
            ArrayOps.axpy(dlr * (1 - rootBeta2), g, sum, sum);
            Nd4j.exec(new Norm1(sum, l1));
            ArrayOps.sqrt(v, t);
            ArrayOps.shift(t, epsilon, t);
            ArrayOps.div(m, t, t);
            if (decouple && decay > 0) {
                ArrayOps.scale(1 - decay * dlr, x, x);
            }
            ArrayOps.sub(x, t, x);
            totals[0] = dot.getDouble(0);
            totals[1] = l1.getDouble(0);
            endPass(0, totals);
        }
    };

    @Override
    public String toString() {
        return "dadapt-adam(" + parameters.canonical() + ")";
    }
}
