package dev.ogr.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.NonFiniteException;
import dev.ogr.api.Objective;
import dev.ogr.api.OgrPlugin;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.Recipe;
import dev.ogr.api.Sample;
import dev.ogr.api.StrategyCall;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeParser;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.core.recipe.ResolvedRecipe;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract every strategy must keep, checked for one {@link StrategyFactory}: each {@link StrategyRule} is one
 * JUnit 5 dynamic test. A plugin author's test needs a few lines:
 *
 * <pre>{@code
 * class MyStepContractTest {
 *     @TestFactory
 *     Stream<DynamicTest> contract() {
 *         return StrategyContract.of(StrategyKind.STEP, "my-step").tests();   // or extend StrategyContractTest
 *     }
 * }
 * }</pre>
 *
 * <p>The strategy runs in a <em>host recipe</em> that fills the other slots: by default {@code ogr1d} for directions,
 * averages and outside rules, {@code asgd} (coordinate-wise, so a step rule's {@code CoordinateKernel} runs in the
 * fused pass) for step rules and {@code sgd} for learning-rate learners and schedules; {@link #in(String)} names
 * another (a preset or a recipe; the strategy replaces its slot). The runs are on {@link NoisyQuadratic#standard} for
 * {@link #steps(int)} = 20 steps unless told otherwise. The strategy is looked up by kind and name in the registry of
 * the plugins on the class path (or the one given to {@link #registry}); a factory given directly that no plugin
 * registers is added to it for the contract. What the contract does not check: docs/testkit.md.
 */
public final class StrategyContract {

    /**
     * The default tolerance of a float step against another computation of it (the general path's, or the same step
     * in double from the same state), relative to the largest magnitude: about 17 units of float's rounding
     * u = 2^-24 ≈ 6e-8, room for the roundings of the few dozen operations of a step.
     */
    public static final double FLOAT_TOLERANCE = 1e-6;

    /** The tolerance of the fast path against the general path in double, relative to scale. */
    public static final double DOUBLE_TOLERANCE = 1e-9;

    private final StrategyKind kind;
    private final String name;
    private final StrategyFactory<?> given;
    private StrategyRegistry registry;
    private String host;
    private LongFunction<? extends Objective> problem = NoisyQuadratic::standard;
    private int steps = 20;
    private long seed = 1;
    private double floatTolerance = FLOAT_TOLERANCE;

    private StrategyContract(StrategyKind kind, String name, StrategyFactory<?> given) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = Objects.requireNonNull(name, "name");
        this.given = given;
    }

    /** The contract of {@code factory}, found by its kind and name in the registry (added to it if absent). */
    public static StrategyContract of(StrategyFactory<?> factory) {
        return new StrategyContract(factory.kind(), factory.name(), factory);
    }

    /** The contract of the strategy of {@code kind} named {@code name} in the registry. */
    public static StrategyContract of(StrategyKind kind, String name) {
        return new StrategyContract(kind, name, null);
    }

    /** Resolves recipes in {@code value} instead of the registry of the plugins on the class path. */
    public StrategyContract registry(StrategyRegistry value) {
        this.registry = Objects.requireNonNull(value, "registry");
        return this;
    }

    /** Runs the strategy in {@code recipe} (a preset or a recipe), the strategy replacing that recipe's slot. */
    public StrategyContract in(String recipe) {
        this.host = Objects.requireNonNull(recipe, "recipe");
        return this;
    }

    /** Runs on {@code objectives}, the objective of each seed, instead of {@link NoisyQuadratic#standard}. */
    public StrategyContract on(LongFunction<? extends Objective> objectives) {
        this.problem = Objects.requireNonNull(objectives, "objectives");
        return this;
    }

    /** The number of steps of each run (at least 2; 20 by default). */
    public StrategyContract steps(int value) {
        if (value < 2) {
            throw new IllegalArgumentException("the contract's runs need at least 2 steps, got " + value);
        }
        this.steps = value;
        return this;
    }

    /** The seed of the objective (1 by default). */
    public StrategyContract seed(long value) {
        this.seed = value;
        return this;
    }

    /** The tolerance of a float step against the same step computed otherwise ({@value #FLOAT_TOLERANCE}). */
    public StrategyContract floatTolerance(double value) {
        this.floatTolerance = positive(value, "float tolerance");
        return this;
    }

    private static double positive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the " + what + " must be a positive number, got " + value);
        }
        return value;
    }

    /** What the contract checks, in words: e.g. {@code step 'my-step' in asgd}. */
    public String describe() {
        return kind.key() + " '" + name + "' in " + hostRecipe();
    }

    /** The host recipe: the one given to {@link #in}, or the default of the strategy's kind. */
    public String hostRecipe() {
        if (host != null) {
            return host;
        }
        return switch (kind) {
            case DIRECTION, AVERAGES, OUTSIDE -> "ogr1d";
            case STEP -> "asgd";
            case LEARNING_RATE, SCHEDULE -> "sgd";
        };
    }

    /** One dynamic test per rule, in the order of {@link StrategyRule}, named by the rule's title. */
    public Stream<DynamicTest> tests() {
        return Stream.of(StrategyRule.values()).map(rule -> DynamicTest.dynamicTest(rule.title(), () -> check(rule)));
    }

    /** Checks every rule, failing at the first broken one. */
    public void checkAll() {
        for (StrategyRule rule : StrategyRule.values()) {
            check(rule);
        }
    }

    /**
     * Checks one rule.
     *
     * @throws AssertionError naming the strategy, the rule and what broke it
     */
    public void check(StrategyRule rule) {
        try {
            switch (rule) {
                case DEFAULTS -> defaults();
                case UNKNOWN_KEYS -> unknownKeys();
                case WRONG_TYPES -> wrongTypes();
                case RANGES -> ranges();
                case CANONICAL -> canonical();
                case EXPORT_RESTORE -> exportRestore();
                case NON_FINITE -> nonFinite();
                case FAST_PATH -> fastPath();
                case FLOAT_AND_DOUBLE -> floatAndDouble();
                case SAME_SEED -> sameSeed();
            }
        } catch (AssertionError e) {
            throw new AssertionError(describe() + ": " + rule.title() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new AssertionError(describe() + ": " + rule.title() + ": " + e, e);
        }
    }

    // ---------------------------------------------------------------- the registry and the recipes

    private StrategyRegistry resolvedRegistry;

    private StrategyRegistry registryOf() {
        if (resolvedRegistry != null) {
            return resolvedRegistry;
        }
        StrategyRegistry r = registry != null ? registry : Harness.registry();
        if (!r.strategies(kind).containsKey(name)) {
            if (given == null || registry != null) {
                fail(kind.key() + " strategy '" + name + "' is not registered; registered: "
                        + r.strategies(kind).keySet());
            }
            List<OgrPlugin> plugins = new ArrayList<>(Harness.plugins());
            plugins.add(new OgrPlugin() {
                @Override
                public String id() {
                    return "ogr-testkit.under-test";
                }

                @Override
                public void register(StrategyRegistrar registrar) {
                    registrar.strategy(given);
                }
            });
            r = PluginLoader.of(plugins);
        }
        resolvedRegistry = r;
        return r;
    }

    private StrategyFactory<?> factory() {
        return registryOf().strategy(kind, name);
    }

    private RecipeResolver resolver() {
        return new RecipeResolver(registryOf());
    }

    /** The host recipe with this strategy called with {@code arguments}, resolved. */
    private ResolvedRecipe recipe(Map<String, String> arguments) {
        RecipeResolver resolver = resolver();
        Recipe base = resolver.parser().parse(hostRecipe());
        Map<StrategyKind, StrategyCall> strategies = new EnumMap<>(StrategyKind.class);
        strategies.putAll(base.strategies());
        strategies.put(kind, new StrategyCall(name, arguments));
        return resolver.resolve(new Recipe(base.preset(), strategies, base.options()));
    }

    private String text(Map<String, String> arguments) {
        return hostRecipe() + "; " + kind.key() + "=" + new StrategyCall(name, arguments);
    }

    private ResolvedRecipe recipe() {
        return recipe(Map.of());
    }

    private Objective objective() {
        return problem.apply(seed);
    }

    // ---------------------------------------------------------------- the rules on parameters

    private void defaults() {
        StrategyFactory<?> f = factory();
        for (ParameterSpec spec : f.parameters()) {
            spec.validate(spec.defaultValue(), "the default of");
        }
        Parameters p = Parameters.defaults(f.parameters());
        Object strategy = create(f, p);
        if (!kind.type().isInstance(strategy)) {
            fail("created from its defaults (" + p.canonical() + ") it is a " + strategy.getClass().getName()
                    + ", not a " + kind.type().getSimpleName());
        }
        Objective o = objective();
        try {
            OgrOptimizer.create(recipe(), o.initialPoint());
        } catch (RuntimeException e) {
            fail("'" + text(Map.of()) + "' does not make an optimizer: " + e);
        }
    }

    private void unknownKeys() {
        StrategyFactory<?> f = factory();
        List<String> declared = f.parameters().stream().map(ParameterSpec::name).toList();
        List<String> keys = new ArrayList<>(List.of("no-such-key"));
        if (!declared.isEmpty()) {
            keys.add(declared.get(0) + "s"); // a near miss of a real key
        }
        for (String key : keys) {
            if (declared.contains(key)) {
                continue;
            }
            refused(Map.of(key, "1"), key, null);
        }
    }

    private void wrongTypes() {
        for (ParameterSpec spec : factory().parameters()) {
            List<String> wrong = switch (spec.type()) {
                case REAL -> List.of("abc", "1/2");
                case INTEGER -> List.of("abc", "1.5");
                case FLAG -> List.of("maybe", "1");
                case CHOICE -> List.of("no-such-choice");
            };
            for (String text : wrong) {
                refused(Map.of(spec.name(), text), spec.name(), spec.range());
            }
            List<String> words = switch (spec.type()) {
                case CHOICE -> spec.choices();
                case FLAG -> List.of("true", "false");
                default -> List.of();
            };
            for (String word : words) {
                accepted(Map.of(spec.name(), word));
            }
        }
    }

    private void ranges() {
        for (ParameterSpec spec : factory().parameters()) {
            if (spec.type() == ParameterSpec.Type.REAL) {
                double min = spec.min();
                double max = spec.max();
                if (spec.minInclusive() || min > Double.NEGATIVE_INFINITY) {
                    accepted(Map.of(spec.name(), ParameterSpec.format(spec.minInclusive() ? min : Math.nextUp(min))));
                }
                if (spec.maxInclusive() || max < Double.POSITIVE_INFINITY) {
                    accepted(Map.of(spec.name(), ParameterSpec.format(spec.maxInclusive() ? max : Math.nextDown(max))));
                }
                if (!(spec.minInclusive() && min == Double.NEGATIVE_INFINITY)) {
                    String below = ParameterSpec.format(spec.minInclusive() ? Math.nextDown(min) : min);
                    refused(Map.of(spec.name(), below), spec.name(), spec.range());
                }
                if (!(spec.maxInclusive() && max == Double.POSITIVE_INFINITY)) {
                    String above = ParameterSpec.format(spec.maxInclusive() ? Math.nextUp(max) : max);
                    refused(Map.of(spec.name(), above), spec.name(), spec.range());
                }
                refused(Map.of(spec.name(), "nan"), spec.name(), spec.range());
            } else if (spec.type() == ParameterSpec.Type.INTEGER) {
                long min = (long) spec.min();
                long max = (long) spec.max();
                accepted(Map.of(spec.name(), Long.toString(min)));
                accepted(Map.of(spec.name(), Long.toString(max)));
                if (min > Long.MIN_VALUE) {
                    refused(Map.of(spec.name(), Long.toString(min - 1)), spec.name(), spec.range());
                }
                if (max < Long.MAX_VALUE) {
                    refused(Map.of(spec.name(), Long.toString(max + 1)), spec.name(), spec.range());
                }
            }
        }
    }

    /** Fails unless the host recipe with {@code arguments} is refused with a message naming the key (and range). */
    private void refused(Map<String, String> arguments, String key, String range) {
        String recipe = text(arguments);
        try {
            recipe(arguments);
        } catch (ConfigurationException e) {
            String m = e.getMessage();
            if (m == null || !m.contains("'" + key + "'") || (range != null && !m.contains(range))) {
                fail("'" + recipe + "' is refused with \"" + m + "\", which does not name the key '" + key + "'"
                        + (range == null ? "" : " and its range '" + range + "'"));
            }
            if (m.contains("\n")) {
                fail("'" + recipe + "' is refused with a message of more than one line: " + m);
            }
            return;
        } catch (RuntimeException e) {
            fail("'" + recipe + "' is refused with " + e + ", not a one-line ConfigurationException naming the key '"
                    + key + "'");
        }
        fail("'" + recipe + "' is accepted, expected a refusal naming '" + key + "'"
                + (range == null ? "" : " and " + range));
    }

    /**
     * Fails unless the host recipe with {@code arguments} (one key) resolves and its strategy can be created, or is
     * refused only for the value's relation to another parameter (a one-line ConfigurationException naming both,
     * e.g. "needs min &lt;= eta0 &lt;= max").
     */
    private void accepted(Map<String, String> arguments) {
        String recipe = text(arguments);
        ResolvedRecipe r;
        try {
            r = recipe(arguments);
        } catch (RuntimeException e) {
            fail("'" + recipe + "' is refused: " + e.getMessage() + "; the value is admissible by its spec");
            return;
        }
        StrategyFactory<?> f = factory();
        Parameters p = r.strategy(kind).orElseThrow().parameters();
        String key = arguments.keySet().iterator().next();
        try {
            if (f.create(p) == null) {
                fail(kind.key() + " '" + name + "' created from (" + p.canonical() + ") is null");
            }
        } catch (ConfigurationException e) {
            if (!relation(e.getMessage(), key, f.parameters())) {
                fail(kind.key() + " '" + name + "' created from (" + p.canonical() + "), values its specs admit,"
                        + " refuses them with \"" + e.getMessage() + "\", which names no other parameter the value"
                        + " of '" + key + "' conflicts with");
            }
        } catch (RuntimeException e) {
            fail(kind.key() + " '" + name + "' created from (" + p.canonical() + "), values its specs admit, throws "
                    + e);
        }
    }

    /**
     * Whether {@code message} refuses a value for its relation to another parameter: one line naming {@code key} and
     * another of {@code specs} as words.
     */
    static boolean relation(String message, String key, List<ParameterSpec> specs) {
        if (message == null || message.contains("\n") || !word(message, key)) {
            return false;
        }
        return specs.stream().map(ParameterSpec::name).anyMatch(n -> !n.equals(key) && word(message, n));
    }

    private static boolean word(String text, String w) {
        return java.util.regex.Pattern.compile("(?<![\\w-])" + java.util.regex.Pattern.quote(w) + "(?![\\w-])")
                .matcher(text).find();
    }

    private Object create(StrategyFactory<?> f, Parameters p) {
        Object strategy;
        try {
            strategy = f.create(p);
        } catch (RuntimeException e) {
            fail(kind.key() + " '" + name + "' created from (" + p.canonical() + "), values its specs admit, throws "
                    + e);
            return null;
        }
        if (strategy == null) {
            fail(kind.key() + " '" + name + "' created from (" + p.canonical() + ") is null");
        }
        return strategy;
    }

    private void canonical() {
        StrategyFactory<?> f = factory();
        List<Parameters> sets = new ArrayList<>();
        sets.add(Parameters.defaults(f.parameters()));
        for (ParameterSpec spec : f.parameters()) {
            for (Object moved : offDefault(spec)) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put(spec.name(), moved);
                Parameters p = Parameters.of(f.parameters(), values, kind.key() + " '" + name + "'");
                try {
                    f.create(p);
                } catch (ConfigurationException e) {
                    if (relation(e.getMessage(), spec.name(), f.parameters())) {
                        continue; // conflicts with another parameter's default: the next candidate
                    }
                }
                sets.add(p); // (a strategy that cannot be created fails below, naming the values)
                break;
            }
        }
        for (Parameters p : sets) {
            String text = String.valueOf(create(f, p));
            StrategyCall call;
            try {
                call = RecipeParser.parseCall(text, kind.key() + " strategy");
            } catch (ConfigurationException e) {
                fail("created from (" + p.canonical() + ") it prints '" + text + "', which does not parse: "
                        + e.getMessage());
                return;
            }
            if (!call.name().equals(f.name())) {
                fail("created from (" + p.canonical() + ") it prints '" + text + "', named '" + call.name()
                        + "' instead of '" + f.name() + "'");
            }
            Parameters back;
            try {
                back = Parameters.parse(f.parameters(), call.arguments(), kind.key() + " '" + name + "'");
            } catch (ConfigurationException e) {
                fail("created from (" + p.canonical() + ") it prints '" + text + "', which is refused: "
                        + e.getMessage());
                return;
            }
            if (!back.equals(p)) {
                fail("created from (" + p.canonical() + ") it prints '" + text + "', which reads back as ("
                        + back.canonical() + ")");
            }
            String again = String.valueOf(create(f, back));
            if (!again.equals(text)) {
                fail("'" + text + "' read back prints '" + again + "'");
            }
        }
    }

    /**
     * Values of {@code spec} other than its default, with many significant digits where it is a real (so that a text
     * which rounds one does not read back equal): 1/π of the way to an end of the range, or 1/π of 1 + |default| away;
     * the neighbours of an integer; the other choices; the other flag.
     */
    static List<Object> offDefault(ParameterSpec spec) {
        Object d = spec.defaultValue();
        List<Object> out = new ArrayList<>();
        switch (spec.type()) {
            case REAL -> {
                double v = (Double) d;
                double fraction = 1 / Math.PI;
                List<Double> candidates = new ArrayList<>();
                if (spec.max() < Double.POSITIVE_INFINITY) {
                    candidates.add(v + (spec.max() - v) * fraction);
                }
                if (spec.min() > Double.NEGATIVE_INFINITY) {
                    candidates.add(v - (v - spec.min()) * fraction);
                }
                candidates.add(v + (Math.abs(v) + 1) * fraction);
                candidates.add(v - (Math.abs(v) + 1) * fraction);
                candidates.add(v * (1 + fraction));
                candidates.add(v * (1 - fraction));
                for (double c : candidates) {
                    if (c != v && admissible(spec, c)) {
                        out.add(c);
                    }
                }
            }
            case INTEGER -> {
                long v = (Long) d;
                for (long c : new long[] {v + 1, v - 1}) {
                    if (admissible(spec, c)) {
                        out.add(c);
                    }
                }
            }
            case CHOICE -> spec.choices().stream().filter(c -> !c.equals(d)).forEach(out::add);
            case FLAG -> out.add(!(Boolean) d);
            default -> throw new AssertionError(spec.type());
        }
        return out;
    }

    private static boolean admissible(ParameterSpec spec, Object value) {
        try {
            spec.validate(value, "value");
            return true;
        } catch (ConfigurationException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- the rules on runs

    private static final DataType[] TYPES = {DataType.DOUBLE, DataType.FLOAT};

    private void exportRestore() {
        ResolvedRecipe r = recipe();
        for (DataType type : TYPES) {
            Objective o = objective();
            OgrOptimizer original = Runs.create(r, o.initialPoint(), type);
            Runs.steps(original, o, 0, steps);
            Map<String, INDArray> saved = original.exportState();
            OgrOptimizer restored = Runs.create(r, o.initialPoint().add(1), type); // a fresh one, elsewhere
            restored.restoreState(saved);
            Compare.bitForBit(type + ": the restored state against the exported one", saved, restored.exportState());
            double[][] a = Runs.steps(original, o, steps, 2L * steps);
            double[][] b = Runs.steps(restored, o, steps, 2L * steps);
            for (int i = 0; i < a.length; i++) {
                Compare.bitForBit(type + ": θ after step " + (steps + i) + " of the restored optimizer against the"
                        + " original", a[i], b[i]);
            }
            Compare.bitForBit(type + ": the final state of the restored optimizer against the original",
                    original.exportState(), restored.exportState());
        }
    }

    private void nonFinite() {
        ResolvedRecipe r = recipe();
        for (DataType type : TYPES) {
            Objective o = objective();
            OgrOptimizer optimizer = Runs.create(r, o.initialPoint(), type);
            OgrOptimizer reference = Runs.create(r, o.initialPoint(), type);
            Runs.steps(optimizer, o, 0, steps);
            Runs.steps(reference, o, 0, steps);
            Map<String, INDArray> before = optimizer.exportState();
            long d = o.dimension();
            long[] where = {d - 1, 0, d / 2};
            double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            Sample good = Runs.typed(o.sample(steps), o.dataType());
            for (int k = 0; k < bad.length; k++) {
                long at = where[k];
                double value = bad[k];
                Sample poisoned = new Sample() {
                    @Override
                    public double lossAndGradient(INDArray theta, INDArray gradient) {
                        double loss = good.lossAndGradient(theta, gradient);
                        gradient.putScalar(at, value);
                        return loss;
                    }

                    @Override
                    public double loss(INDArray theta) {
                        return good.loss(theta);
                    }
                };
                expectRefused(type + ": a sample whose gradient has " + value + " at " + at,
                        () -> optimizer.step(poisoned, Runs.validation(o, steps)));
                Compare.bitForBit(type + ": the state after a sample whose gradient has " + value + " at " + at,
                        before, optimizer.exportState());
                INDArray gradient = optimizer.parameters().dup();
                good.lossAndGradient(optimizer.parameters(), gradient);
                gradient.putScalar(at, value);
                expectRefused(type + ": a host's gradient with " + value + " at " + at,
                        () -> optimizer.step(gradient, 0.01, null));
                Compare.bitForBit(type + ": the state after a host's gradient with " + value + " at " + at, before,
                        optimizer.exportState());
            }
            double[][] a = Runs.steps(optimizer, o, steps, steps + steps / 2 + 1);
            double[][] b = Runs.steps(reference, o, steps, steps + steps / 2 + 1);
            for (int i = 0; i < a.length; i++) {
                Compare.bitForBit(type + ": θ after step " + (steps + i) + " against a run that never saw the bad"
                        + " gradients", b[i], a[i]);
            }
            Compare.bitForBit(type + ": the state against a run that never saw the bad gradients",
                    reference.exportState(), optimizer.exportState());
        }
    }

    private static void expectRefused(String what, Runnable step) {
        try {
            step.run();
        } catch (NonFiniteException e) {
            return;
        }
        fail(what + " was taken, expected a NonFiniteException");
    }

    private void fastPath() {
        ResolvedRecipe r = recipe();
        Objective o = objective();
        // double: whole trajectories
        OgrOptimizer fast = Runs.create(r, o.initialPoint(), DataType.DOUBLE);
        double[][] a = Runs.steps(fast, o, 0, steps);
        double[][] b = Runs.inMode(Kernels.Mode.ND4J, () -> {
            OgrOptimizer general = Runs.create(r, o.initialPoint(), DataType.DOUBLE);
            return Runs.steps(general, o, 0, steps);
        });
        for (int i = 0; i < steps; i++) {
            Compare.close("DOUBLE: θ after step " + i + " of the fast path against the general path", a[i], b[i],
                    DOUBLE_TOLERANCE);
        }
        // one step from a common state, in both types
        for (DataType type : TYPES) {
            OgrOptimizer run = Runs.create(r, o.initialPoint(), type);
            Runs.steps(run, o, 0, steps);
            Map<String, INDArray> common = run.exportState();
            OgrOptimizer f = Runs.create(r, o.initialPoint(), type);
            f.restoreState(common);
            Runs.steps(f, o, steps, steps + 1);
            Map<String, INDArray> byFast = f.exportState();
            Map<String, INDArray> byGeneral = Runs.inMode(Kernels.Mode.ND4J, () -> {
                OgrOptimizer g = Runs.create(r, o.initialPoint(), type);
                g.restoreState(common);
                Runs.steps(g, o, steps, steps + 1);
                return g.exportState();
            });
            Compare.close(type + ": one step from a common state, the fast path against the general path", byFast,
                    byGeneral, type == DataType.DOUBLE ? DOUBLE_TOLERANCE : floatTolerance);
        }
    }

    private void floatAndDouble() {
        ResolvedRecipe r = recipe();
        Objective o = objective();
        INDArray start = o.initialPoint().castTo(DataType.FLOAT).castTo(DataType.DOUBLE); // one start for both
        OgrOptimizer d = Runs.create(r, start, DataType.DOUBLE);
        OgrOptimizer f = Runs.create(r, start, DataType.FLOAT);
        double[][] dd = Runs.steps(d, o, 0, steps / 2);
        double[][] ff = Runs.steps(f, o, 0, steps / 2);
        Map<String, INDArray> types = f.exportState();
        for (int k = 0; k < 2; k++) {
            long at = k == 0 ? steps / 2 : steps;
            if (k == 1) {
                dd = Runs.steps(d, o, steps / 2, steps);
                ff = Runs.steps(f, o, steps / 2, steps);
            }
            for (int i = 0; i < dd.length; i++) {
                finite("θ after step " + (at - dd.length + i) + " of the double run", dd[i]);
                finite("θ after step " + (at - ff.length + i) + " of the float run, where the double run's is", ff[i]);
            }
            // one step from the double run's state, rounded to float
            Map<String, INDArray> common = new LinkedHashMap<>();
            d.exportState().forEach((key, v) -> common.put(key, v.castTo(types.get(key).dataType())));
            OgrOptimizer fromCommon = Runs.create(r, start, DataType.FLOAT);
            fromCommon.restoreState(common);
            OgrOptimizer inDouble = Runs.create(r, start, DataType.DOUBLE);
            inDouble.restoreState(d.exportState());
            double[] x = Runs.steps(inDouble, o, at, at + 1)[0];
            double[] y = Runs.steps(fromCommon, o, at, at + 1)[0];
            Compare.close("θ after step " + at + " from a common state, in float against double", x, y,
                    floatTolerance);
        }
    }

    private static void finite(String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                fail(what + ": entry " + i + " is " + values[i]);
            }
        }
    }

    private void sameSeed() {
        for (DataType type : TYPES) {
            Objective first = objective();
            Objective second = objective();
            OgrOptimizer a = Runs.create(recipe(), first.initialPoint(), type);
            OgrOptimizer b = Runs.create(recipe(), second.initialPoint(), type);
            double[][] x = Runs.steps(a, first, 0, steps);
            double[][] y = Runs.steps(b, second, 0, steps);
            for (int i = 0; i < steps; i++) {
                Compare.bitForBit(type + ": θ after step " + i + " of the second run against the first", x[i], y[i]);
            }
            Compare.bitForBit(type + ": the final state of the second run against the first", a.exportState(),
                    b.exportState());
        }
    }

    @Override
    public String toString() {
        return "StrategyContract[" + describe() + "]";
    }
}
