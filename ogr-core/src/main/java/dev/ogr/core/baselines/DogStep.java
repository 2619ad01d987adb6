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
import org.nd4j.linalg.api.ops.impl.reduce.floating.Norm2;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce3.EuclideanDistance;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DoG, "distance over gradients" (Ivgi, Hinder &amp; Carmon, "DoG is SGD's Best Friend: A Parameter-Free Dynamic Step
 * Size Schedule", ICML 2023): SGD with the step size
 * <pre>
 *   η_t = c·r̄_t/√(Σ_{i≤t} ‖g_i‖² + ε),   r̄_t = max(r_ε, max_{i≤t} ‖x_i − x₀‖),   r_ε = reps·(1 + ‖x₀‖)
 * </pre>
 * (c the recipe's learning rate, 1 by default), x ← x − η_t·g. A step takes two passes: the first sums ‖g‖² and
 * ‖x − x₀‖², the second moves x. With {@code average=polynomial} the rule also keeps the polynomial-decay average its
 * authors recommend (Shamir &amp; Zhang), x̄ ← (1 − w)·x̄ + w·x with w = (1 + γ)/(t + γ) after step t, which is then the
 * {@linkplain #evaluationPoint() point to evaluate}. Weight decay λ is added to the gradient. See docs/baselines.md.
 */
public final class DogStep extends KernelStepRule {

    /** The parameters of {@code dog}, with the authors' defaults. */
    public static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("reps", 1e-6, 0, false, 1, true, "r_eps relative to 1 + |x0| (the authors' reps_rel)"),
            ParameterSpec.real("epsilon", 1e-8, 0, true, 1, true, "added to the sum of squared gradient norms"),
            ParameterSpec.real("init-eta", 0, 0, true, 1e6, true, "first step size, overriding reps (0: from reps)"),
            ParameterSpec.real("decay", 0, 0, true, 1, true, "weight decay lambda, added to the gradient"),
            ParameterSpec.choice("average", "none", List.of("none", "polynomial"),
                    "none: evaluate x; polynomial: evaluate the polynomial-decay average of the iterates"),
            ParameterSpec.real("gamma", 8, 0, true, 1e6, true, "gamma of the polynomial-decay average"));

    private static final int STEPS = 0;
    private static final int RBAR = 1;
    private static final int SQUARES = 2;
    private static final int ETA = 3;

    private final Parameters parameters;
    private final double reps;
    private final double epsilon;
    private final double initEta;
    private final double decay;
    private final boolean averaged;
    private final double gamma;
    private INDArray average;
    private INDArray x0;
    private boolean first;
    private double learningRate;
    private double eta;
    private double weight;
    private double steps;

    /** DoG with the given parameters (in the order of {@link #PARAMETERS}). */
    public DogStep(double reps, double epsilon, double initEta, double decay, String average, double gamma) {
        super("step 'dog'");
        this.parameters = Parameters.inOrder(PARAMETERS, "step 'dog'", reps, epsilon, initEta, decay, average, gamma);
        this.reps = parameters.real("reps");
        this.epsilon = parameters.real("epsilon");
        this.initEta = parameters.real("init-eta");
        this.decay = parameters.real("decay");
        this.averaged = parameters.choice("average").equals("polynomial");
        this.gamma = parameters.real("gamma");
    }

    @Override
    protected int scalarCount() {
        return 4;
    }

    @Override
    protected void initState(ModelLayout layout) {
        x0 = coordinateArray("x0", layout);
        if (averaged) {
            average = coordinateArray("average", layout);
        }
    }

    /** The step size η of the latest step. */
    public double stepSize() {
        return scalar(ETA);
    }

    /** The running maximum distance r̄ from x₀. */
    public double maxDistance() {
        return scalar(RBAR);
    }

    @Override
    public INDArray evaluationPoint() {
        return average;
    }

    @Override
    public void beginStep(double rate) {
        double k = scalar(STEPS);
        steps = k;
        first = k == 0;
        learningRate = rate;
        weight = (1 + gamma) / (k + 1 + gamma);
    }

    @Override
    public int passes() {
        return 2;
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
        double[] out = b.lane(CoordinateBlock.NEW_THETA);
        if (b.pass() == 0) {
            double squares = 0;
            double distance = 0;
            for (int i = 0; i < n; i++) {
                if (first) {
                    x0[i] = x[i];
                }
                double gi = g[i] + decay * x[i];
                squares += gi * gi;
                double r = first ? x[i] : x[i] - x0[i]; // on the first step: ‖x₀‖ for r_ε
                distance += r * r;
            }
            b.sums()[0] += squares;
            b.sums()[1] += distance;
            return;
        }
        for (int i = 0; i < n; i++) {
            out[i] = x[i] - eta * (g[i] + decay * x[i]);
        }
        if (averaged) {
            double[] avg = b.lane(CoordinateBlock.STATE + 1);
            for (int i = 0; i < n; i++) {
                avg[i] = (1 - weight) * avg[i] + weight * out[i];
            }
        }
    }

    @Override
    public void endPass(int pass, double[] totals) {
        if (pass == 1) {
            setScalar(STEPS, steps + 1);
            return;
        }
        double rbar;
        double squares;
        if (first) {
            rbar = reps * (1 + Math.sqrt(totals[1]));
            squares = totals[0] + epsilon;
        } else {
            rbar = Math.max(scalar(RBAR), Math.sqrt(totals[1]));
            squares = scalar(SQUARES) + totals[0];
        }
        setScalar(RBAR, rbar);
        setScalar(SQUARES, squares);
        eta = squares > 0 ? learningRate * rbar / Math.sqrt(squares) : 0;
        if (first && initEta > 0) {
            eta = initEta;
        }
        setScalar(ETA, eta);
    }

    @Override
    public ArrayKernel arrayKernel() {
        return arrays;
    }

    /**
     * The array-op form, the block form's two passes as whole-array ops: on the first step x₀ ← θ; with λ &gt; 0 the
     * gradient g + λ·θ into a scratch array; ‖g + λθ‖² and ‖θ − x₀‖ (‖x₀‖ on the first step) as two reductions into
     * double scalars, read on the host for {@link #endPass}; then θ ← θ − η·(g + λθ) and, for the polynomial average,
     * avg ← (1 − w)·avg + w·θ. Two to seven ops.
     */
    private final ArrayKernel arrays = new ArrayForm() {
        private final INDArray squares = Nd4j.create(DataType.DOUBLE, 1);
        private final INDArray distance = Nd4j.create(DataType.DOUBLE, 1);
        private final double[] totals = new double[2];

        @Override
        public int scratchArrays() {
            return decay > 0 ? 1 : 0;
        }

        @Override
        public int opsPerStep() {
            return 3 + (decay > 0 ? 1 : 0) + (averaged ? 2 : 0);
        }

        @Override
        public void step(ArrayStep s) {
            INDArray theta = s.theta();
            beginStep(s.learningRate());
            INDArray g = s.gradient();
            if (decay > 0) {
                ArrayOps.axpy(decay, theta, g, s.scratch(0));
                g = s.scratch(0);
            }
            Nd4j.exec(new SquaredNorm(g, squares));
            if (first) {
                x0.assign(theta);
                Nd4j.exec(new Norm2(theta, distance));
            } else {
                Nd4j.exec(new EuclideanDistance(theta, x0, distance));
            }
            totals[0] = squares.getDouble(0);
            double r = distance.getDouble(0);
            totals[1] = r * r;
            endPass(0, totals);
            ArrayOps.axpy(-eta, g, theta, theta);
            if (averaged) {
                ArrayOps.scale(1 - weight, average, average);
                ArrayOps.axpy(weight, theta, average, average);
            }
            endPass(1, totals);
        }
    };

    @Override
    public String toString() {
        return "dog(" + parameters.canonical() + ")";
    }
}
