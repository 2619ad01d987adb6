package dev.ogr.bench.problems;

import dev.ogr.api.OgrPlugin;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.ProblemFactory;
import dev.ogr.api.StrategyRegistrar;
import dev.ogr.bench.data.Datasets;
import dev.ogr.bench.data.LabelledData;
import dev.ogr.bench.data.RemoteDataset;
import java.util.List;

/**
 * The built-in benchmark problems, registered through the plugin SPI as any plugin's problems are: the quadratic,
 * the two-dimensional test functions, least squares on Boston housing and logistic regression on MNIST,
 * Fashion-MNIST or the bundled digits.
 */
public final class ProblemsPlugin implements OgrPlugin {

    private static final ParameterSpec NOISE = ParameterSpec.real("noise", 0, 0, true, 1e6, true,
            "standard deviation of the additive Gaussian gradient noise per coordinate and step");

    @Override
    public String id() {
        return "ogr-bench";
    }

    @Override
    public void register(StrategyRegistrar r) {
        r.problem(ProblemFactory.of("quadratic",
                "f = 1/2 (x-x*)'H(x-x*), eigenvalues log-spaced in [1/cond, 1], minimum 0 at x* = 0, start ~ N(0, I)",
                List.of(ParameterSpec.integer("dim", 10, 1, 100_000_000, "number of parameters"),
                        ParameterSpec.real("cond", 100, 1, true, 1e12, true, "condition number of the Hessian"),
                        ParameterSpec.flag("rotated", false,
                                "rotate the eigenbasis by three random Householder reflections"),
                        NOISE),
                (p, seed, data) -> new Quadratic((int) p.integer("dim"), p.real("cond"), p.flag("rotated"),
                        p.real("noise"), seed)));
        r.problem(ProblemFactory.of("rosenbrock", "f = (1-x)^2 + 100(y-x^2)^2, minimum 0 at (1, 1)",
                List.of(ParameterSpec.real("x0", -1.2, -1e6, true, 1e6, true, "starting x"),
                        ParameterSpec.real("y0", 1, -1e6, true, 1e6, true, "starting y"), NOISE),
                (p, seed, data) -> new TestFunction(TestFunction.Shape.ROSENBROCK, p.real("x0"), p.real("y0"),
                        p.real("noise"), seed)));
        r.problem(ProblemFactory.of("saddle", "f = x^2 - y^2, a saddle at the origin; good optimizers leave it along y",
                List.of(ParameterSpec.real("x0", 1, -1e6, true, 1e6, true, "starting x"),
                        ParameterSpec.real("y0", 1e-3, -1e6, true, 1e6, true, "starting y"), NOISE),
                (p, seed, data) -> new TestFunction(TestFunction.Shape.SADDLE, p.real("x0"), p.real("y0"),
                        p.real("noise"), seed)));
        r.problem(ProblemFactory.of("beale",
                "f = (1.5-x+xy)^2 + (2.25-x+xy^2)^2 + (2.625-x+xy^3)^2, minimum 0 at (3, 0.5)",
                List.of(ParameterSpec.real("x0", 1, -1e6, true, 1e6, true, "starting x"),
                        ParameterSpec.real("y0", 1, -1e6, true, 1e6, true, "starting y"), NOISE),
                (p, seed, data) -> new TestFunction(TestFunction.Shape.BEALE, p.real("x0"), p.real("y0"),
                        p.real("noise"), seed)));
        r.problem(twoDimensional("matyas", "f = 0.26(x^2 + y^2) - 0.48xy, minimum 0 at (0, 0)",
                TestFunction.Shape.MATYAS, 1, 1));
        r.problem(twoDimensional("goldstein-price",
                "Goldstein-Price's function minus 3 (its minimum value), minimum 0 at (0, -1)",
                TestFunction.Shape.GOLDSTEIN_PRICE, 0.5, 0.5));
        r.problem(twoDimensional("three-hump-camel", "f = 2x^2 - 1.05x^4 + x^6/6 + xy + y^2, minimum 0 at (0, 0)",
                TestFunction.Shape.THREE_HUMP_CAMEL, 1, 1));
        r.problem(twoDimensional("double-well",
                "f = x^2 + (y^2 - 2)^2/4, a saddle at the origin between minima 0 at (0, +-sqrt 2): escape the saddle",
                TestFunction.Shape.DOUBLE_WELL, 1, 1e-3));

        ParameterSpec holdout = ParameterSpec.integer("holdout", 0, 0, 1_000_000,
                "training rows, chosen at random (seeded), kept out of training as the validation batch (paper 2, 5.3)");
        r.problem(ProblemFactory.of("boston",
                "linear least squares on Boston housing, full batch, standardised features; 400 train / 106 test rows",
                List.of(holdout),
                (p, seed, data) -> new LinearRegression("boston(holdout=" + p.integer("holdout") + ")",
                        Datasets.boston(), (int) p.integer("holdout"), seed)));
        r.problem(ProblemFactory.of("logistic",
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

    private static ProblemFactory twoDimensional(String name, String description, TestFunction.Shape shape, double x0,
            double y0) {
        return ProblemFactory.of(name, description,
                List.of(ParameterSpec.real("x0", x0, -1e6, true, 1e6, true, "starting x"),
                        ParameterSpec.real("y0", y0, -1e6, true, 1e6, true, "starting y"), NOISE),
                (p, seed, data) -> new TestFunction(shape, p.real("x0"), p.real("y0"), p.real("noise"), seed));
    }
}
