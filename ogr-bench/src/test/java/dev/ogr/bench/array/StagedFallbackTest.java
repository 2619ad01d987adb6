package dev.ogr.bench.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.ModelLayout;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StepRule;
import dev.ogr.api.StrategyState;
import dev.ogr.api.block.CoordinateKernel;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.averages.NoAverages;
import dev.ogr.core.baselines.DogStep;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.directions.CoordinateAxes;
import dev.ogr.lr.FixedLearningRate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The array-op path's staged fallback for a step rule with only the block form (a plugin's, docs/gpu.md): since the
 * built-in rules all have array forms, a rule that hides its array form stands in for such a plugin. The fallback
 * runs the block kernel in the fused pass over host views of the arrays, so its trajectory is the fused pass's, bit
 * for bit.
 */
class StagedFallbackTest {

    private static final int D = 2 * 1024 + 317;

    @AfterEach
    void restore() {
        Kernels.setProgram(null);
    }

    /** A step rule with the block form only: everything but {@link StepRule#arrayKernel()} is {@code rule}'s. */
    private static final class BlockOnly implements StepRule {
        private final StepRule rule;

        BlockOnly(StepRule rule) {
            this.rule = rule;
        }

        @Override
        public void init(ModelLayout layout, StrategyState state) {
            rule.init(layout, state);
        }

        @Override
        public void step(RegressionModel model, double learningRate, INDArray delta) {
            rule.step(model, learningRate, delta);
        }

        @Override
        public boolean readsCovariance() {
            return rule.readsCovariance();
        }

        @Override
        public CoordinateKernel coordinateKernel() {
            return rule.coordinateKernel();
        }

        @Override
        public INDArray evaluationPoint() {
            return rule.evaluationPoint();
        }

        @Override
        public String toString() {
            return rule.toString();
        }
    }

    private static OgrOptimizer dog(Kernels.Program program, boolean blockOnly, INDArray start) {
        StepRule rule = new DogStep(1e-6, 1e-8, 0, 0, "polynomial", 8);
        Kernels.setProgram(program);
        try {
            return OgrOptimizer.builder().direction(new CoordinateAxes()).averages(new NoAverages())
                    .step(blockOnly ? new BlockOnly(rule) : rule).learningRate(new FixedLearningRate(1))
                    .build(start.dup());
        } finally {
            Kernels.setProgram(null);
        }
    }

    @Test
    void aBlockOnlyRuleRunsStagedAlongTheFusedTrajectoryBitForBit() {
        INDArray start = Nd4j.createFromArray(NoisyBowl.start(D));
        OgrOptimizer fused = dog(Kernels.Program.FUSED, false, start);
        OgrOptimizer staged = dog(Kernels.Program.ARRAYS, true, start);
        OgrOptimizer arrays = dog(Kernels.Program.ARRAYS, false, start);
        assertTrue(staged.arrayProgram() && staged.stagedFallback(), "the block-only rule runs staged");
        assertTrue(arrays.arrayProgram() && !arrays.stagedFallback(), "dog itself has an array form");
        assertFalse(fused.arrayProgram(), "the reference runs the fused pass");
        NoisyBowl a = new NoisyBowl(D, DataType.DOUBLE, null);
        NoisyBowl b = new NoisyBowl(D, DataType.DOUBLE, null);
        for (int t = 0; t < 30; t++) {
            fused.step(a);
            staged.step(b);
            assertArrayEquals(fused.parameters().toDoubleVector(), staged.parameters().toDoubleVector(), 0.0,
                    "θ after step " + t);
            assertArrayEquals(fused.evaluationPoint().toDoubleVector(), staged.evaluationPoint().toDoubleVector(),
                    0.0, "the averaged iterate after step " + t);
        }
    }
}
