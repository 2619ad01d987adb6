package dev.ogr.core.steps;

import dev.ogr.api.ParameterSpec;
import dev.ogr.api.RegressionModel;
import dev.ogr.core.averages.DiagonalStats;
import java.util.List;
import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;
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
    public static final class Momentum extends ElementwiseStepRule implements FusedCoordinateRule {
        private final double beta;
        private final boolean nesterov;
        private Vec velocity;

        /** Heavy-ball ({@code nesterov = false}) or Nesterov momentum with coefficient {@code beta}. */
        public Momentum(double beta, boolean nesterov) {
            this.beta = (Double) BETA.validate(beta, "parameter 'beta' of step '" + name(nesterov) + "'");
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
        public void fusedStep(DiagonalStats stats, double weight, long observations, Vec theta, Vec gradient,
                double learningRate, Vec update) {
            kernel.step(stats, weight, observations, theta, gradient, learningRate, update);
        }

        private final BlockStepKernel kernel = new BlockStepKernel.OneState() {
            @Override
            Vec state() {
                return velocity;
            }

            @Override
            void compute(int count, Scratch s) {
                double[] x = s.lane(X);
                double[] y = s.lane(Y);
                double[] vs = s.lane(STATE);
                double[] newX = s.lane(NEW_X);
                double lr = learningRate;
                for (int i = 0; i < count; i++) {
                    double g = y[i];
                    double v = beta * vs[i] + g;
                    vs[i] = v;
                    newX[i] = x[i] + -lr * (nesterov ? g + beta * v : v);
                }
            }

            @Override
            void computeFloats(int count, Scratch s) {
                float[] x = s.floatLane(X);
                float[] y = s.floatLane(Y);
                float[] vs = s.floatLane(STATE);
                float[] newX = s.floatLane(NEW_X);
                float b = (float) beta;
                float step = (float) learningRate;
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
            boolean readsStats() {
                return false;
            }
        };

        @Override
        public String toString() {
            return name(nesterov) + "(beta=" + ParameterSpec.format(beta) + ")";
        }
    }

    /** Adam (Kingma &amp; Ba): bias-corrected first and second moments, Δ = −η·m̂/(√v̂ + ε). */
    public static final class Adam extends ElementwiseStepRule implements FusedCoordinateRule {
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        private Vec first;
        private Vec second;
        private INDArray steps;
        private double correction1;
        private double correction2;

        /** Adam with the usual parameters. */
        public Adam(double beta1, double beta2, double epsilon) {
            this.beta1 = (Double) ADAM_PARAMETERS.get(0).validate(beta1, "parameter 'beta1' of step 'adam'");
            this.beta2 = (Double) ADAM_PARAMETERS.get(1).validate(beta2, "parameter 'beta2' of step 'adam'");
            this.epsilon = (Double) ADAM_PARAMETERS.get(2).validate(epsilon, "parameter 'epsilon' of step 'adam'");
        }

        @Override
        protected void initState() {
            first = coordinateState("first-moment");
            second = coordinateState("second-moment");
            steps = scalarState("steps");
        }

        @Override
        protected void beforeStep() {
            double t = steps.getDouble(0) + 1;
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
        public void fusedStep(DiagonalStats stats, double weight, long observations, Vec theta, Vec gradient,
                double learningRate, Vec update) {
            beforeStep();
            kernel.step(stats, weight, observations, theta, gradient, learningRate, update);
        }

        private final BlockStepKernel kernel = new BlockStepKernel() {
            @Override
            void load(int from, int count, Scratch s) {
                first.read(from, count, s.lane(STATE), s.floats());
                second.read(from, count, s.lane(STATE + 1), s.floats());
            }

            @Override
            void compute(int count, Scratch s) {
                double[] x = s.lane(X);
                double[] y = s.lane(Y);
                double[] ms = s.lane(STATE);
                double[] vs = s.lane(STATE + 1);
                double[] newX = s.lane(NEW_X);
                double lr = learningRate;
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
            void computeFloats(int count, Scratch s) {
                float[] x = s.floatLane(X);
                float[] y = s.floatLane(Y);
                float[] ms = s.floatLane(STATE);
                float[] vs = s.floatLane(STATE + 1);
                float[] newX = s.floatLane(NEW_X);
                float b1 = (float) beta1;
                float a1 = (float) (1 - beta1);
                float b2 = (float) beta2;
                float a2 = (float) (1 - beta2);
                float step = (float) (learningRate / correction1);
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
            boolean readsStats() {
                return false;
            }

            @Override
            boolean floatState() {
                return first.isFloat() && second.isFloat();
            }

            @Override
            void loadFloats(int from, int count, Scratch s) {
                first.readFloats(from, count, s.floatLane(STATE));
                second.readFloats(from, count, s.floatLane(STATE + 1));
            }

            @Override
            void storeFloats(int from, int count, Scratch s) {
                first.writeFloats(from, count, s.floatLane(STATE));
                second.writeFloats(from, count, s.floatLane(STATE + 1));
            }

            @Override
            void store(int from, int count, Scratch s) {
                first.write(from, count, s.lane(STATE), s.floats());
                second.write(from, count, s.lane(STATE + 1), s.floats());
            }
        };

        @Override
        public String toString() {
            return "adam(beta1=" + ParameterSpec.format(beta1) + ", beta2=" + ParameterSpec.format(beta2) + ", epsilon="
                    + ParameterSpec.format(epsilon) + ")";
        }
    }
}
