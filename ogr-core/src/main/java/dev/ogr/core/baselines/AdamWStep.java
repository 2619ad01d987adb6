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
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AdamW (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", ICLR 2019, as PyTorch's {@code AdamW}):
 * Adam with the weight decay taken out of the gradient, x ← x·(1 − η·λ) − η·m̂/(√v̂ + ε), m̂ and v̂ the bias-corrected
 * moments. With λ = 0 it is the {@code adam} step. See docs/baselines.md.
 */
public final class AdamWStep extends KernelStepRule {

    /** The parameters of {@code adamw}, with PyTorch's defaults. */
    public static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("beta1", 0.9, 0, true, 1, false, "retention of the first moment"),
            ParameterSpec.real("beta2", 0.999, 0, true, 1, false, "retention of the second moment"),
            ParameterSpec.real("epsilon", 1e-8, 0, true, 1, true, "added to the root of the second moment"),
            ParameterSpec.real("decay", 0.01, 0, true, 1, true, "decoupled weight decay lambda"));

    private final Parameters parameters;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double decay;
    private double learningRate;
    private double correction1;
    private double correction2;
    private INDArray first;
    private INDArray second;

    /** AdamW with the given parameters (in the order of {@link #PARAMETERS}). */
    public AdamWStep(double beta1, double beta2, double epsilon, double decay) {
        super("step 'adamw'");
        this.parameters = Parameters.inOrder(PARAMETERS, "step 'adamw'", beta1, beta2, epsilon, decay);
        this.beta1 = parameters.real("beta1");
        this.beta2 = parameters.real("beta2");
        this.epsilon = parameters.real("epsilon");
        this.decay = parameters.real("decay");
    }

    @Override
    protected int scalarCount() {
        return 1;
    }

    @Override
    protected void initState(ModelLayout layout) {
        first = coordinateArray("first-moment", layout);
        second = coordinateArray("second-moment", layout);
    }

    @Override
    public void beginStep(double rate) {
        double t = scalar(0) + 1;
        setScalar(0, t);
        learningRate = rate;
        correction1 = 1 - Math.pow(beta1, t);
        correction2 = 1 - Math.pow(beta2, t);
    }

    @Override
    public void compute(CoordinateBlock b) {
        int n = b.count();
        double[] x = b.lane(CoordinateBlock.THETA);
        double[] g = b.lane(CoordinateBlock.GRADIENT);
        double[] m = b.lane(CoordinateBlock.STATE);
        double[] v = b.lane(CoordinateBlock.STATE + 1);
        double[] out = b.lane(CoordinateBlock.NEW_THETA);
        double shrink = 1 - learningRate * decay;
        for (int i = 0; i < n; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            out[i] = x[i] * shrink - learningRate * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + epsilon);
        }
    }

    @Override
    public ArrayKernel arrayKernel() {
        return arrays;
    }

    /**
     * The array-op form: ND4J's fused Adam op ({@code adam_updater}), which computes the moments and
     * update = η·√c₂/c₁ · m/(√v + ε′), with ε′ = ε·√c₂ the bias-corrected step η·(m/c₁)/(√(v/c₂) + ε); then
     * θ ← (1 − η·λ)·θ and θ ← θ − update: three ops. At η = 0 the op would put ε in place of its zero factor, so the
     * moments are updated at η = 1 and θ is kept.
     */
    private final ArrayKernel arrays = new ArrayForm() {
        @Override
        public int scratchArrays() {
            return 1;
        }

        @Override
        public int opsPerStep() {
            return 3;
        }

        @Override
        public void step(ArrayStep s) {
            double lr = s.learningRate();
            beginStep(lr);
            INDArray update = s.scratch(0);
            Nd4j.exec(new AdamUpdater(s.gradient(), second, first, update, second, first, lr > 0 ? lr : 1, beta1,
                    beta2, epsilon * Math.sqrt(correction2), (int) (scalar(0) - 1)));
            if (lr > 0) {
                ArrayOps.scale(1 - lr * decay, s.theta(), s.theta());
                ArrayOps.sub(s.theta(), update, s.theta());
            }
        }
    };

    @Override
    public String toString() {
        return "adamw(" + parameters.canonical() + ")";
    }
}
