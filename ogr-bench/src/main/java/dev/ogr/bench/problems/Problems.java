package dev.ogr.bench.problems;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Objective;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.StrategyCall;
import dev.ogr.api.Suggestions;
import dev.ogr.core.recipe.RecipeParser;
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
                (p, seed) -> new Quadratic((int) p.integer("dim"), p.real("cond"), p.flag("rotated"),
                        p.real("noise"), seed)));
        add(new ProblemFactory("rosenbrock", "f = (1-x)^2 + 100(y-x^2)^2, minimum 0 at (1, 1)",
                List.of(ParameterSpec.real("x0", -1.2, -1e6, true, 1e6, true, "starting x"),
                        ParameterSpec.real("y0", 1, -1e6, true, 1e6, true, "starting y"), NOISE),
                (p, seed) -> new TestFunction(TestFunction.Shape.ROSENBROCK, p.real("x0"), p.real("y0"),
                        p.real("noise"), seed)));
        add(new ProblemFactory("beale",
                "f = (1.5-x+xy)^2 + (2.25-x+xy^2)^2 + (2.625-x+xy^3)^2, minimum 0 at (3, 0.5)",
                List.of(ParameterSpec.real("x0", 1, -1e6, true, 1e6, true, "starting x"),
                        ParameterSpec.real("y0", 1, -1e6, true, 1e6, true, "starting y"), NOISE),
                (p, seed) -> new TestFunction(TestFunction.Shape.BEALE, p.real("x0"), p.real("y0"),
                        p.real("noise"), seed)));
    }

    private Problems() {
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
        StrategyCall call = RecipeParser.parseCall(spec);
        ProblemFactory f = factory(call.name());
        return f.name() + "(" + parameters(f, call).canonical() + ")";
    }

    /**
     * Creates the problem {@code spec} describes, e.g. {@code quadratic(dim=100, cond=1e4)}.
     *
     * @throws ConfigurationException for a malformed text, an unknown problem or a bad parameter
     */
    public static Objective create(String spec, long seed) {
        StrategyCall call = RecipeParser.parseCall(spec);
        ProblemFactory f = factory(call.name());
        return f.create(parameters(f, call), seed);
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
