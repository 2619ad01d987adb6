package dev.ogr.core.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.Basis;
import dev.ogr.api.LearnerInput;
import dev.ogr.api.LearningRateLearner;
import dev.ogr.api.OutsideRule;
import dev.ogr.api.Sample;
import dev.ogr.api.StrategyState;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.averages.MovingAverages;
import dev.ogr.core.steps.ClippedParabolaStep;
import dev.ogr.core.testing.TestPlugin;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An outside rule written against the API alone takes the place of a built-in one: a plugin's own gradient step
 * −η·(g − VVᵀg) follows the trajectory of the built-in {@code descent} (which the core folds into the model step, in
 * another order of operations).
 */
class PluginOutsideRuleTest {

    /** The gradient step outside V, as a plugin would write it with ND4J ops. */
    private static final class OwnDescent implements OutsideRule {
        INDArray lastGradient;
        int observed;
        int applied;

        @Override
        public void init(long dimension, DataType type, StrategyState state) {
        }

        @Override
        public void observe(INDArray theta, INDArray gradient) {
            lastGradient = gradient;
            observed++;
        }

        @Override
        public void apply(INDArray theta, double learningRate, Basis basis) {
            INDArray step = lastGradient.dup();
            for (int j = 0; j < basis.rank(); j++) {
                INDArray v = basis.column(j).reshape(step.length());
                step.subi(v.mul(step.reshape(step.length()).mul(v).sumNumber().doubleValue()));
            }
            theta.subi(step.muli(learningRate));
            applied++;
        }
    }

    private static final LearningRateLearner RATE = new LearningRateLearner() {
        @Override
        public void init(long dimension, DataType type, StrategyState state) {
        }

        @Override
        public double learningRate(LearnerInput input) {
            return 0.1;
        }
    };

    /** f = ½ Σ h_i θ_i² with h = (1, 2, ..., 6). */
    private static final Sample QUADRATIC = new Sample() {
        @Override
        public double lossAndGradient(INDArray theta, INDArray gradient) {
            INDArray h = Nd4j.linspace(1, 6, 6, DataType.DOUBLE).reshape(theta.shape());
            gradient.assign(theta.mul(h));
            return 0.5 * theta.mul(theta).mul(h).sumNumber().doubleValue();
        }

        @Override
        public double loss(INDArray theta) {
            return lossAndGradient(theta, theta.dup());
        }
    };

    private static OgrOptimizer build(OutsideRule outside) {
        return OgrOptimizer.builder().direction(new TestPlugin.Axis()).averages(MovingAverages.plain(0.5))
                .step(new ClippedParabolaStep(1, 0.5, "reverse")).outside(outside).learningRate(RATE).warmup(2)
                .build(Nd4j.createFromArray(1.0, -1.0, 0.5, 2.0, -0.5, 1.5));
    }

    @Test
    void aPluginsOutsideRuleRunsOnTheGeneralPathAndMatchesTheBuiltInDescent() {
        OwnDescent own = new OwnDescent();
        OgrOptimizer plugin = build(own);
        OgrOptimizer builtIn = build(FirstOrderOutside.DESCENT);
        assertTrue(plugin.recipe().contains("; outside=" + own + ";"), plugin.recipe());
        int modelSteps = 0;
        for (int t = 0; t < 20; t++) {
            modelSteps += plugin.step(QUADRATIC).modelStep() ? 1 : 0;
            builtIn.step(QUADRATIC);
            double[] a = plugin.parameters().toDoubleVector();
            double[] b = builtIn.parameters().toDoubleVector();
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-12 * Math.max(1, Math.abs(b[i])), "theta[" + i + "] after step " + t);
            }
        }
        assertEquals(20, own.observed, "observed every step, warm-up included");
        assertEquals(modelSteps, own.applied, "applied after every model step");
        assertTrue(modelSteps > 0);
    }
}
