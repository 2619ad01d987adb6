package dev.ogr.testkit;

import static dev.ogr.api.block.CoordinateBlock.GRADIENT;
import static dev.ogr.api.block.CoordinateBlock.NEW_THETA;
import static dev.ogr.api.block.CoordinateBlock.STATE;
import static dev.ogr.api.block.CoordinateBlock.THETA;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.ConfigurationException;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.OgrPlugin;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StepRule;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;
import dev.ogr.api.StrategyState;
import dev.ogr.api.block.CoordinateBlock;
import dev.ogr.api.block.CoordinateKernel;
import dev.ogr.api.block.NormalisedMomentum;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.directions.MomentumDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sound step rule written as a plugin author would (a per-coordinate heavy ball with a fast kernel), and one
 * deliberately broken variant per rule of the strategy contract; the nested classes are the test classes that check
 * each with the contract, run by {@link StrategyContractFailsTest} through JUnit's engine test kit.
 */
final class BrokenStrategies {

    private BrokenStrategies() {
    }

    /** How a variant of the heavy ball is broken. */
    enum Breakage {
        /** Not at all. */
        NONE,
        /** Declares μ = 0 by default but its constructor refuses μ = 0. */
        DEFAULTS,
        /** Declares α twice. */
        UNKNOWN_KEYS,
        /** Declares the form {@code sign} but cannot build it. */
        WRONG_TYPES,
        /** Declares α in (0, 10] but its constructor refuses α above 1. */
        RANGES,
        /** Prints α rounded to float. */
        CANONICAL,
        /** Counts its steps in a Java field, outside its state, and warms up over the first ten. */
        EXPORT_RESTORE,
        /** Its kernel takes a step 0.1% longer than its general path. */
        FAST_PATH,
        /** Takes half the step when the parameters are float, on both paths. */
        FLOAT_AND_DOUBLE,
        /** Jitters each step by a draw from one random stream shared by all instances. */
        SAME_SEED
    }

    static final List<String> FORMS = List.of("plain", "tanh", "sign");

    /** The heavy ball's parameters; {@code mu0} is μ's default. */
    static List<ParameterSpec> parameters(double mu0) {
        return List.of(ParameterSpec.real("alpha", 1, 0, false, 10, true, "fraction of the momentum step taken"),
                ParameterSpec.real("mu", mu0, 0, true, 1, false, "momentum coefficient: v <- mu*v + g"),
                ParameterSpec.choice("form", "plain", FORMS, "the step along v: -alpha*eta*f(v), f the form"),
                ParameterSpec.flag("nesterov", false, "step along mu*v + g instead of v"));
    }

    /** The per-coordinate heavy ball v ← μv + g, Δ = −αη·f(v) (or f(μv + g)), broken as {@code breakage} says. */
    static final class HeavyBall implements StepRule {

        private static final Random SHARED = new Random(1); // the SAME_SEED breakage's stream

        private final Breakage breakage;
        private final String name;
        private final Parameters parameters;
        private final double alpha;
        private final double mu;
        private final String form;
        private final boolean nesterov;
        private double effectiveAlpha;
        private INDArray velocity;
        private boolean coordinates;
        private long steps; // the EXPORT_RESTORE breakage's counter
        private double jitter = 1;

        HeavyBall(Breakage breakage, String name, Parameters p) {
            this.breakage = breakage;
            this.name = name;
            this.parameters = p;
            this.alpha = p.real("alpha");
            this.mu = p.real("mu");
            this.form = p.choice("form");
            this.nesterov = p.flag("nesterov");
            if (breakage == Breakage.DEFAULTS && !(mu > 0)) {
                throw new IllegalArgumentException("mu must be positive");
            }
            if (breakage == Breakage.RANGES && alpha > 1) {
                throw new ConfigurationException("parameter 'alpha' of step '" + name + "' must be a real in (0, 1],"
                        + " got " + alpha);
            }
            if (breakage == Breakage.WRONG_TYPES && form.equals("sign")) {
                throw new IllegalArgumentException("unknown form " + form);
            }
        }

        @Override
        public void init(ModelLayout layout, StrategyState state) {
            velocity = state.create("velocity", layout.geometry() == Geometry.COORDINATES ? layout.parameterType()
                    : DataType.DOUBLE, layout.rank());
            coordinates = layout.geometry() == Geometry.COORDINATES;
            effectiveAlpha = breakage == Breakage.FLOAT_AND_DOUBLE && layout.parameterType() == DataType.FLOAT
                    ? alpha / 2 : alpha;
        }

        private double shape(double v) {
            return switch (form) {
                case "plain" -> v;
                case "tanh" -> Math.tanh(v);
                default -> Math.signum(v);
            };
        }

        /** What both paths do once a step, before the coordinates. */
        private void beginStep() {
            steps++;
            if (breakage == Breakage.SAME_SEED) {
                jitter = 1 + 1e-3 * SHARED.nextGaussian();
            }
        }

        private double factor() {
            double f = effectiveAlpha * jitter;
            return breakage == Breakage.EXPORT_RESTORE ? f * Math.min(1, steps / 10.0) : f;
        }

        @Override
        public void step(RegressionModel model, double learningRate, INDArray delta) {
            beginStep();
            double a = factor();
            for (long i = 0; i < model.size(); i++) {
                double g = model.gradient(i);
                double v = mu * velocity.getDouble(i) + g;
                velocity.putScalar(i, v);
                delta.putScalar(i, -a * learningRate * shape(nesterov ? mu * v + g : v));
            }
        }

        @Override
        public boolean readsCovariance() {
            return false;
        }

        @Override
        public CoordinateKernel coordinateKernel() {
            return coordinates ? kernel : null;
        }

        private final CoordinateKernel kernel = new CoordinateKernel() {
            @Override
            public List<INDArray> stateArrays() {
                return List.of(velocity);
            }

            @Override
            public boolean readsStatistics() {
                return false;
            }

            @Override
            public void beginStep(double learningRate) {
                HeavyBall.this.beginStep();
            }

            @Override
            public void compute(CoordinateBlock b) {
                double[] x = b.lane(THETA);
                double[] g = b.lane(GRADIENT);
                double[] v = b.lane(STATE);
                double[] out = b.lane(NEW_THETA);
                double a = factor() * (breakage == Breakage.FAST_PATH ? 1.001 : 1);
                for (int i = 0; i < b.count(); i++) {
                    v[i] = mu * v[i] + g[i];
                    out[i] = x[i] + -a * b.learningRate() * shape(nesterov ? mu * v[i] + g[i] : v[i]);
                }
            }
        };

        @Override
        public String toString() {
            if (breakage == Breakage.CANONICAL) {
                return name + "(alpha=" + (float) alpha + ", mu=" + mu + ", form=" + form + ", nesterov=" + nesterov
                        + ")";
            }
            return name + "(" + parameters.canonical() + ")";
        }
    }

    /**
     * Paper 1's normalised momentum, broken: reading its coefficient counts the reads in its state, so a step that
     * the two-pass momentum step refuses for a NaN gradient has already changed the state.
     */
    static final class CountingMomentum implements DirectionProvider, NormalisedMomentum {

        private final MomentumDirection inner;
        private final double beta;
        private INDArray reads;

        CountingMomentum(double beta) {
            this.inner = new MomentumDirection(beta);
            this.beta = beta;
        }

        @Override
        public Geometry geometry() {
            return inner.geometry();
        }

        @Override
        public long rank(long dimension) {
            return inner.rank(dimension);
        }

        @Override
        public void init(long dimension, DataType type, StrategyState state) {
            inner.init(dimension, type, state);
            reads = state.create("coefficient-reads", DataType.LONG, 1);
        }

        @Override
        public void accumulate(INDArray theta, INDArray gradient) {
            inner.accumulate(theta, gradient);
        }

        @Override
        public boolean ready() {
            return inner.ready();
        }

        @Override
        public Basis basis() {
            return inner.basis();
        }

        @Override
        public void rotate(INDArray theta, AverageTracker tracker) {
            inner.rotate(theta, tracker);
        }

        @Override
        public INDArray warmupDirection(INDArray gradient) {
            return inner.warmupDirection(gradient);
        }

        @Override
        public double momentumCoefficient() {
            reads.putScalar(0, reads.getLong(0) + 1);
            return inner.momentumCoefficient();
        }

        @Override
        public INDArray momentumVector() {
            return inner.momentumVector();
        }

        @Override
        public INDArray unitDirection() {
            return inner.unitDirection();
        }

        @Override
        public String toString() {
            return "broken-non-finite(beta=" + ParameterSpec.format(beta) + ")";
        }
    }

    /** The name of the variant broken as {@code b}. */
    static String name(Breakage b) {
        return b == Breakage.NONE ? "sound" : "broken-" + b.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The plugin registering the sound heavy ball, every broken variant, and the broken direction. */
    static final class Plugin implements OgrPlugin {
        @Override
        public String id() {
            return "ogr-testkit.broken";
        }

        @Override
        public void register(StrategyRegistrar r) {
            for (Breakage b : Breakage.values()) {
                String n = name(b);
                List<ParameterSpec> specs = new ArrayList<>(parameters(b == Breakage.DEFAULTS ? 0 : 0.5));
                if (b == Breakage.UNKNOWN_KEYS) {
                    specs.add(specs.get(0));
                }
                r.strategy(new StrategyFactory<StepRule>() {
                    @Override
                    public StrategyKind kind() {
                        return StrategyKind.STEP;
                    }

                    @Override
                    public String name() {
                        return n;
                    }

                    @Override
                    public String description() {
                        return "a per-coordinate heavy ball" + (b == Breakage.NONE ? "" : ", broken: " + b);
                    }

                    @Override
                    public List<ParameterSpec> parameters() {
                        return specs;
                    }

                    @Override
                    public StepRule create(Parameters p) {
                        return new HeavyBall(b, n, p);
                    }
                });
            }
            r.strategy(StrategyFactory.of(StrategyKind.DIRECTION, "broken-non-finite",
                    "the normalised momentum, counting the reads of its coefficient in its state",
                    MomentumDirection.PARAMETERS, p -> new CountingMomentum(p.real("beta"))));
        }
    }

    /** The registry of the plugins on the class path and {@link Plugin}. */
    static final StrategyRegistry REGISTRY = registry();

    private static StrategyRegistry registry() {
        List<OgrPlugin> plugins = new ArrayList<>(Harness.plugins());
        plugins.add(new Plugin());
        return PluginLoader.of(plugins);
    }

    /** The contract of the strategy broken as {@code b} (the NON_FINITE one is the direction). */
    static StrategyContract contract(StrategyRule rule) {
        if (rule == StrategyRule.NON_FINITE) {
            return StrategyContract.of(StrategyKind.DIRECTION, "broken-non-finite").registry(REGISTRY);
        }
        Breakage b = Breakage.valueOf(rule.name());
        return StrategyContract.of(StrategyKind.STEP, name(b)).registry(REGISTRY);
    }

    /** The contract of the sound heavy ball. */
    static StrategyContract sound() {
        return StrategyContract.of(StrategyKind.STEP, name(Breakage.NONE)).registry(REGISTRY);
    }

    // the test classes the engine test kit runs: one per variant, each in a few lines as a plugin author writes them

    static class Sound extends StrategyContractTest {
        @Override
        protected StrategyContract contract() {
            return sound();
        }
    }

    static class BrokenDefaults extends StrategyContractTest {
        @Override
        protected StrategyContract contract() {
            return BrokenStrategies.contract(StrategyRule.DEFAULTS);
        }
    }

    static class BrokenUnknownKeys extends StrategyContractTest {
        @Override
        protected StrategyContract contract() {
            return BrokenStrategies.contract(StrategyRule.UNKNOWN_KEYS);
        }
    }

    static class BrokenWrongTypes extends StrategyContractTest {
        @Override
        protected StrategyContract contract() {
            return BrokenStrategies.contract(StrategyRule.WRONG_TYPES);
        }
    }

    static class BrokenRanges extends StrategyContractTest {
        @Override
        protected StrategyContract contract() {
            return BrokenStrategies.contract(StrategyRule.RANGES);
        }
    }

    static class BrokenCanonical extends StrategyContractTest {
        @Override
        protected StrategyContract contract() {
            return BrokenStrategies.contract(StrategyRule.CANONICAL);
        }
    }

    static class BrokenExportRestore extends StrategyContractTest {
        @Override
        protected StrategyContract contract() {
            return BrokenStrategies.contract(StrategyRule.EXPORT_RESTORE);
        }
    }

    static class BrokenNonFinite extends StrategyContractTest {
        @Override
        protected StrategyContract contract() {
            return BrokenStrategies.contract(StrategyRule.NON_FINITE);
        }
    }

    static class BrokenFastPath extends StrategyContractTest {
        @Override
        protected StrategyContract contract() {
            return BrokenStrategies.contract(StrategyRule.FAST_PATH);
        }
    }

    static class BrokenFloatAndDouble extends StrategyContractTest {
        @Override
        protected StrategyContract contract() {
            return BrokenStrategies.contract(StrategyRule.FLOAT_AND_DOUBLE);
        }
    }

    static class BrokenSameSeed extends StrategyContractTest {
        @Override
        protected StrategyContract contract() {
            return BrokenStrategies.contract(StrategyRule.SAME_SEED);
        }
    }

    /** The test class of the variant that breaks {@code rule}. */
    static Class<? extends StrategyContractTest> target(StrategyRule rule) {
        return switch (rule) {
            case DEFAULTS -> BrokenDefaults.class;
            case UNKNOWN_KEYS -> BrokenUnknownKeys.class;
            case WRONG_TYPES -> BrokenWrongTypes.class;
            case RANGES -> BrokenRanges.class;
            case CANONICAL -> BrokenCanonical.class;
            case EXPORT_RESTORE -> BrokenExportRestore.class;
            case NON_FINITE -> BrokenNonFinite.class;
            case FAST_PATH -> BrokenFastPath.class;
            case FLOAT_AND_DOUBLE -> BrokenFloatAndDouble.class;
            case SAME_SEED -> BrokenSameSeed.class;
        };
    }
}
