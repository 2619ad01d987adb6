package dev.ogr.bench.problems;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Objective;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.StrategyCall;
import dev.ogr.api.Suggestions;
import dev.ogr.bench.data.Datasets;
import dev.ogr.bench.data.LabelledData;
import dev.ogr.bench.data.RemoteDataset;
import dev.ogr.core.recipe.RecipeParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalogue of benchmark problems, looked up by the text form {@code name(key=value, ...)}. */
public final class Problems {

    private static final ParameterSpec NOISE = ParameterSpec.real("noise", 0, 0, true, 1e6, true,
            "standard deviation of the additive Gaussian gradient noise per coordinate and step");

    private static final Map<String, ProblemFactory> FACTORIES = new LinkedHashMap<>();

    static {
        add(new ProblemFactory("quadratic",
                "f = 1/2 (x-x*)'H(x-x*), eigenvalues log-spaced in [1/cond, 1], minimum 0 at x* = 0, start ~ N(0, I)",
                List.of(ParameterSpec.integer("dim", 10, 1, 100_000_000, "number of parameters"),
                        ParameterSpec.real("cond", 100, 1, true, 1e12, true, "condition number of the Hessian"),
                        ParameterSpec.flag("rotated", false,
                                "rotate the eigenbasis by three random Householder reflections"),
                        NOISE),
                (p, seed, data) -> new Quadratic((int) p.integer("dim"), p.real("cond"), p.flag("rotated"),
                        p.real("noise"), seed)));
        add(new ProblemFactory("rosenbrock", "f = (1-x)^2 + 100(y-x^2)^2, minimum 0 at (1, 1)",
                List.of(ParameterSpec.real("x0", -1.2, -1e6, true, 1e6, true, "starting x"),
                        ParameterSpec.real("y0", 1, -1e6, true, 1e6, true, "starting y"), NOISE),
                (p, seed, data) -> new TestFunction(TestFunction.Shape.ROSENBROCK, p.real("x0"), p.real("y0"),
                        p.real("noise"), seed)));
        add(new ProblemFactory("saddle", "f = x^2 - y^2, a saddle at the origin; good optimizers leave it along y",
                List.of(ParameterSpec.real("x0", 1, -1e6, true, 1e6, true, "starting x"),
                        ParameterSpec.real("y0", 1e-3, -1e6, true, 1e6, true, "starting y"), NOISE),
                (p, seed, data) -> new TestFunction(TestFunction.Shape.SADDLE, p.real("x0"), p.real("y0"),
                        p.real("noise"), seed)));
        add(new ProblemFactory("beale",
                "f = (1.5-x+xy)^2 + (2.25-x+xy^2)^2 + (2.625-x+xy^3)^2, minimum 0 at (3, 0.5)",
                List.of(ParameterSpec.real("x0", 1, -1e6, true, 1e6, true, "starting x"),
                        ParameterSpec.real("y0", 1, -1e6, true, 1e6, true, "starting y"), NOISE),
                (p, seed, data) -> new TestFunction(TestFunction.Shape.BEALE, p.real("x0"), p.real("y0"),
                        p.real("noise"), seed)));
        add(twoDimensional("matyas", "f = 0.26(x^2 + y^2) - 0.48xy, minimum 0 at (0, 0)", TestFunction.Shape.MATYAS, 1, 1));
        add(twoDimensional("goldstein-price",
                "Goldstein-Price's function minus 3 (its minimum value), minimum 0 at (0, -1)",
                TestFunction.Shape.GOLDSTEIN_PRICE, 0.5, 0.5));
        add(twoDimensional("three-hump-camel", "f = 2x^2 - 1.05x^4 + x^6/6 + xy + y^2, minimum 0 at (0, 0)",
                TestFunction.Shape.THREE_HUMP_CAMEL, 1, 1));
        add(twoDimensional("double-well",
                "f = x^2 + (y^2 - 2)^2/4, a saddle at the origin between minima 0 at (0, +-sqrt 2): escape the saddle",
                TestFunction.Shape.DOUBLE_WELL, 1, 1e-3));
    }

    static {
        ParameterSpec holdout = ParameterSpec.integer("holdout", 0, 0, 1_000_000,
                "training rows, chosen at random (seeded), kept out of training as the validation batch (paper 2, 5.3)");
        add(new ProblemFactory("boston",
                "linear least squares on Boston housing, full batch, standardised features; 400 train / 106 test rows",
                List.of(holdout),
                (p, seed, data) -> new LinearRegression("boston(holdout=" + p.integer("holdout") + ")",
                        Datasets.boston(), (int) p.integer("holdout"), seed)));
        add(new ProblemFactory("logistic",
                "multinomial logistic regression with minibatches on mnist, fashion-mnist (from --data) or digits (bundled)",
                List.of(ParameterSpec.choice("dataset", "mnist", List.of("mnist", "fashion-mnist", "digits"),
                                "the data set"),
                        ParameterSpec.integer("batch", 100, 1, 1_000_000, "minibatch size"), holdout),
                (p, seed, data) -> {
                    String dataset = p.choice("dataset");
                    LabelledData d = switch (dataset) {
                        case "mnist" -> Datasets.idx(RemoteDataset.MNIST, data);
                        case "fashion-mnist" -> Datasets.idx(RemoteDataset.FASHION_MNIST, data);
                        default -> Datasets.digits();
                    };
                    return new SoftmaxRegression("logistic(" + p.canonical() + ")", d, (int) p.integer("batch"),
                            (int) p.integer("holdout"), seed);
                }));
    }

    private Problems() {
    }

    private static ProblemFactory twoDimensional(String name, String description, TestFunction.Shape shape, double x0,
            double y0) {
        return new ProblemFactory(name, description,
                List.of(ParameterSpec.real("x0", x0, -1e6, true, 1e6, true, "starting x"),
                        ParameterSpec.real("y0", y0, -1e6, true, 1e6, true, "starting y"), NOISE),
                (p, seed, data) -> new TestFunction(shape, p.real("x0"), p.real("y0"), p.real("noise"), seed));
    }

    private static void add(ProblemFactory f) {
        FACTORIES.put(f.name(), f);
    }

    /** Every problem by name. */
    public static Map<String, ProblemFactory> all() {
        return java.util.Collections.unmodifiableMap(FACTORIES);
    }

    /** The canonical text {@code name(k=v, ...)} of a problem specification (defaults filled in). */
    public static String canonical(String spec) {
        StrategyCall call = RecipeParser.parseCall(spec, "problem");
        ProblemFactory f = factory(call.name());
        return f.name() + "(" + parameters(f, call).canonical() + ")";
    }

    /**
     * Creates the problem {@code spec} describes, e.g. {@code quadratic(dim=100, cond=1e4)}.
     *
     * @throws ConfigurationException for a malformed text, an unknown problem or a bad parameter
     */
    public static Objective create(String spec, long seed) {
        return create(spec, seed, null);
    }

    /**
     * Creates the problem {@code spec} describes, reading downloadable data sets from {@code dataDir} (may be null:
     * then $OGR_DATA, then ~/.ogr/data).
     *
     * @throws ConfigurationException for a malformed text, an unknown problem, a bad parameter or missing data
     */
    public static Objective create(String spec, long seed, Path dataDir) {
        StrategyCall call = RecipeParser.parseCall(spec, "problem");
        ProblemFactory f = factory(call.name());
        return f.create(parameters(f, call), seed, dataDir);
    }

    private static Parameters parameters(ProblemFactory f, StrategyCall call) {
        return Parameters.parse(f.parameters(), call.arguments(), "problem '" + f.name() + "'");
    }

    private static ProblemFactory factory(String name) {
        ProblemFactory f = FACTORIES.get(name);
        if (f == null) {
            throw new ConfigurationException("unknown problem '" + name + "'" + Suggestions.hint(name, FACTORIES.keySet())
                    + "; available: " + String.join(", ", FACTORIES.keySet()));
        }
        return f;
    }
}
