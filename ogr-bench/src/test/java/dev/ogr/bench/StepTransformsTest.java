package dev.ogr.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.LearningRateSchedule;
import dev.ogr.api.NonFiniteException;
import dev.ogr.api.StepResult;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.core.schedule.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What acts around any recipe's step: gradient clipping by value and by norm, learning-rate schedules and decoupled
 * weight decay, each against its formula on one step of SGD.
 */
class StepTransformsTest {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());

    private static OgrOptimizer optimizer(String recipe, double... start) {
        return OgrOptimizer.create(RESOLVER.resolve(recipe), Nd4j.createFromArray(start));
    }

    private static double[] v(double... x) {
        return x;
    }

    @Test
    void theSchedulesFollowTheirFormulas() {
        LearningRateSchedule warmup = Schedules.warmup(4);
        assertArrayEquals(v(0.25, 0.5, 0.75, 1, 1), factors(warmup, 5), 1e-15);
        LearningRateSchedule cosine = Schedules.cosine(10, 2, 0.1);
        assertEquals(0.5, cosine.factor(0), 1e-15); // warm-up (t + 1)/2
        assertEquals(1, cosine.factor(2), 1e-15); // the decay starts at 1
        assertEquals(0.1 + 0.9 * 0.5, cosine.factor(6), 1e-15); // half way: cos(π/2) = 0
        assertEquals(0.1, cosine.factor(10), 1e-15);
        assertEquals(0.1, cosine.factor(1000), 1e-15);
        assertArrayEquals(v(1, 1, 1, 0.5, 0.5, 0.5, 0.25), factors(Schedules.stepDecay(3, 0.5, 0), 7), 1e-15);
        assertThrows(ConfigurationException.class, () -> Schedules.cosine(10, 10, 0));
    }

    private static double[] factors(LearningRateSchedule s, int n) {
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            out[t] = s.factor(t);
        }
        return out;
    }

    @Test
    void aScheduleMultipliesTheLearnersRate() {
        OgrOptimizer opt = optimizer("sgd; schedule=warmup(steps=4)", 1, -2);
        INDArray g = Nd4j.createFromArray(3.0, -0.5);
        StepResult first = opt.step(g.dup(), 0.1, null);
        assertEquals(0.025, first.learningRate(), 1e-17);
        assertArrayEquals(v(1 - 0.025 * 3, -2 + 0.025 * 0.5), opt.parameters().toDoubleVector(), 1e-15);
    }

    @Test
    void clippingByValueClampsEachEntryAndByNormScalesTheWholeGradient() {
        OgrOptimizer byValue = optimizer("sgd; clip-value=1", 1, -2);
        byValue.step(Nd4j.createFromArray(3.0, -0.5), 0.1, null);
        assertArrayEquals(v(1 - 0.1, -2 + 0.1 * 0.5), byValue.parameters().toDoubleVector(), 1e-15);
        OgrOptimizer byNorm = optimizer("sgd; clip-norm=1", 1, -2);
        double norm = Math.hypot(3, 0.5);
        byNorm.step(Nd4j.createFromArray(3.0, -0.5), 0.1, null);
        assertArrayEquals(v(1 - 0.1 * 3 / norm, -2 + 0.1 * 0.5 / norm), byNorm.parameters().toDoubleVector(), 1e-15);
        OgrOptimizer shortGradient = optimizer("sgd; clip-norm=10", 1, -2);
        shortGradient.step(Nd4j.createFromArray(3.0, -0.5), 0.1, null);
        assertArrayEquals(v(1 - 0.3, -2 + 0.05), shortGradient.parameters().toDoubleVector(), 1e-15);
    }

    @Test
    void aNonFiniteGradientIsRefusedBeforeAClampCouldHideIt() {
        OgrOptimizer opt = optimizer("ogr1d; clip-value=1", 1, -2, 3);
        assertThrows(NonFiniteException.class, () -> opt.step(Nd4j.createFromArray(Double.NaN, 0.0, 0.0), 0.1, null));
        assertArrayEquals(v(1, -2, 3), opt.parameters().toDoubleVector(), 0.0);
    }

    /** θ₁ = θ₀ − η·g − η·λ·θ₀, on every path, and DL4J's update output is θ₀ − θ₁. */
    @ParameterizedTest
    @ValueSource(strings = {"sgd", "asgd", "ogr1d"})
    void decoupledWeightDecayPullsTheParametersTowardsZeroInProportion(String preset) {
        double eta = 0.1;
        double lambda = 0.2;
        OgrOptimizer plain = optimizer(preset, 1, -2, 3);
        OgrOptimizer decayed = optimizer(preset + "; decay=0.2", 1, -2, 3);
        OgrOptimizer host = optimizer(preset + "; decay=0.2", 1, -2, 3);
        INDArray update = Nd4j.zeros(DataType.DOUBLE, 3);
        for (int t = 0; t < 8; t++) {
            double[] before = decayed.parameters().toDoubleVector();
            INDArray g = Nd4j.createFromArray(before[0] * 2, before[1] - 1, before[2] * 0.5);
            // the same step without decay, from the same state (the options add no state arrays)
            plain.restoreState(decayed.exportState());
            plain.step(g.dup(), eta, null);
            double[] stepped = plain.parameters().toDoubleVector();
            decayed.step(g.dup(), eta, null);
            double[] after = decayed.parameters().toDoubleVector();
            for (int i = 0; i < 3; i++) {
                assertEquals(stepped[i] - eta * lambda * before[i], after[i], 1e-14, preset + " step " + t + " [" + i
                        + "]");
            }
            double[] hostBefore = host.parameters().toDoubleVector();
            host.step(Nd4j.createFromArray(hostBefore[0] * 2, hostBefore[1] - 1, hostBefore[2] * 0.5), eta, update);
            double[] hostAfter = host.parameters().toDoubleVector();
            assertArrayEquals(after, hostAfter, 1e-14, preset + ": the host path takes the same step");
            for (int i = 0; i < 3; i++) {
                assertEquals(hostBefore[i] - hostAfter[i], update.getDouble(i), 1e-14, "update [" + i + "]");
            }
        }
    }

    @Test
    void theRecipeTextNamesTheScheduleAndTheSetOptionsOnlyAndParsesBack() {
        String canonical = RESOLVER.resolve("lr=fixed(eta=0.01); schedule=cosine(steps=100); clip-norm=1").canonical();
        assertEquals("lr=fixed(eta=0.01); schedule=cosine(steps=100, warmup=0, final=0); clip-norm=1", canonical);
        assertEquals(canonical, RESOLVER.resolve(canonical).canonical());
        assertTrue(RESOLVER.resolve("ogr1d").canonical().endsWith("warmup=5; max-step=1"),
                RESOLVER.resolve("ogr1d").canonical());
        assertTrue(RESOLVER.resolve("ogr1d; max-step=0").canonical().endsWith("warmup=5"), "the paper's form");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> RESOLVER.resolve("lr=fixed(eta=0.01); warmup=3"));
        assertTrue(e.getMessage().contains("'warmup' needs a regression model"), e.getMessage());
        ConfigurationException range = assertThrows(ConfigurationException.class,
                () -> RESOLVER.resolve("sgd; decay=2"));
        assertTrue(range.getMessage().contains("decay") && range.getMessage().contains("2"), range.getMessage());
    }

    @Test
    void aRestoredOptimizerContinuesItsScheduleBitForBit() {
        String recipe = "asgd; schedule=step-decay(every=3, factor=0.5); clip-norm=5; decay=0.01";
        OgrOptimizer a = optimizer(recipe, 1, -2, 3);
        for (int t = 0; t < 5; t++) {
            a.step(Nd4j.createFromArray(t + 1.0, -2.0, 0.5), 0.1, null);
        }
        OgrOptimizer b = optimizer(recipe, 0, 0, 0);
        b.restoreState(a.exportState());
        for (int t = 5; t < 12; t++) {
            StepResult ra = a.step(Nd4j.createFromArray(t + 1.0, -2.0, 0.5), 0.1, null);
            StepResult rb = b.step(Nd4j.createFromArray(t + 1.0, -2.0, 0.5), 0.1, null);
            assertEquals(ra.learningRate(), rb.learningRate(), 0.0);
        }
        assertArrayEquals(a.parameters().toDoubleVector(), b.parameters().toDoubleVector(), 0.0);
    }
}
