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
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;

/**
 * D-Adaptation for SGD (Defazio &amp; Mishchenko, "Learning-Rate-Free Learning by D-Adaptation", ICML 2023; the v3
 * algorithm of the authors' {@code DAdaptSGD}): dual averaging whose step size d·η/‖g₀‖ grows with a lower bound d̂
 * of the distance to the solution, from d₀,
 * <pre>
 *   r ← r + d·η/‖g₀‖·⟨g, s⟩      s ← s + d·η/‖g₀‖·g      z = x₀ − s      x ← (1 − c)·x + c·z   (c = 1 − momentum)
 *   d̂ = 2·r/‖s‖,  d ← max(d, min(d̂, d·growth))
 * </pre>
 * The step uses the d of its start: one pass, plus, on the first step only, a pass that measures ‖g₀‖. Weight decay
 * λ is added to the gradient. See docs/baselines.md.
 */
public final class DAdaptSgdStep extends KernelStepRule {

    /** The parameters of {@code dadapt-sgd}, with the authors' defaults. */
    public static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("momentum", 0, 0, true, 1, false, "weight 1 - c of x in x <- (1 - c)*x + c*z"),
            ParameterSpec.real("d0", 1e-6, 0, false, 1e6, true, "initial distance estimate"),
            ParameterSpec.real("growth", Double.POSITIVE_INFINITY, 1, true, Double.POSITIVE_INFINITY, true,
                    "largest factor by which d grows per step (Infinity: unbounded)"),
            ParameterSpec.real("decay", 0, 0, true, 1, true, "weight decay lambda, added to the gradient"));

    private static final int STEPS = 0;
    private static final int D = 1;
    private static final int NUMERATOR = 2;
    private static final int FIRST_NORM = 3;

    private final Parameters parameters;
    private final double momentum;
    private final double d0;
    private final double growth;
    private final double decay;
    private boolean first;
    private boolean idle;
    private INDArray sum;
    private INDArray x0;
    private double learningRate;
    private double dlr;
    // the scalar estimates as read at the start of this step (read once: off the CPU each read is a transfer)
    private double steps;
    private double distance;

    /** D-Adapted SGD with the given parameters (in the order of {@link #PARAMETERS}). */
    public DAdaptSgdStep(double momentum, double d0, double growth, double decay) {
        super("step 'dadapt-sgd'");
        this.parameters = Parameters.inOrder(PARAMETERS, "step 'dadapt-sgd'", momentum, d0, growth, decay);
        this.momentum = parameters.real("momentum");
        this.d0 = parameters.real("d0");
        this.growth = parameters.real("growth");
        this.decay = parameters.real("decay");
    }

    @Override
    protected int scalarCount() {
        return 4;
    }

    @Override
    protected void initState(ModelLayout layout) {
        sum = coordinateArray("s", layout);
        x0 = coordinateArray("x0", layout);
        setScalar(D, d0);
    }

    /** The current distance estimate d. */
    public double distance() {
        return scalar(D);
    }

    @Override
    public void beginStep(double rate) {
        steps = scalar(STEPS);
        distance = scalar(D);
        first = steps == 0;
        learningRate = rate;
        idle = rate == 0;
        dlr = first ? Double.NaN : distance * rate / scalar(FIRST_NORM);
    }

    @Override
    public int passes() {
        return first && !idle ? 2 : 1;
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
        double[] x0 = b.lane(CoordinateBlock.STATE + 1);
        double[] out = b.lane(CoordinateBlock.NEW_THETA);
        if (idle) {
            System.arraycopy(x, 0, out, 0, n);
            return;
        }
        if (first && b.pass() == 0) { // measures ‖g₀‖ and keeps x₀
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double gi = g[i] + decay * x[i];
                squares += gi * gi;
                x0[i] = x[i];
            }
            b.sums()[0] += squares;
            return;
        }
        double c = 1 - momentum;
        double dot = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double gi = g[i] + decay * x[i];
            dot += gi * s[i];
            s[i] += dlr * gi;
            squares += s[i] * s[i];
            out[i] = (1 - c) * x[i] + c * (x0[i] - s[i]);
        }
        b.sums()[0] += dot;
        b.sums()[1] += squares;
    }

    @Override
    public void endPass(int pass, double[] totals) {
        if (idle) {
            return;
        }
        if (first && pass == 0) {
            double norm = Math.sqrt(totals[0]);
            setScalar(FIRST_NORM, norm);
            dlr = distance * learningRate / norm;
            if (!(norm > 0)) { // no gradient to scale by: wait for one
                idle = true;
            }
            return;
        }
        double numerator = scalar(NUMERATOR) + dlr * totals[0];
        setScalar(NUMERATOR, numerator);
        if (totals[1] > 0) {
            double d = distance;
            double estimate = 2 * numerator / Math.sqrt(totals[1]);
            setScalar(D, Math.max(d, Math.min(estimate, d * growth)));
        }
        setScalar(STEPS, steps + 1);
    }

    @Override
    public ArrayKernel arrayKernel() {
        return arrays;
    }

    /**
     * The array-op form of the block form's passes: with λ &gt; 0 the gradient g + λ·x into a scratch array; on the
     * first step ‖g‖² as a reduction and x₀ ← x; then Σ g·s as a reduction (s before the step), s ← s + dlr·g, ‖s‖²
     * as a reduction, and x ← x₀ − s (with momentum, x ← (1 − c)·x + c·(x₀ − s): two ops more); the sums go into
     * double scalars read on the host for {@link #endPass}. Four ops a step without decay or momentum.
     */
    private final ArrayKernel arrays = new ArrayForm() {
        private final INDArray firstSquares = Nd4j.create(DataType.DOUBLE, 1);
        private final INDArray dot = Nd4j.create(DataType.DOUBLE, 1);
        private final INDArray squares = Nd4j.create(DataType.DOUBLE, 1);
        private final double[] totals = new double[2];

        @Override
        public int scratchArrays() {
            return 1;
        }

        @Override
        public int opsPerStep() {
            return 4 + (decay > 0 ? 1 : 0) + (momentum > 0 ? 2 : 0);
        }

        @Override
        public void step(ArrayStep st) {
            beginStep(st.learningRate());
            if (idle) {
                return;
            }
            INDArray x = st.theta();
            INDArray g = st.gradient();
            if (decay > 0) {
                ArrayOps.axpy(decay, x, g, st.scratch(0));
                g = st.scratch(0);
            }
            if (first) {
                Nd4j.exec(new SquaredNorm(g, firstSquares));
                x0.assign(x);
                totals[0] = firstSquares.getDouble(0);
                endPass(0, totals);
                if (idle) {
                    return;
                }
            }
            Nd4j.exec(new Dot(g, sum, dot));
            ArrayOps.axpy(dlr, g, sum, sum);
            Nd4j.exec(new SquaredNorm(sum, squares));
            if (momentum > 0) {
                double c = 1 - momentum;
                INDArray target = st.scratch(0);
                ArrayOps.sub(x0, sum, target);
                ArrayOps.scale(1 - c, x, x);
                ArrayOps.axpy(c, target, x, x);
            } else {
                ArrayOps.sub(x0, sum, x);
            }
            totals[0] = dot.getDouble(0);
            totals[1] = squares.getDouble(0);
            endPass(first ? 1 : 0, totals);
        }
    };

    @Override
    public String toString() {
        return "dadapt-sgd(" + parameters.canonical() + ")";
    }
}
