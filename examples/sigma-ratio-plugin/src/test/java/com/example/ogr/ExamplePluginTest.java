package com.example.ogr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.testkit.Harness;
import dev.ogr.testkit.Trajectory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plugin's preset and problem through the kit's harness: {@code example-asgd} follows the built-in {@code asgd}
 * it re-implements, and both start on {@code example-bowl} where its definition says. (Parameters, canonical text,
 * state, paths, types and seeds: the contract tests beside this one.)
 */
class ExamplePluginTest {

    private static final int D = 3000; // three blocks of the fused pass, the last one partial

    private static double[] run(String preset, DataType type, int steps) {
        Trajectory t = Harness.run(Harness.registry(), preset, new ExampleBowl(D, 0.01, 1), steps, type);
        return t.parameters().castTo(DataType.DOUBLE).toDoubleVector();
    }

    private static void assertClose(double[] expected, double[] actual, double relative) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * scale, "coordinate " + i);
        }
    }

    @Test
    void runsInTheFusedPass() {
        assertTrue(OgrOptimizer.create(new RecipeResolver(Harness.registry()).resolve("example-asgd"),
                Nd4j.zeros(DataType.FLOAT, D)).fused());
    }

    @Test
    void equalsTheBuiltInAsgdInDouble() {
        // the same arithmetic in another order of operations: a few roundings apart
        assertClose(run("asgd", DataType.DOUBLE, 200), run("example-asgd", DataType.DOUBLE, 200), 1e-12);
    }

    @Test
    void equalsTheBuiltInAsgdInFloat() {
        assertArrayEquals(run("asgd", DataType.FLOAT, 200), run("example-asgd", DataType.FLOAT, 200));
    }

    @Test
    void startsAtHalfTheSumOfTheCurvaturesAndFirstTakesTheRecipesGradientStep() {
        int d = 10;
        Trajectory t = Harness.run("example-asgd", new ExampleBowl(d, 0, 1), 1);
        double sum = 0;
        for (int i = 0; i < d; i++) {
            sum += ExampleBowl.curvature(i, d);
        }
        assertEquals(0.5 * sum, t.initialLoss(), 1e-15 * sum); // f(0) = ½ Σ h_i (0 − 1)²
        // one observation leaves the spreads undefined: the step is −η·g = η·h at θ = 0 (η = 0.01), of length
        // 0.01·|h| ≈ 0.17 < 1, so the cap max-step=1 leaves it
        double[] theta = t.parameters().toDoubleVector();
        for (int i = 0; i < d; i++) {
            assertEquals(0.01 * ExampleBowl.curvature(i, d), theta[i], Math.ulp(theta[i]), "coordinate " + i);
        }
    }

    @Test
    void movesTowardsTheMinimum() {
        Trajectory t = Harness.run("example-asgd", new ExampleBowl(D, 0.01, 1), 200);
        assertTrue(t.finalLoss() < t.initialLoss(), t.initialLoss() + " -> " + t.finalLoss());
    }
}
