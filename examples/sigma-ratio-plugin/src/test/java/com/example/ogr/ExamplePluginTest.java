package com.example.ogr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.Sample;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The plugin's {@code example-asgd} against the built-in {@code asgd}, which it re-implements. */
class ExamplePluginTest {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());
    private static final int D = 3000; // three blocks, the last one partial

    @AfterEach
    void restoreMode() {
        Kernels.setMode(Kernels.Mode.AUTO);
    }

    /** f = ½ Σ h_i (θ_i − 1)² with h_i in [0.01, 10] and Gaussian gradient noise drawn per step. */
    private static Sample sample(long step) {
        return new Sample() {
            @Override
            public double lossAndGradient(INDArray theta, INDArray gradient) {
                Random r = new Random(step);
                double loss = 0;
                double[] x = theta.castTo(DataType.DOUBLE).toDoubleVector();
                double[] g = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    double h = 0.01 + 10.0 * i / x.length;
                    loss += 0.5 * h * (x[i] - 1) * (x[i] - 1);
                    g[i] = h * (x[i] - 1) + 0.01 * r.nextGaussian();
                }
                gradient.assign(Nd4j.createFromArray(g).castTo(gradient.dataType()));
                return loss;
            }

            @Override
            public double loss(INDArray theta) {
                return lossAndGradient(theta, theta.dup());
            }
        };
    }

    private static double[] run(String preset, DataType type, int steps) {
        OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve(preset), Nd4j.zeros(type, D));
        for (int t = 0; t < steps; t++) {
            opt.step(sample(t));
        }
        return opt.parameters().castTo(DataType.DOUBLE).toDoubleVector();
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
        assertTrue(OgrOptimizer.create(RESOLVER.resolve("example-asgd"), Nd4j.zeros(DataType.FLOAT, D)).fused());
    }

    @Test
    void equalsTheBuiltInAsgdInDouble() {
        assertClose(run("asgd", DataType.DOUBLE, 200), run("example-asgd", DataType.DOUBLE, 200), 1e-12);
    }

    @Test
    void equalsTheBuiltInAsgdInFloat() {
        assertArrayEquals(run("asgd", DataType.FLOAT, 200), run("example-asgd", DataType.FLOAT, 200));
    }

    @Test
    void fastPathAgreesWithTheGeneralPath() {
        double[] fused = run("example-asgd", DataType.DOUBLE, 50);
        Kernels.setMode(Kernels.Mode.ND4J); // element access: the optimizer takes the general path
        assertTrue(!OgrOptimizer.create(RESOLVER.resolve("example-asgd"), Nd4j.zeros(DataType.DOUBLE, D)).fused());
        assertClose(fused, run("example-asgd", DataType.DOUBLE, 50), 1e-9);
    }

    @Test
    void refusesAnOutOfRangeParameterNamingIt() {
        dev.ogr.api.ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.ogr.api.ConfigurationException.class, () -> new ExampleSigmaRatioStep(-1, 1e-6, 1e-12));
        assertTrue(e.getMessage().contains("parameter 'alpha' of step 'example-sigma-ratio'"), e.getMessage());
    }

    @Test
    void printsItsCanonicalRecipe() {
        assertEquals("example-sigma-ratio(alpha=1, floor=1e-06, epsilon=1e-12)",
                new ExampleSigmaRatioStep(1, 1e-6, 1e-12).toString());
    }

    @Test
    void movesTowardsTheMinimum() {
        double[] theta = run("example-asgd", DataType.DOUBLE, 200);
        double distance = 0;
        for (double v : theta) {
            distance += (v - 1) * (v - 1);
        }
        assertTrue(Math.sqrt(distance / D) < 0.1, "rms distance to the minimum " + Math.sqrt(distance / D));
    }
}
