package dev.ogr.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import dev.ogr.bench.problems.Problems;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The soak counts refused steps and goes on, stops where θ stops being finite, and reports the loss. */
class SoakTest {

    private static final Soak SOAK = new Soak(new RecipeResolver(PluginLoader.load()), null);

    /** {@code inner} with a NaN gradient at every 10th step. */
    private static Objective everyTenthNaN(Objective inner) {
        return new Objective() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public long dimension() {
                return inner.dimension();
            }

            @Override
            public INDArray initialPoint() {
                return inner.initialPoint();
            }

            @Override
            public Sample sample(long step) {
                Sample s = inner.sample(step);
                return new Sample() {
                    @Override
                    public double lossAndGradient(INDArray theta, INDArray gradient) {
                        double l = s.lossAndGradient(theta, gradient);
                        if (step % 10 == 9) {
                            gradient.putScalar(0, Double.NaN);
                        }
                        return l;
                    }

                    @Override
                    public double loss(INDArray theta) {
                        return s.loss(theta);
                    }
                };
            }

            @Override
            public double loss(INDArray theta) {
                return inner.loss(theta);
            }
        };
    }

    @Test
    void refusedStepsAreCountedAndTheRunGoesOn() {
        Objective q = everyTenthNaN(Problems.create("quadratic(dim=5, cond=10)", 1));
        Soak.Row r = SOAK.run("asgd", q, "quadratic", 300);
        assertEquals(300, r.steps());
        assertEquals(30, r.refused());
        assertEquals(9, r.firstRefused());
        assertEquals(-1, r.nonFiniteAt());
        assertTrue(r.finalLoss() < r.initialLoss() && r.bestLoss() <= r.initialLoss(), r.toString());
    }

    @Test
    void anOptimizerRefusesTheStepsOfAGradientThatOverflowed() {
        // eta = 10 on curvatures 1 down to 0.1 (dim 5, cond 10): each step multiplies the stiffest coordinate by
        // |1 - 10 * 1| = 9; from about 0.5 its loss term 0.5 * theta^2 passes Double.MAX_VALUE once 9^k > 3.6e308,
        // k >= 163: from then on every step is refused and theta stays where it was (finite)
        Soak.Row r = SOAK.run("sgd; lr=fixed(eta=10)", Problems.create("quadratic(dim=5, cond=10)", 1), "q", 10_000);
        assertTrue(r.firstRefused() >= 150 && r.firstRefused() <= 175, r.toString());
        assertEquals(10_000 - r.firstRefused(), r.refused(), r.toString());
        assertEquals(-1, r.nonFiniteAt());
        assertEquals(Double.POSITIVE_INFINITY, r.finalLoss());
    }

    @Test
    void aRunWhoseParametersBecomeNonFiniteStopsThere() {
        // a finite gradient of 1e307 everywhere and eta = 10: theta passes Double.MAX_VALUE in its second step
        Objective huge = new Objective() {
            @Override
            public String name() {
                return "huge";
            }

            @Override
            public long dimension() {
                return 3;
            }

            @Override
            public INDArray initialPoint() {
                return org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 3);
            }

            @Override
            public Sample sample(long step) {
                return new Sample() {
                    @Override
                    public double lossAndGradient(INDArray theta, INDArray gradient) {
                        gradient.assign(1e307);
                        return 1;
                    }

                    @Override
                    public double loss(INDArray theta) {
                        return 1;
                    }
                };
            }

            @Override
            public double loss(INDArray theta) {
                return 1;
            }
        };
        Soak.Row r = SOAK.run("sgd; lr=fixed(eta=10)", huge, "huge", 1000);
        assertEquals(1, r.nonFiniteAt(), r.toString());
        assertEquals(2, r.steps());
        assertTrue(Double.isNaN(r.finalLoss()));
        assertTrue(Soak.table(List.of(r)).contains("| after step 1 |"), Soak.table(List.of(r)));
    }
}
