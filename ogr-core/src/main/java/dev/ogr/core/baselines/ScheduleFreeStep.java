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
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Schedule-Free SGD and AdamW (Defazio, Yang, Mehta, Mishchenko, Khaled &amp; Cutkosky, "The Road Less Scheduled",
 * NeurIPS 2024; the authors' reference {@code SGDScheduleFree} and {@code AdamWScheduleFree}). Three sequences: the
 * gradient is taken at the interpolation y, which is the optimizer's θ; z takes the base optimizer's steps; x, their
 * weighted average, is the point to evaluate and export ({@link #evaluationPoint()}):
 * <pre>
 *   z ← z − γ_t·(λ·y + u)        u = g (sgd), or g/(√(v/(1 − β₂ᵗ)) + ε) with v ← β₂·v + (1 − β₂)·g² (adamw)
 *   x ← (1 − c)·x + c·z,         c = w_t/Σ_{i≤t} w_i,  w_t = t^r·(max_{i≤t} γ_i)^p
 *   y ← β·x + (1 − β)·z
 * </pre>
 * with γ_t = η·min(1, t/warmup), the recipe's learning rate η warmed up linearly. One pass per step. See
 * docs/baselines.md.
 */
public final class ScheduleFreeStep extends KernelStepRule {

    /** The parameters of {@code schedule-free-sgd}, with the authors' defaults. */
    public static final List<ParameterSpec> SGD_PARAMETERS = List.of(
            ParameterSpec.real("beta", 0.9, 0, false, 1, false, "interpolation y = beta*x + (1 - beta)*z (momentum)"),
            ParameterSpec.integer("warmup", 0, 0, 1_000_000_000L, "steps of linear learning-rate warm-up"),
            ParameterSpec.real("r", 0, 0, true, 100, true, "power of t in the averaging weights"),
            ParameterSpec.real("weight-power", 2, 0, true, 100, true, "power of the largest learning rate in the"
                    + " averaging weights"),
            ParameterSpec.real("decay", 0, 0, true, 1, true, "weight decay lambda, at y"));

    /** The parameters of {@code schedule-free-adamw}, with the authors' defaults. */
    public static final List<ParameterSpec> ADAMW_PARAMETERS = List.of(
            ParameterSpec.real("beta1", 0.9, 0, false, 1, false, "interpolation y = beta1*x + (1 - beta1)*z"),
            ParameterSpec.real("beta2", 0.999, 0, true, 1, false, "retention of the second moment"),
            ParameterSpec.real("epsilon", 1e-8, 0, false, 1, true, "added to the root of the second moment"),
            SGD_PARAMETERS.get(1), SGD_PARAMETERS.get(2), SGD_PARAMETERS.get(3), SGD_PARAMETERS.get(4));

    private static final int STEPS = 0;
    private static final int LR_MAX = 1;
    private static final int WEIGHT_SUM = 2;

    private final String name;
    private final Parameters parameters;
    private final boolean adam;
    private final double beta;
    private final double beta2;
    private final double epsilon;
    private final long warmup;
    private final double r;
    private final double weightPower;
    private final double decay;
    private INDArray x;
    private INDArray z;
    private INDArray second;
    // this step
    private boolean first;
    private double gamma;
    private double c;
    private double correction2;

    private ScheduleFreeStep(String name, Parameters parameters, boolean adam) {
        super("step '" + name + "'");
        this.name = name;
        this.parameters = parameters;
        this.adam = adam;
        this.beta = parameters.real(adam ? "beta1" : "beta");
        this.beta2 = adam ? parameters.real("beta2") : 0;
        this.epsilon = adam ? parameters.real("epsilon") : 0;
        this.warmup = parameters.integer("warmup");
        this.r = parameters.real("r");
        this.weightPower = parameters.real("weight-power");
        this.decay = parameters.real("decay");
    }

    /** Schedule-Free SGD (parameters in the order of {@link #SGD_PARAMETERS}). */
    public static ScheduleFreeStep sgd(double beta, long warmup, double r, double weightPower, double decay) {
        return new ScheduleFreeStep("schedule-free-sgd", Parameters.inOrder(SGD_PARAMETERS,
                "step 'schedule-free-sgd'", beta, warmup, r, weightPower, decay), false);
    }

    /** Schedule-Free AdamW (parameters in the order of {@link #ADAMW_PARAMETERS}). */
    public static ScheduleFreeStep adamw(double beta1, double beta2, double epsilon, long warmup, double r,
            double weightPower, double decay) {
        return new ScheduleFreeStep("schedule-free-adamw", Parameters.inOrder(ADAMW_PARAMETERS,
                "step 'schedule-free-adamw'", beta1, beta2, epsilon, warmup, r, weightPower, decay), true);
    }

    @Override
    protected int scalarCount() {
        return 3;
    }

    @Override
    protected void initState(ModelLayout layout) {
        z = coordinateArray("z", layout);
        x = coordinateArray("x", layout);
        if (adam) {
            second = coordinateArray("second-moment", layout);
        }
        setScalar(LR_MAX, -1);
    }

    /** The averaged sequence x: the point to evaluate and export. */
    @Override
    public INDArray evaluationPoint() {
        return x;
    }

    @Override
    public void beginStep(double learningRate) {
        double k = scalar(STEPS);
        first = k == 0;
        double schedule = k < warmup ? (k + 1) / warmup : 1;
        gamma = learningRate * schedule;
        double lrMax = Math.max(gamma, scalar(LR_MAX));
        double weight = Math.pow(k + 1, r) * Math.pow(lrMax, weightPower);
        double weightSum = scalar(WEIGHT_SUM) + weight;
        c = weightSum == 0 ? 0 : weight / weightSum;
        correction2 = 1 - Math.pow(beta2, k + 1);
        setScalar(LR_MAX, lrMax);
        setScalar(WEIGHT_SUM, weightSum);
        setScalar(STEPS, k + 1);
    }

    @Override
    public void compute(CoordinateBlock b) {
        int n = b.count();
        double[] y = b.lane(CoordinateBlock.THETA);
        double[] g = b.lane(CoordinateBlock.GRADIENT);
        double[] z = b.lane(CoordinateBlock.STATE);
        double[] xs = b.lane(CoordinateBlock.STATE + 1);
        double[] out = b.lane(CoordinateBlock.NEW_THETA);
        if (first) {
            System.arraycopy(y, 0, z, 0, n);
            System.arraycopy(y, 0, xs, 0, n);
        }
        double[] v = adam ? b.lane(CoordinateBlock.STATE + 2) : null;
        for (int i = 0; i < n; i++) {
            double zi = z[i];
            double u;
            if (adam) {
                if (decay != 0) {
                    zi -= gamma * decay * y[i];
                }
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                u = g[i] / (Math.sqrt(v[i] / correction2) + epsilon);
            } else {
                u = g[i] + decay * y[i];
            }
            zi -= gamma * u;
            z[i] = zi;
            xs[i] = (1 - c) * xs[i] + c * zi;
            out[i] = beta * xs[i] + (1 - beta) * zi;
        }
    }

    @Override
    public ArrayKernel arrayKernel() {
        return arrays;
    }

    /**
     * The array-op form of the block form's one pass: on the first step z ← y and x ← y; z ← z − γλ·y when λ ≠ 0;
     * for AdamW v ← β₂·v + (1 − β₂)·g² and u = g/(√(v/(1 − β₂ᵗ)) + ε) in a scratch array (u = g for SGD);
     * z ← z − γ·u; x ← (1 − c)·x + c·z; y ← β·x + (1 − β)·z. Five ops a step for SGD, twelve for AdamW, one more with
     * decay.
     */
    private final ArrayKernel arrays = new ArrayForm() {
        @Override
        public int scratchArrays() {
            return adam ? 1 : 0;
        }

        @Override
        public int opsPerStep() {
            return (adam ? 12 : 5) + (decay != 0 ? 1 : 0);
        }

        @Override
        public void step(ArrayStep s) {
            beginStep(s.learningRate());
            INDArray y = s.theta();
            INDArray g = s.gradient();
            if (first) {
                z.assign(y);
                x.assign(y);
            }
            if (decay != 0) {
                ArrayOps.axpy(-(gamma * decay), y, z, z);
            }
            INDArray u = g;
            if (adam) {
                INDArray v = second;
                u = s.scratch(0);
                ArrayOps.mul(g, g, u);
                ArrayOps.scale(beta2, v, v);
                ArrayOps.axpy(1 - beta2, u, v, v);
                ArrayOps.scale(1 / correction2, v, u);
                ArrayOps.sqrt(u, u);
                ArrayOps.shift(u, epsilon, u);
                ArrayOps.div(g, u, u);
            }
            ArrayOps.axpy(-gamma, u, z, z);
            ArrayOps.scale(1 - c, x, x);
            ArrayOps.axpy(c, z, x, x);
            ArrayOps.scale(beta, x, y);
            ArrayOps.axpy(1 - beta, z, y, y);
        }
    };

    @Override
    public String toString() {
        return name + "(" + parameters.canonical() + ")";
    }
}
