package dev.ogr.testkit;

import dev.ogr.api.LossProbe;
import dev.ogr.api.Objective;
import dev.ogr.api.OgrPlugin;
import dev.ogr.api.Parameters;
import dev.ogr.api.ProblemFactory;
import dev.ogr.api.StepResult;
import dev.ogr.api.StrategyCall;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeParser;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.core.recipe.ResolvedRecipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a recipe on an objective for a number of steps and returns the {@link Trajectory}: the harness for plugin
 * authors' own tests (a preset that must reach a loss, a step rule against the closed form of gradient descent).
 *
 * <pre>{@code
 * Trajectory t = Harness.run("my-preset", NoisyQuadratic.of(100, 10, 0, 1), 200);
 * assertTrue(t.finalLoss() < 1e-6 * t.initialLoss());
 * }</pre>
 */
public final class Harness {

    private static volatile StrategyRegistry loaded;

    private Harness() {
    }

    /** The strategies, presets and problems of every plugin on the class path (loaded once). */
    public static StrategyRegistry registry() {
        StrategyRegistry r = loaded;
        if (r == null) {
            synchronized (Harness.class) {
                if (loaded == null) {
                    loaded = PluginLoader.load();
                }
                r = loaded;
            }
        }
        return r;
    }

    /** New instances of every plugin on the class path, as {@link PluginLoader#load()} finds them. */
    public static List<OgrPlugin> plugins() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        List<OgrPlugin> plugins = new ArrayList<>();
        ServiceLoader.load(OgrPlugin.class, cl != null ? cl : Harness.class.getClassLoader()).forEach(plugins::add);
        return plugins;
    }

    /**
     * The problem {@code spec} describes ({@code name} or {@code name(key=value, ...)}, as {@code ./ogr run --problem}
     * reads it), from the problems of the plugins on the class path, with seed {@code seed}.
     *
     * @throws dev.ogr.api.ConfigurationException for a malformed text, an unknown problem or a bad parameter
     */
    public static Objective problem(String spec, long seed) {
        return problem(registry(), spec, seed, null);
    }

    /** The problem {@code spec} describes, from {@code registry}, reading data sets from {@code data} (or null). */
    public static Objective problem(StrategyRegistry registry, String spec, long seed, Path data) {
        StrategyCall call = RecipeParser.parseCall(spec, "problem");
        ProblemFactory f = registry.problem(call.name());
        return f.create(Parameters.parse(f.parameters(), call.arguments(), "problem '" + f.name() + "'"), seed, data);
    }

    /** Runs {@code recipe} (a preset or any recipe text) on {@code objective} for {@code steps} steps, in its type. */
    public static Trajectory run(String recipe, Objective objective, int steps) {
        return run(registry(), recipe, objective, steps, objective.dataType());
    }

    /**
     * Runs {@code recipe}, resolved in {@code registry}, on {@code objective} for {@code steps} steps with parameters
     * of type {@code type} (an objective of another type sees θ cast to its own, and its gradient is cast back).
     */
    public static Trajectory run(StrategyRegistry registry, String recipe, Objective objective, int steps,
            DataType type) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        ResolvedRecipe resolved = new RecipeResolver(registry).resolve(recipe);
        OgrOptimizer optimizer = Runs.create(resolved, objective.initialPoint(), type);
        double initial = fullLoss(objective, optimizer);
        double[] losses = new double[steps];
        double[] rates = new double[steps];
        double[] full = new double[steps];
        for (int t = 0; t < steps; t++) {
            LossProbe validation = Runs.validation(objective, t);
            StepResult r = optimizer.step(Runs.typed(objective.sample(t), objective.dataType()), validation);
            losses[t] = r.loss();
            rates[t] = r.learningRate();
            full[t] = fullLoss(objective, optimizer);
        }
        return new Trajectory(resolved.canonical(), objective.name(), initial, losses, rates, full,
                optimizer.evaluationPoint().dup(), optimizer.exportState());
    }

    /** The objective's noise-free loss at the optimizer's evaluation point. */
    private static double fullLoss(Objective objective, OgrOptimizer optimizer) {
        INDArray point = optimizer.evaluationPoint();
        return objective.loss(point.dataType() == objective.dataType() ? point : point.castTo(objective.dataType()));
    }
}
