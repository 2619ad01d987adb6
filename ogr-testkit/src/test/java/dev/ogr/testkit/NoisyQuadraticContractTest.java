package dev.ogr.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The kit's own problem keeps the problem contract, and its minimum is where its definition puts it. */
class NoisyQuadraticContractTest extends ProblemContractTest {

    @Override
    protected ProblemContract contract() {
        return ProblemContract.of("noisy-quadratic", NoisyQuadratic::standard);
    }

    @Test
    void theMinimumIsZeroAtOnesAndTheSampleThereIsPureNoise() {
        NoisyQuadratic q = NoisyQuadratic.of(7, 30, 0.5, 2);
        double[] ones = {1, 1, 1, 1, 1, 1, 1};
        assertEquals(0, q.loss(Nd4j.createFromArray(ones)), 0.0);
        // at θ* the sample's loss ξᵀ(θ − θ*) is 0 and its gradient is ξ alone
        double[] g = new double[7];
        org.nd4j.linalg.api.ndarray.INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 7);
        assertEquals(0, q.sample(4).lossAndGradient(Nd4j.createFromArray(ones), gradient), 0.0);
        double[] xi = NoisyQuadratic.normals(NoisyQuadratic.mix(2, 4), 7);
        for (int i = 0; i < 7; i++) {
            g[i] = 0.5 * xi[i];
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(g, gradient.toDoubleVector(), 0.0);
    }

    @Test
    void theEigenvaluesAreLogSpacedFromOneToOneOverCond() {
        double[] h = NoisyQuadratic.of(3, 100, 0, 1).eigenvalues();
        assertEquals(1, h[0], 0.0);
        assertEquals(0.1, h[1], 1e-16);
        assertEquals(0.01, h[2], 1e-17);
    }
}
