package dev.ogr.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.NonFiniteException;
import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import dev.ogr.bench.problems.Problems;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.averages.MovingAverages;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.core.steps.ClippedParabolaStep;
import dev.ogr.directions.MomentumDirection;
import dev.ogr.lr.FixedLearningRate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** OGR1d and the other presets through every layer: recipe, plugins, optimizer, problems. */
class PresetsTest {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());
    private static final String NOISY = "quadratic(dim=20, cond=50, rotated=true, noise=0.01)";

    private static OgrOptimizer fromRecipe(String recipe, Objective objective) {
        return OgrOptimizer.create(RESOLVER.resolve(recipe), objective.initialPoint());
    }

    private static double[] run(OgrOptimizer optimizer, Objective objective, long from, long to) {
        for (long t = from; t < to; t++) {
            optimizer.step(objective.sample(t));
        }
        return optimizer.parameters().toDoubleVector();
    }

    @Test
    void recipeAndJavaBuiltOptimizersFollowTheSameTrajectory() {
        Objective objective = Problems.create(NOISY, 3);
        OgrOptimizer byRecipe = fromRecipe("ogr1d", objective);
        OgrOptimizer byJava = OgrOptimizer.builder()
                .direction(new MomentumDirection(0.9))
                .averages(MovingAverages.plain(0.9))
                .step(new ClippedParabolaStep(1, 0.5, "reverse"))
                .learningRate(new FixedLearningRate(0.01))
                .warmup(5)
                .transforms(new dev.ogr.core.StepTransforms(null, 0, 0, 0, 1)) // the preset's max-step=1
                .build(objective.initialPoint());
        assertEquals(byRecipe.recipe(), byJava.recipe());
        for (long t = 0; t < 60; t++) {
            Sample s = objective.sample(t);
            assertEquals(byRecipe.step(s).loss(), byJava.step(s).loss(), 0.0, "loss at step " + t);
            assertArrayEquals(byRecipe.parameters().toDoubleVector(), byJava.parameters().toDoubleVector(), 0.0,
                    "parameters after step " + t);
        }
    }

    /**
     * The subspace presets' cap reads the step from their applying pass (which also keeps θ before it): each capped
     * step from a common state is the uncapped step shortened to the cap, in the same direction.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ogr-pca", "sogr"})
    void aCappedSubspaceStepIsTheUncappedStepShortenedToTheCap(String preset) {
        Objective objective = Problems.create("quadratic(dim=64, cond=50, rotated=true, noise=0.01)", 6);
        OgrOptimizer free = fromRecipe(preset + "; max-step=0", objective);
        double r = 1e-3;
        int shortened = 0;
        for (long t = 0; t < 30; t++) {
            Map<String, INDArray> state = new java.util.LinkedHashMap<>();
            free.exportState().forEach((k, v) -> state.put(k, v.dup()));
            OgrOptimizer capped = fromRecipe(preset + "; max-step=" + r, objective);
            capped.restoreState(state);
            double[] before = free.parameters().toDoubleVector();
            Sample s = objective.sample(t);
            free.step(s);
            capped.step(s);
            double[] step = free.parameters().toDoubleVector();
            double length = 0;
            for (int i = 0; i < step.length; i++) {
                step[i] -= before[i];
                length += step[i] * step[i];
            }
            length = Math.sqrt(length);
            double[] got = capped.parameters().toDoubleVector();
            for (int i = 0; i < step.length; i++) {
                double expected = length > r ? before[i] + r / length * step[i] : before[i] + step[i];
                assertEquals(expected, got[i], 1e-12 * (Math.abs(before[i]) + r), preset + ", step " + t + ", " + i);
            }
            shortened += length > r ? 1 : 0;
        }
        assertTrue(shortened >= 10, "only " + shortened + " of 30 steps were longer than the cap");
    }

    @Test
    void theNotebooksDsOgrBuiltInJavaIsThePreset() {
        Objective objective = Problems.create(NOISY, 4);
        OgrOptimizer byRecipe = fromRecipe("dsogr", objective);
        OgrOptimizer byJava = OgrOptimizer.builder()
                .direction(new dev.ogr.directions.SubspaceDirection(4, 0.1, 1))
                .averages(new dev.ogr.core.averages.FullAverages(0.9))
                .step(new dev.ogr.core.steps.SaddleFreeNewtonStep(1, 0.5, 0.1))
                .learningRate(new FixedLearningRate(0.01))
                .warmup(5)
                .outside(TestOutsideRules.of("dogr", 0.9, 0.5, 0, "gradient"))
                .transforms(new dev.ogr.core.StepTransforms(null, 0, 0, 0, 1))
                .build(objective.initialPoint());
        assertEquals(byRecipe.recipe(), byJava.recipe());
        assertTrue(byRecipe.recipe().contains("outside=dogr(beta=0.9, blend=0.5, cut=0, inside=gradient)"), byRecipe.recipe());
        assertArrayEquals(run(byRecipe, objective, 0, 40), run(byJava, objective, 0, 40), 0.0);
    }

    @Test
    void everyAlgorithmOfTheSourcesIsAPreset() {
        // the per-preset tests here, in AlgorithmsTest and in KernelPathsTest run over all presets: these among them
        assertTrue(PluginLoader.load().presets().keySet().containsAll(java.util.List.of("ogr1d", "ogr1ds", "ogr1dc",
                "asgd", "asgdc", "dogr", "idogr", "cdogr", "ogr-pca", "full-ogr", "sogr", "dsogr", "sgd+fd-first-order",
                "sgd+fd-newton", "sgd+fd-newton3")), PluginLoader.load().presets().keySet().toString());
    }

    @Test
    void theSameRecipeAndSeedGiveTheSameTrajectoryTwice() {
        double[] first = run(fromRecipe("ogr1d", Problems.create(NOISY, 11)), Problems.create(NOISY, 11), 0, 80);
        double[] second = run(fromRecipe("ogr1d", Problems.create(NOISY, 11)), Problems.create(NOISY, 11), 0, 80);
        assertArrayEquals(first, second, 0.0);
        double[] otherSeed = run(fromRecipe("ogr1d", Problems.create(NOISY, 12)), Problems.create(NOISY, 12), 0, 80);
        assertTrue(first[0] != otherSeed[0], "a different seed must give a different trajectory");
    }

    @ParameterizedTest
    @MethodSource("presetsAndCompositions")
    void aRestoredOptimizerContinuesBitForBit(String preset) {
        Objective objective = Problems.create(NOISY, 5);
        OgrOptimizer original = fromRecipe(preset, objective);
        run(original, objective, 0, 37);
        Map<String, INDArray> saved = original.exportState();

        // A fresh optimizer from the same recipe, started elsewhere, then restored.
        OgrOptimizer restored = OgrOptimizer.create(RESOLVER.resolve(preset), objective.initialPoint().mul(3));
        restored.restoreState(saved);
        assertEquals(37, restored.iteration());

        double[] a = run(original, objective, 37, 90);
        double[] b = run(restored, objective, 37, 90);
        assertArrayEquals(a, b, 0.0);
        Map<String, INDArray> sa = original.exportState();
        Map<String, INDArray> sb = restored.exportState();
        assertEquals(sa.keySet(), sb.keySet());
        sa.forEach((k, v) -> assertEquals(v, sb.get(k), k));
    }

    static java.util.stream.Stream<String> presets() {
        return PluginLoader.load().presets().keySet().stream();
    }

    /** Every preset, and compositions of the dual averages and the tanh step that no preset uses. */
    static java.util.stream.Stream<String> presetsAndCompositions() {
        return java.util.stream.Stream.concat(presets(), java.util.stream.Stream.of(
                "ogr-pca; averages=dual(beta=0.9, period=5, of=full)",
                "ogr1dc; averages=dual(beta=0.8, period=7, of=centered)",
                "dogr; averages=dual(beta=0.9, period=6, of=notebook)",
                "ogr1d; step=parabola-clipped(alpha=1, clip=0.5, negative=reverse, shape=tanh, scale=0)"));
    }

    @ParameterizedTest
    @MethodSource("presets")
    void lossProbesLeaveTheParametersBitForBit(String preset) {
        Objective objective = Problems.create(NOISY, 6);
        OgrOptimizer optimizer = fromRecipe(preset, objective);
        int[] probes = new int[1];
        for (long t = 0; t < 30; t++) {
            Sample inner = objective.sample(t);
            INDArray[] snapshot = new INDArray[1];
            Sample checking = new Sample() {
                @Override
                public double lossAndGradient(INDArray theta, INDArray gradient) {
                    snapshot[0] = theta.dup();
                    return inner.lossAndGradient(theta, gradient);
                }

                @Override
                public double loss(INDArray point) {
                    probes[0]++;
                    assertEquals(snapshot[0], optimizer.parameters(), "a probe saw modified parameters");
                    return inner.loss(point);
                }
            };
            optimizer.step(checking, checking);
        }
        if (preset.contains("fd-newton")) { // fd-first-order reads consecutive gradients, no probes
            assertTrue(probes[0] > 0, preset + " made no probe");
        }
    }

    @Test
    void restoringAStateOfAnotherRecipeFailsAndChangesNothing() {
        Objective objective = Problems.create(NOISY, 5);
        OgrOptimizer sgd = fromRecipe("sgd", objective);
        OgrOptimizer ogr = fromRecipe("ogr1d", objective);
        run(ogr, objective, 0, 10);
        Map<String, INDArray> before = ogr.exportState();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sgd.restoreState(before));
        assertTrue(e.getMessage().startsWith("saved state has arrays this optimizer does not have"), e.getMessage());
        Map<String, INDArray> sgdState = fromRecipe("sgd", objective).exportState();
        ogr.restoreState(before);
        assertThrows(IllegalArgumentException.class, () -> ogr.restoreState(sgdState));
        Map<String, INDArray> after = ogr.exportState();
        before.forEach((k, v) -> assertEquals(v, after.get(k), k));
    }

    @Test
    void aStateWithNonFiniteParametersOrNullsIsRefusedByNameAndChangesNothing() {
        Objective objective = Problems.create(NOISY, 5);
        OgrOptimizer ogr = fromRecipe("ogr1dc", objective);
        run(ogr, objective, 0, 10);
        Map<String, INDArray> before = ogr.exportState();
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Map<String, INDArray> poisoned = new java.util.LinkedHashMap<>(before);
            INDArray theta = before.get("optimizer/theta").dup();
            theta.putScalar(theta.length() - 1, bad); // one entry is enough
            poisoned.put("optimizer/theta", theta);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ogr.restoreState(poisoned));
            assertTrue(e.getMessage().contains("'optimizer/theta'") && e.getMessage().contains("finite"),
                    e.getMessage());
        }
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ogr.restoreState(null));
        assertTrue(none.getMessage().contains("null"), none.getMessage());
        Map<String, INDArray> withNull = new java.util.HashMap<>(before);
        withNull.put("optimizer/theta", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ogr.restoreState(withNull));
        assertTrue(e.getMessage().contains("'optimizer/theta'") && e.getMessage().contains("null"), e.getMessage());
        Map<String, INDArray> after = ogr.exportState();
        before.forEach((k, v) -> assertEquals(v, after.get(k), k));
    }

    @Test
    void aNonFiniteGradientMidRunLeavesTheStateAsItWas() {
        Objective objective = Problems.create(NOISY, 8);
        OgrOptimizer optimizer = fromRecipe("ogr1d", objective);
        OgrOptimizer reference = fromRecipe("ogr1d", objective);
        run(optimizer, objective, 0, 20);
        run(reference, objective, 0, 20);
        Map<String, INDArray> before = optimizer.exportState();

        Sample nanGradient = new Sample() {
            @Override
            public double lossAndGradient(INDArray theta, INDArray gradient) {
                double loss = objective.sample(20).lossAndGradient(theta, gradient);
                gradient.putScalar(7, Double.NaN);
                return loss;
            }

            @Override
            public double loss(INDArray theta) {
                return objective.loss(theta);
            }
        };
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> optimizer.step(nanGradient));
        assertEquals("step 20: the gradient has NaN or infinite entries; the optimizer state is unchanged",
                e.getMessage());
        Sample infiniteLoss = new Sample() {
            @Override
            public double lossAndGradient(INDArray theta, INDArray gradient) {
                objective.sample(20).lossAndGradient(theta, gradient);
                return Double.POSITIVE_INFINITY;
            }

            @Override
            public double loss(INDArray theta) {
                return Double.POSITIVE_INFINITY;
            }
        };
        assertThrows(NonFiniteException.class, () -> optimizer.step(infiniteLoss));
        Map<String, INDArray> after = optimizer.exportState();
        before.forEach((k, v) -> assertEquals(v, after.get(k), k));

        // ...and the run continues exactly as if the bad samples had never come.
        assertArrayEquals(run(reference, objective, 20, 40), run(optimizer, objective, 20, 40), 0.0);
    }

    @Test
    void ogr1dLowersTheLossOnANoisyRotatedQuadratic() {
        Objective objective = Problems.create(NOISY, 2);
        OgrOptimizer optimizer = fromRecipe("ogr1d; lr=fixed(eta=0.5)", objective);
        double initial = objective.loss(optimizer.parameters());
        run(optimizer, objective, 0, 300);
        double last = objective.loss(optimizer.parameters());
        assertTrue(last < 1e-2 * initial, "loss " + initial + " -> " + last);
    }
}
