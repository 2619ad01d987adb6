package dev.ogr.core.steps;

import dev.ogr.api.array.ArrayKernel;
import dev.ogr.api.array.ArrayOps;
import dev.ogr.api.array.ArrayStep;
import org.nd4j.linalg.factory.Nd4j;

import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.block.CoordinateBlock;
import dev.ogr.api.block.CoordinateKernel;
import dev.ogr.core.kernel.Vec;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The first-order baselines as step rules on the model coordinates, with the recipe's learning rate η, so that
 * comparisons run through the same optimizer: heavy-ball momentum, Nesterov momentum and Adam.
 */
public final class FirstOrderSteps {

    private FirstOrderSteps() {
    }

    static final ParameterSpec BETA = ParameterSpec.real("beta", 0.9, 0, true, 1, false, "momentum coefficient");

    /** The parameters of {@code heavy-ball} and {@code nesterov}. */
    public static final List<ParameterSpec> MOMENTUM_PARAMETERS = List.of(BETA);

    /** The parameters of {@code adam}. */
    public static final List<ParameterSpec> ADAM_PARAMETERS = List.of(
            ParameterSpec.real("beta1", 0.9, 0, true, 1, false, "retention of the first moment"),
            ParameterSpec.real("beta2", 0.999, 0, true, 1, false, "retention of the second moment"),
            ParameterSpec.real("epsilon", 1e-8, 0, true, 1, true, "epsilon added to the root of the second moment"));

    /** Heavy-ball (Polyak) momentum: v ← β·v + g, Δ = −η·v; or Nesterov's form Δ = −η·(g + β·v). */
    public static final class Momentum extends ElementwiseStepRule {
        private final Parameters parameters;
        final double beta;
        final boolean nesterov;
        private Vec velocity;

        /** Heavy-ball ({@code nesterov = false}) or Nesterov momentum with coefficient {@code beta}. */
        public Momentum(double beta, boolean nesterov) {
            this.parameters = Parameters.inOrder(MOMENTUM_PARAMETERS, "step '" + name(nesterov) + "'", beta);
            this.beta = parameters.real("beta");
            this.nesterov = nesterov;
        }

        private static String name(boolean nesterov) {
            return nesterov ? "nesterov" : "heavy-ball";
        }

        @Override
        protected void initState() {
            velocity = coordinateState("velocity");
        }

        @Override
        protected double displacement(RegressionModel model, long i, double learningRate) {
            return displacement((int) i, model.gradient(i), learningRate);
        }

        private double displacement(int i, double g, double learningRate) {
            double v = beta * velocity.get(i) + g;
            velocity.set(i, v);
            return -learningRate * (nesterov ? g + beta * v : v);
        }

        @Override
        protected CoordinateKernel kernel() {
            return kernel;
        }

        private final CoordinateKernel kernel = new MomentumKernel();

        @Override
        protected ArrayKernel arrayForm() {
            return arrays;
        }

        /** v ← β·v + g, then θ ← θ − η·v, or θ ← θ − η·(g + β·v) on scratch: two ops, three for Nesterov. */
        private final ArrayKernel arrays = new ArrayKernel() {
            @Override
            public int scratchArrays() {
                return nesterov ? 1 : 0;
            }

            @Override
            public boolean readsStatistics() {
                return false;
            }

            @Override
            public int opsPerStep() {
                return nesterov ? 3 : 2;
            }

            @Override
            public void step(ArrayStep s) {
                INDArray v = velocity.array();
                ArrayOps.axpy(beta, v, s.gradient(), v);
                if (nesterov) {
                    INDArray d = s.scratch(0);
                    ArrayOps.axpy(beta, v, s.gradient(), d);
                    ArrayOps.axpy(-s.learningRate(), d, s.theta(), s.theta());
                } else {
                    ArrayOps.axpy(-s.learningRate(), v, s.theta(), s.theta());
                }
            }

            @Override
            public String toString() {
                return Momentum.this.toString();
            }
        };

        /** The lane form, and through {@link dev.ogr.core.exec.DirectFloatKernel.Source} the Vector API form. */
        private final class MomentumKernel extends Kernel implements dev.ogr.core.exec.DirectFloatKernel.Source {
            @Override
            public dev.ogr.core.exec.DirectFloatKernel directFloats() {
                return MomentumSimd.of(Momentum.this);
            }

            @Override
            public void compute(CoordinateBlock s) {
                int count = s.count();
                double[] x = s.lane(CoordinateBlock.THETA);
                double[] y = s.lane(CoordinateBlock.GRADIENT);
                double[] vs = s.lane(CoordinateBlock.STATE);
                double[] newX = s.lane(CoordinateBlock.NEW_THETA);
                double lr = s.learningRate();
                for (int i = 0; i < count; i++) {
                    double g = y[i];
                    double v = beta * vs[i] + g;
                    vs[i] = v;
                    newX[i] = x[i] + -lr * (nesterov ? g + beta * v : v);
                }
            }

            @Override
            public void computeFloats(CoordinateBlock s) {
                int count = s.count();
                float[] x = s.floatLane(CoordinateBlock.THETA);
                float[] y = s.floatLane(CoordinateBlock.GRADIENT);
                float[] vs = s.floatLane(CoordinateBlock.STATE);
                float[] newX = s.floatLane(CoordinateBlock.NEW_THETA);
                float b = (float) beta;
                float step = (float) s.learningRate();
                for (int i = 0; i < count; i++) {
                    vs[i] = b * vs[i] + y[i];
                }
                if (nesterov) {
                    for (int i = 0; i < count; i++) {
                        newX[i] = x[i] - step * (y[i] + b * vs[i]);
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        newX[i] = x[i] - step * vs[i];
                    }
                }
            }

            @Override
            public boolean readsStatistics() {
                return false;
            }
        }

        @Override
        public String toString() {
            return name(nesterov) + "(" + parameters.canonical() + ")";
        }
    }

    /** Adam (Kingma &amp; Ba): bias-corrected first and second moments, Δ = −η·m̂/(√v̂ + ε). */
    public static final class Adam extends ElementwiseStepRule {
        private final Parameters parameters;
        final double beta1;
        final double beta2;
        final double epsilon;
        private Vec first;
        private Vec second;
        private INDArray steps;
        // the step count t of this step, as set by beforeStep (read once: off the CPU each read is a transfer)
        private double t;
        double correction1;
        double correction2;

        /** Adam with the usual parameters. */
        public Adam(double beta1, double beta2, double epsilon) {
            this.parameters = Parameters.inOrder(ADAM_PARAMETERS, "step 'adam'", beta1, beta2, epsilon);
            this.beta1 = parameters.real("beta1");
            this.beta2 = parameters.real("beta2");
            this.epsilon = parameters.real("epsilon");
        }

        @Override
        protected void initState() {
            first = coordinateState("first-moment");
            second = coordinateState("second-moment");
            steps = scalarState("steps");
        }

        @Override
        protected void beforeStep() {
            t = steps.getDouble(0) + 1;
            steps.putScalar(0, t);
            correction1 = 1 - Math.pow(beta1, t);
            correction2 = 1 - Math.pow(beta2, t);
        }

        @Override
        protected double displacement(RegressionModel model, long i, double learningRate) {
            return displacement((int) i, model.gradient(i), learningRate);
        }

        private double displacement(int i, double g, double learningRate) {
            double m = beta1 * first.get(i) + (1 - beta1) * g;
            double v = beta2 * second.get(i) + (1 - beta2) * g * g;
            first.set(i, m);
            second.set(i, v);
            return -learningRate * (m / correction1) / (Math.sqrt(v / correction2) + epsilon);
        }

        @Override
        protected CoordinateKernel kernel() {
            return kernel;
        }

        private final CoordinateKernel kernel = new AdamKernel();

        @Override
        protected ArrayKernel arrayForm() {
            return arrays;
        }

        /**
         * ND4J's fused Adam op ({@code adam_updater}, the one DL4J's Adam runs) and θ ← θ − update: two ops. The op
         * computes update = η·√c₂/c₁ · m/(√v + ε′); with ε′ = ε·√c₂ that is η·(m/c₁)/(√(v/c₂) + ε), this rule's step.
         * At η = 0 the op would put ε in place of its zero factor, so the moments are updated at η = 1 and θ kept.
         */
        private final ArrayKernel arrays = new ArrayKernel() {
            @Override
            public int scratchArrays() {
                return 1;
            }

            @Override
            public boolean readsStatistics() {
                return false;
            }

            @Override
            public int opsPerStep() {
                return 2;
            }

            @Override
            public void step(ArrayStep s) {
                beforeStep();
                double lr = s.learningRate();
                INDArray m = first.array();
                INDArray v = second.array();
                INDArray update = s.scratch(0);
                Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(s.gradient(), v, m, update, v, m,
                        lr > 0 ? lr : 1, beta1, beta2, epsilon * Math.sqrt(correction2), (int) (t - 1)));
                if (lr > 0) {
                    ArrayOps.sub(s.theta(), update, s.theta());
                }
            }

            @Override
            public String toString() {
                return Adam.this.toString();
            }
        };

        /** The lane form, and through {@link dev.ogr.core.exec.DirectFloatKernel.Source} the Vector API form. */
        private final class AdamKernel extends Kernel implements dev.ogr.core.exec.DirectFloatKernel.Source {
            @Override
            public dev.ogr.core.exec.DirectFloatKernel directFloats() {
                return new AdamSimd(Adam.this);
            }

            @Override
            public void beginStep(double learningRate) {
                beforeStep();
            }

            @Override
            public void compute(CoordinateBlock s) {
                int count = s.count();
                double[] x = s.lane(CoordinateBlock.THETA);
                double[] y = s.lane(CoordinateBlock.GRADIENT);
                double[] ms = s.lane(CoordinateBlock.STATE);
                double[] vs = s.lane(CoordinateBlock.STATE + 1);
                double[] newX = s.lane(CoordinateBlock.NEW_THETA);
                double lr = s.learningRate();
                for (int i = 0; i < count; i++) {
                    double g = y[i];
                    double m = beta1 * ms[i] + (1 - beta1) * g;
                    double v = beta2 * vs[i] + (1 - beta2) * g * g;
                    ms[i] = m;
                    vs[i] = v;
                    newX[i] = x[i] + -lr * (m / correction1) / (Math.sqrt(v / correction2) + epsilon);
                }
            }

            @Override
            public void computeFloats(CoordinateBlock s) {
                int count = s.count();
                float[] x = s.floatLane(CoordinateBlock.THETA);
                float[] y = s.floatLane(CoordinateBlock.GRADIENT);
                float[] ms = s.floatLane(CoordinateBlock.STATE);
                float[] vs = s.floatLane(CoordinateBlock.STATE + 1);
                float[] newX = s.floatLane(CoordinateBlock.NEW_THETA);
                float b1 = (float) beta1;
                float a1 = (float) (1 - beta1);
                float b2 = (float) beta2;
                float a2 = (float) (1 - beta2);
                float step = (float) (s.learningRate() / correction1);
                float unbias = (float) (1 / correction2);
                float eps = (float) epsilon;
                for (int i = 0; i < count; i++) {
                    ms[i] = b1 * ms[i] + a1 * y[i];
                }
                for (int i = 0; i < count; i++) {
                    float g = y[i];
                    vs[i] = b2 * vs[i] + a2 * g * g;
                }
                for (int i = 0; i < count; i++) {
                    newX[i] = x[i] - step * ms[i] / ((float) Math.sqrt(vs[i] * unbias) + eps);
                }
            }

            @Override
            public boolean readsStatistics() {
                return false;
            }

        }

        @Override
        public String toString() {
            return "adam(" + parameters.canonical() + ")";
        }
    }
}
