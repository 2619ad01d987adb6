package dev.ogr.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.NonFiniteException;
import dev.ogr.api.Objective;
import dev.ogr.bench.problems.Problems;
import dev.ogr.bench.suite.SuiteFile;
import dev.ogr.bench.suite.SuiteProblem;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeResolver;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Defaults that work: every preset on the classpath, at its defaults, runs 500 steps from the default start of each of
 * the quick suite's problems and ends with a finite loss. The baselines that cannot, as their authors publish them,
 * are listed with the reason, and the test checks that each still diverges somewhere (so the list cannot go stale).
 */
class DefaultsAreFiniteTest {

    private static final StrategyRegistry REGISTRY = PluginLoader.load();
    private static final RecipeResolver RESOLVER = new RecipeResolver(REGISTRY);
    private static final int STEPS = 500;

    /**
     * Fixed-step baselines whose default step is beyond the stability limit 2/L of the steepest starts (Rosenbrock's
     * (−1.2, 1): L ≈ 1.3e3, so η·L ≈ 13 for η = 0.01; Goldstein-Price's start is steeper still), and D-Adaptation
     * SGD, whose step d/‖g₀‖ outgrows 2/L on Boston housing once d reaches the distance to the solution. Changing
     * them would no longer compare against what users pick.
     */
    private static final Map<String, String> DIVERGING_BASELINES = Map.of(
            "sgd", "eta = 0.01 > 2/L on Rosenbrock and Goldstein-Price",
            "momentum", "eta = 0.01 > 2(1 + beta)/L",
            "nesterov", "eta = 0.01 > 2(1 + beta)/L",
            "schedule-free-sgd", "the authors' eta = 1 on gradients of norm 1e2 to 1e4",
            "dadapt-sgd", "d/|g0| outgrows 2/L on Boston housing");

    static List<SuiteProblem> problems() {
        return SuiteFile.load("quick", REGISTRY).problems();
    }

    static Stream<String> presets() {
        return REGISTRY.presets().keySet().stream();
    }

    /** The first quick problem on which {@code preset} does not end finite, or null. */
    private static String firstDivergence(String preset) {
        for (SuiteProblem p : problems()) {
            Objective objective = Problems.create(p.spec(), 1);
            if (objective.dimension() > 64 && preset.equals("full-ogr")) {
                continue; // full-ogr models at most 64 parameters, and says so
            }
            try {
                OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve(preset), objective.initialPoint());
                for (int t = 0; t < STEPS; t++) {
                    opt.step(objective.sample(t));
                }
                double loss = objective.loss(opt.evaluationPoint());
                if (!Double.isFinite(loss)) {
                    return p.label() + " (final loss " + loss + ")";
                }
            } catch (NonFiniteException e) {
                return p.label() + " (" + e.getMessage() + ")";
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void everyPresetAtItsDefaultsEndsFiniteOnEveryQuickProblem(String preset) {
        String diverged = firstDivergence(preset);
        if (DIVERGING_BASELINES.containsKey(preset)) {
            assertTrue(diverged != null, preset + " no longer diverges at its defaults: take it off the list ("
                    + DIVERGING_BASELINES.get(preset) + ")");
            return;
        }
        assertTrue(diverged == null, preset + " diverged on " + diverged);
    }

    @Test
    void theExemptionsAreBaselinesOnTheClasspath() {
        for (String b : DIVERGING_BASELINES.keySet()) {
            assertTrue(REGISTRY.presets().containsKey(b), b);
            assertFalse(REGISTRY.presets().get(b).description().isEmpty(), b);
        }
    }
}
