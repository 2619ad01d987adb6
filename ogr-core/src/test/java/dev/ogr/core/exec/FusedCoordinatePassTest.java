package dev.ogr.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.block.CoordinateBlock;
import dev.ogr.api.block.CoordinateKernel;
import dev.ogr.api.block.CoordinateStatistics;
import dev.ogr.core.kernel.Vec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused pass runs a kernel written against the public fast API alone: a heavy-ball momentum v ← β·v + g,
 * θ ← θ − η·v with only the double {@code compute}, so float vectors take the API's default widening path.
 */
class FusedCoordinatePassTest {

    private static final double BETA = 0.5;
    private static final double ETA = 0.25;

    /** The heavy-ball of {@link CoordinateKernel}'s Javadoc, as a plugin would write it. */
    private static final class HeavyBall implements CoordinateKernel {
        final INDArray velocity;
        boolean sawStatistics;

        HeavyBall(INDArray velocity) {
            this.velocity = velocity;
        }

        @Override
        public List<INDArray> stateArrays() {
            return List.of(velocity);
        }

        @Override
        public boolean readsStatistics() {
            return false;
        }

        @Override
        public void compute(CoordinateBlock b) {
            double[] x = b.lane(CoordinateBlock.THETA);
            double[] g = b.lane(CoordinateBlock.GRADIENT);
            double[] v = b.lane(CoordinateBlock.STATE);
            double[] out = b.lane(CoordinateBlock.NEW_THETA);
            for (int i = 0; i < b.count(); i++) {
                v[i] = BETA * v[i] + g[i];
                out[i] = x[i] - b.learningRate() * v[i];
            }
        }
    }

    /** Three steps on D = 2500 (blocks of 1024, 1024 and 452) with gradients g_t[i] = (i % 7) − 3 + t. */
    private static void run(DataType type, INDArray theta, INDArray velocity, INDArray update) {
        FusedCoordinatePass pass = new FusedCoordinatePass(new HeavyBall(velocity), CoordinateStatistics.NONE);
        for (int t = 0; t < 3; t++) {
            double[] g = new double[(int) theta.length()];
            for (int i = 0; i < g.length; i++) {
                g[i] = (i % 7) - 3 + t;
            }
            pass.step(Vec.of(theta), Vec.of(Nd4j.createFromArray(g).castTo(type)), ETA,
                    update == null ? null : Vec.of(update));
        }
    }

    /** θ after three heavy-ball steps from θ = 1, v = 0, computed by hand: v₁ = g₀, v₂ = β·v₁ + g₁, ... */
    private static double expected(int i) {
        double v = 0;
        double x = 1;
        for (int t = 0; t < 3; t++) {
            v = BETA * v + ((i % 7) - 3 + t);
            x = x - ETA * v;
        }
        return x;
    }

    @Test
    void doubleVectorsFollowTheClosedFormExactly() {
        INDArray theta = Nd4j.ones(DataType.DOUBLE, 2500);
        INDArray velocity = Nd4j.zeros(DataType.DOUBLE, 2500);
        run(DataType.DOUBLE, theta, velocity, null);
        for (int i = 0; i < 2500; i++) {
            assertEquals(expected(i), theta.getDouble(i), 0, "coordinate " + i);
        }
    }

    @Test
    void floatVectorsTakeTheDefaultWideningPathAndAgreeToFloatRounding() {
        INDArray theta = Nd4j.ones(DataType.FLOAT, 2500);
        INDArray velocity = Nd4j.zeros(DataType.FLOAT, 2500);
        INDArray update = Nd4j.zeros(DataType.FLOAT, 2500);
        run(DataType.FLOAT, theta, velocity, update);
        for (int i = 0; i < 2500; i++) {
            // every value here is a multiple of 1/64 below 16 in size: exact in float, so no rounding at all
            assertEquals(expected(i), theta.getDouble(i), 0, "coordinate " + i);
        }
        // the last step's update θ_old − θ_new = η·v₃
        double v = 0;
        for (int t = 0; t < 3; t++) {
            v = BETA * v + ((5 % 7) - 3 + t);
        }
        assertEquals(ETA * v, update.getDouble(5), 0);
    }

    @Test
    void refusesMoreStateArraysThanLanes() {
        List<INDArray> five = new ArrayList<>();
        for (int j = 0; j < 5; j++) {
            five.add(Nd4j.zeros(DataType.DOUBLE, 3));
        }
        CoordinateKernel greedy = new CoordinateKernel() {
            @Override
            public List<INDArray> stateArrays() {
                return five;
            }

            @Override
            public void compute(CoordinateBlock block) {
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FusedCoordinatePass(greedy, CoordinateStatistics.NONE));
        assertTrue(e.getMessage().contains("at most 4 state arrays"), e.getMessage());
    }

    @Test
    void statisticsOfNoTrackerAreNaNForAKernelThatReadsThem() {
        INDArray theta = Nd4j.ones(DataType.DOUBLE, 10);
        double[] seen = new double[5];
        CoordinateKernel reader = new CoordinateKernel() {
            @Override
            public void compute(CoordinateBlock b) {
                for (int k = 0; k < 5; k++) {
                    seen[k] = b.lane(CoordinateBlock.MEAN_THETA + k)[b.count() - 1];
                }
                System.arraycopy(b.lane(CoordinateBlock.THETA), 0, b.lane(CoordinateBlock.NEW_THETA), 0, b.count());
            }
        };
        new FusedCoordinatePass(reader, CoordinateStatistics.NONE).step(Vec.of(theta), Vec.of(theta.dup()), 0.1, null);
        for (double s : seen) {
            assertTrue(Double.isNaN(s), "a statistic of no tracker read " + s);
        }
        assertEquals(10, theta.sumNumber().doubleValue(), 0);
    }

    @Test
    void aBlockRefusesMoreCoordinatesThanItHolds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CoordinateBlock().begin(CoordinateBlock.SIZE + 1, 0.1, 0, 0));
        assertTrue(e.getMessage().contains("0 to 1024 coordinates, got 1025"), e.getMessage());
    }
}
