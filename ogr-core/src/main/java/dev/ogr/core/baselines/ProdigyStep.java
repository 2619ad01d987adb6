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
 * Prodigy (Mishchenko &amp; Defazio, "Prodigy: An Expeditiously Adaptive Parameter-Free Learner", ICML 2024, Alg. 4
 * in its Adam form as the authors publish it): Adam whose step size d·η is an estimate d of the distance to the
 * solution, grown from d₀ by
 * <pre>
 *   r ← β₃·r + (d/d₀)·d·η·⟨g, x₀ − x⟩        s ← β₃·s + (d/d₀)·d·η·g
 *   m ← β₁·m + d·(1 − β₁)·g                  v ← β₂·v + d²·(1 − β₂)·g²
 *   d̂ = c·r/‖s‖₁,  d_max ← max(d_max, d̂),  d ← min(d_max, d·growth)   (while d = d₀, first d ← max(d₀, d̂))
 *   x ← x·(1 − λ·d·η) − d·η·m/(√v + d·ε)
 * </pre>
 * with the d of the step's start in the moments and the new d in the denominator's ε, so a step takes two passes: the
 * first updates the moments and sums ⟨g, x₀ − x⟩ and ‖s‖₁, the second moves x. β₃ = √β₂ unless given; λ is
 * decoupled weight decay. A step whose ‖s‖₁ is zero (no gradient yet) leaves x and the estimates as they are, as
 * the authors' code does. See docs/baselines.md.
 */
public final class ProdigyStep extends KernelStepRule {

    /** The parameters of {@code prodigy}, with the authors' defaults. */
    public static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("beta1", 0.9, 0, true, 1, false, "retention of the first moment"),
            ParameterSpec.real("beta2", 0.999, 0, true, 1, false, "retention of the second moment"),
            ParameterSpec.real("beta3", 0, 0, true, 1, false, "retention of the distance sums (0: sqrt(beta2))"),
            ParameterSpec.real("epsilon", 1e-8, 0, false, 1, true, "added to sqrt(v), times d"),
            ParameterSpec.real("d0", 1e-6, 0, false, 1e6, true, "initial distance estimate"),
            ParameterSpec.real("coefficient", 1, 0, false, 100, true, "factor c of the estimate d^ (the authors'"
                    + " d_coef: the preferred knob)"),
            ParameterSpec.real("growth", Double.POSITIVE_INFINITY, 1, true, Double.POSITIVE_INFINITY, true,
                    "largest factor by which d grows per step (Infinity: unbounded)"),
            ParameterSpec.real("decay", 0, 0, true, 1, true, "decoupled weight decay lambda"),
            ParameterSpec.flag("bias-correction", false, "Adam's bias correction in the step size"),
            ParameterSpec.flag("safeguard", false, "the authors' safeguard_warmup: eta left out of the s update"));

    private static final int STEPS = 0;
    private static final int D = 1;
    private static final int D_MAX = 2;
    private static final int NUMERATOR = 3;

    private final Parameters parameters;
    private final double beta1;
    private final double beta2;
    private final double beta3;
    private final double epsilon;
    private final double d0;
    private final double coefficient;
    private final double growth;
    private final double decay;
    private final boolean biasCorrection;
    private final boolean safeguard;
    // this step
    private boolean first;
    private boolean idle;
    private double d;
    private double dlr;
    private double newD;
    private boolean skip;
    private INDArray start;
    private INDArray sum;
    private INDArray firstMoment;
    private INDArray secondMoment;
    private double steps;

    /** Prodigy with the given parameters (in the order of {@link #PARAMETERS}). */
    public ProdigyStep(double beta1, double beta2, double beta3, double epsilon, double d0, double coefficient,
            double growth, double decay, boolean biasCorrection, boolean safeguard) {
        super("step 'prodigy'");
        this.parameters = Parameters.inOrder(PARAMETERS, "step 'prodigy'", beta1, beta2, beta3, epsilon, d0,
                coefficient, growth, decay, biasCorrection, safeguard);
        this.beta1 = parameters.real("beta1");
        this.beta2 = parameters.real("beta2");
        double b3 = parameters.real("beta3");
        this.beta3 = b3 == 0 ? Math.sqrt(this.beta2) : b3;
        this.epsilon = parameters.real("epsilon");
        this.d0 = parameters.real("d0");
        this.coefficient = parameters.real("coefficient");
        this.growth = parameters.real("growth");
        this.decay = parameters.real("decay");
        this.biasCorrection = parameters.flag("bias-correction");
        this.safeguard = parameters.flag("safeguard");
    }

    @Override
    protected int scalarCount() {
        return 4;
    }

    @Override
    protected void initState(ModelLayout layout) {
        start = coordinateArray("x0", layout);
        sum = coordinateArray("s", layout);
        firstMoment = coordinateArray("first-moment", layout);
        secondMoment = coordinateArray("second-moment", layout);
        setScalar(D, d0);
        setScalar(D_MAX, d0);
    }

    /** The current distance estimate d. */
    public double distance() {
        return scalar(D);
    }

    @Override
    public void beginStep(double learningRate) {
        double k = scalar(STEPS);
        steps = k;
        first = k == 0;
        idle = learningRate == 0;
        d = scalar(D);
        double correction = biasCorrection
                ? Math.sqrt(1 - Math.pow(beta2, k + 1)) / (1 - Math.pow(beta1, k + 1)) : 1;
        dlr = d * learningRate * correction;
        newD = d;
        skip = false;
    }

    @Override
    public int passes() {
        return idle ? 1 : 2;
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
        double[] x0 = b.lane(CoordinateBlock.STATE);
        double[] s = b.lane(CoordinateBlock.STATE + 1);
        double[] m = b.lane(CoordinateBlock.STATE + 2);
        double[] v = b.lane(CoordinateBlock.STATE + 3);
        double[] out = b.lane(CoordinateBlock.NEW_THETA);
        if (idle) {
            System.arraycopy(x, 0, out, 0, n);
            return;
        }
        if (b.pass() == 0) {
            if (first) {
                System.arraycopy(x, 0, x0, 0, n);
            }
            double sRate = (d / d0) * (safeguard ? d : dlr);
            double dot = 0;
            double l1 = 0;
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                dot += gi * (x0[i] - x[i]);
                m[i] = beta1 * m[i] + d * (1 - beta1) * gi;
                v[i] = beta2 * v[i] + d * d * (1 - beta2) * gi * gi;
                s[i] = beta3 * s[i] + sRate * gi;
                l1 += Math.abs(s[i]);
            }
            b.sums()[0] += dot;
            b.sums()[1] += l1;
            return;
        }
        if (skip) {
            System.arraycopy(x, 0, out, 0, n);
            return;
        }
        double shrink = 1 - decay * dlr;
        double floor = newD * epsilon;
        for (int i = 0; i < n; i++) {
            out[i] = x[i] * shrink - dlr * m[i] / (Math.sqrt(v[i]) + floor);
        }
    }

    @Override
    public void endPass(int pass, double[] totals) {
        if (idle) {
            return;
        }
        if (pass == 1) {
            if (!skip) {
                setScalar(STEPS, steps + 1);
            }
            return;
        }
        double denominator = totals[1];
        if (denominator == 0) {
            skip = true;
            return;
        }
        double numerator = beta3 * scalar(NUMERATOR) + (d / d0) * dlr * totals[0];
        double estimate = coefficient * numerator / denominator;
        double next = d;
        if (next == d0) {
            next = Math.max(next, estimate);
        }
        double dMax = scalar(D_MAX);
        double max = Math.max(dMax, estimate);
        next = Math.min(max, next * growth);
        setScalar(NUMERATOR, numerator);
        if (Double.compare(max, dMax) != 0) { // set only when changed: off the CPU each access is a transfer
            setScalar(D_MAX, max);
        }
        if (Double.compare(next, d) != 0) {
            setScalar(D, next);
        }
        newD = next;
    }

    @Override
    public ArrayKernel arrayKernel() {
        return arrays;
    }

    /**
     * The array-op form of the block form's two passes: on the first step x₀ ← x; Σ g·(x₀ − x) as a reduction (the
     * difference in a scratch array); m ← β₁·m + d(1 − β₁)·g, v ← β₂·v + d²(1 − β₂)·g², s ← β₃·s + r_s·g; Σ|s| as a
     * reduction; both sums into double scalars read on the host for {@link #endPass}; then, unless the step is
     * skipped (Σ|s| = 0), x ← (1 − λ·dlr)·x − dlr·m/(√v + d′ε). Fourteen ops a step, one more with decay.
     */
    private final ArrayKernel arrays = new ArrayForm() {
        private final INDArray dot = Nd4j.create(DataType.DOUBLE, 1);
        private final INDArray l1 = Nd4j.create(DataType.DOUBLE, 1);
        private final double[] totals = new double[2];

        @Override
        public int scratchArrays() {
            return 1;
        }

        @Override
        public int opsPerStep() {
            return 14 + (decay > 0 ? 1 : 0);
        }

        @Override
        public void step(ArrayStep st) {
            beginStep(st.learningRate());
            if (idle) {
                return;
            }
            INDArray x = st.theta();
            INDArray g = st.gradient();
            INDArray x0 = start;
            INDArray m = firstMoment;
            INDArray v = secondMoment;
            INDArray t = st.scratch(0);
            if (first) {
                x0.assign(x);
            }
            ArrayOps.sub(x0, x, t);
            Nd4j.exec(new Dot(g, t, dot));
            ArrayOps.scale(beta1, m, m);
            ArrayOps.axpy(d * (1 - beta1), g, m, m);
            ArrayOps.mul(g, g, t);
            ArrayOps.scale(beta2, v, v);
            ArrayOps.axpy(d * d * (1 - beta2), t, v, v);
            ArrayOps.scale(beta3, sum, sum);
            ArrayOps.axpy((d / d0) * (safeguard ? d : dlr), g, sum, sum);
            Nd4j.exec(new Norm1(sum, l1));
            totals[0] = dot.getDouble(0);
            totals[1] = l1.getDouble(0);
            endPass(0, totals);
            if (skip) {
                return;
            }
            ArrayOps.sqrt(v, t);
            ArrayOps.shift(t, newD * epsilon, t);
            ArrayOps.div(m, t, t);
            if (decay > 0) {
                ArrayOps.scale(1 - decay * dlr, x, x);
            }
            ArrayOps.axpy(-dlr, t, x, x);
            endPass(1, totals);
        }
    };

    @Override
    public String toString() {
        return "prodigy(" + parameters.canonical() + ")";
    }
}
