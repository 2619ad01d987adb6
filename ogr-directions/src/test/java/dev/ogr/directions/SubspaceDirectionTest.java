package dev.ogr.directions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.StrategyState;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The online-PCA subspace stays orthonormal and turns towards the directions the gradients keep taking. */
class SubspaceDirectionTest {

    @Test
    void staysOrthonormalAndCapturesAPersistentGradientDirection() {
        int dim = 30;
        SubspaceDirection subspace = new SubspaceDirection(3, 0.5, 7);
        subspace.init(dim, DataType.DOUBLE, new StrategyState());
        AverageTracker tracker = mock(AverageTracker.class);
        Random r = new Random(1);
        double[] u = new double[dim];
        u[4] = 0.6;
        u[11] = 0.8; // a unit vector
        INDArray direction = Nd4j.createFromArray(u);
        for (int t = 0; t < 200; t++) {
            INDArray g = direction.mul(1 + r.nextDouble()).addi(Nd4j.rand(DataType.DOUBLE, dim).subi(0.5).muli(0.05));
            subspace.accumulate(Nd4j.zeros(DataType.DOUBLE, dim), g);
            subspace.rotate(Nd4j.zeros(DataType.DOUBLE, dim), tracker);
        }
        verify(tracker, atLeastOnce()).beforeRotation(any(), any(), any());
        INDArray v = subspace.basis().columns();
        INDArray gram = v.transpose().mmul(v);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? 1 : 0, gram.getDouble(i, j), 1e-12);
            }
        }
        // |VᵀU| is the length of U's projection on the subspace: 1 when U lies in it
        double captured = v.transpose().mmul(direction.reshape(dim, 1)).norm2Number().doubleValue();
        assertTrue(captured > 0.99, "projection of the persistent direction: " + captured);
    }

    @Test
    void aSubspaceOfAllDimensionsStartsFromTheAxesAndNeverTurnsAtRateZero() {
        SubspaceDirection all = new SubspaceDirection(0, 0, 1);
        all.init(3, DataType.DOUBLE, new StrategyState());
        assertEquals(3, all.rank(3));
        all.accumulate(null, Nd4j.createFromArray(1.0, 2.0, 3.0));
        all.rotate(null, mock(AverageTracker.class));
        assertEquals(Nd4j.eye(3).castTo(DataType.DOUBLE), all.basis().columns());
    }
}
