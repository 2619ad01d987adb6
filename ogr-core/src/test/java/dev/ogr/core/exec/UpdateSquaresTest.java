package dev.ogr.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.block.CoordinateBlock;
import dev.ogr.api.block.CoordinateKernel;
import dev.ogr.api.block.CoordinateStatistics;
import dev.ogr.core.Vectors;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Parallel;
import dev.ogr.core.kernel.Vec;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The update's squared length summed chunk by chunk inside the pass ({@link UpdateSquares}) has the bits of
 * {@link Vectors#squaredNorm(Vec)}, which the step cap used to compute by reading the update once more; the fused
 * pass offers it only where the order can hold (one range over all coordinates).
 */
class UpdateSquaresTest {

    @AfterEach
    void restore() {
        Kernels.setSimd(null);
        Parallel.setThreads(1);
    }

    /** Floats over many binades, so that another summation order gives other bits. */
    private static INDArray wide(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(13) - 6));
        }
        return Nd4j.createFromArray(x);
    }

    private static double chunked(INDArray x, int chunk) {
        return chunked(x, chunk, false);
    }

    /** The sum in chunks of {@code chunk}, through the Vector API form with {@code vectors}. */
    private static double chunked(INDArray x, int chunk, boolean vectors) {
        Vec v = Vec.of(x);
        UpdateSquares s = new UpdateSquares();
        s.begin(v.length());
        for (int b = 0; b < v.length(); b += chunk) {
            int end = Math.min(b + chunk, v.length());
            if (vectors) {
                s.addInVectors(v.bytes(), 4 * v.offset(), b, end);
            } else {
                s.add(v.bytes(), 4 * v.offset(), b, end);
            }
        }
        return s.total();
    }


    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 13, 128, 1013, 4101, 100_003})
    void chunkedSumsHaveTheBitsOfTheOnePassSum(int n) {
        INDArray x = wide(n, n);
        double whole = Vectors.squaredNorm(Vec.of(x));
        for (int chunk : new int[] {8, 24, 128, 1024, n + 8}) {
            for (boolean vectors : new boolean[] {false, true}) {
                assertEquals(Double.doubleToLongBits(whole), Double.doubleToLongBits(chunked(x, chunk, vectors)),
                        "n = " + n + ", chunks of " + chunk + (vectors ? " in vectors" : ""));
            }
        }
    }

    @Test
    void theOrderMattersForTheseValuesSoTheBitsAboveMeanSomething() {
        INDArray x = wide(4101, 4101);
        double sequential = 0;
        for (int i = 0; i < 4101; i++) {
            double xi = x.getFloat(i);
            sequential += xi * xi;
        }
        assertNotEquals(Double.doubleToLongBits(sequential), Double.doubleToLongBits(chunked(x, 128)));
    }

    @Test
    void smallIntegersGiveTheClosedForm() {
        int n = 1013;
        float[] x = new float[n];
        double expected = 0;
        for (int i = 0; i < n; i++) {
            x[i] = i % 9 - 4;
            expected += (double) (i % 9 - 4) * (i % 9 - 4); // integers below 2^53: exact in any order
        }
        assertEquals(expected, chunked(Nd4j.createFromArray(x), 128), 0);
        assertEquals(0, chunked(Nd4j.zeros(DataType.FLOAT, 5), 128), 0);
    }

    @Test
    void aSumNotCarriedToTheEndIsNaNAndChunksOutOfOrderAreRefused() {
        UpdateSquares s = new UpdateSquares();
        ByteBuffer u = Nd4j.ones(DataType.FLOAT, 300).data().asNio().order(java.nio.ByteOrder.nativeOrder());
        s.begin(300);
        s.add(u, 0, 0, 128);
        assertTrue(Double.isNaN(s.total()), "only 128 of 300 elements added");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.add(u, 0, 256, 300));
        assertTrue(e.getMessage().contains("expected element 128, got 256"), e.getMessage());
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> s.add(u, 0, 128, 130));
        assertTrue(odd.getMessage().contains("got 130"), odd.getMessage());
        s.add(u, 0, 128, 300);
        assertEquals(300, s.total(), 0);
    }

    /** Plain descent θ ← θ − η·g with a direct form that writes the update, as the built-in kernels do. */
    private static final class Descent implements CoordinateKernel, DirectFloatKernel.Source {
        @Override
        public boolean readsStatistics() {
            return false;
        }

        @Override
        public void compute(CoordinateBlock b) {
            double[] x = b.lane(CoordinateBlock.THETA);
            double[] g = b.lane(CoordinateBlock.GRADIENT);
            double[] out = b.lane(CoordinateBlock.NEW_THETA);
            for (int i = 0; i < b.count(); i++) {
                out[i] = x[i] - b.learningRate() * g[i];
            }
        }

        @Override
        public DirectFloatKernel directFloats() {
            return (m, from, to, rate) -> {
                float eta = (float) rate;
                for (int i = from; i < to; i++) {
                    float x = m.theta.getFloat(m.thetaAt + 4 * i);
                    float next = x - eta * m.gradient.getFloat(m.gradientAt + 4 * i);
                    m.theta.putFloat(m.thetaAt + 4 * i, next);
                    if (m.update != null) {
                        m.update.putFloat(m.updateAt + 4 * i, x - next);
                    }
                }
            };
        }
    }

    /** One step from θ = 0 with g_i = (i % 5) − 2 at η = 1/2: u_i = ((i % 5) − 2)/2, exact in float. */
    private static double step(FusedCoordinatePass pass, int n, boolean withUpdate, INDArray[] updateOut) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = i % 5 - 2;
        }
        INDArray update = withUpdate ? Nd4j.create(DataType.FLOAT, n) : null;
        pass.step(Vec.of(Nd4j.zeros(DataType.FLOAT, n)), Vec.of(Nd4j.createFromArray(g)), 0.5,
                update == null ? null : Vec.of(update));
        updateOut[0] = update;
        return pass.updateSquaredNorm();
    }

    @Test
    void theDirectPassSumsItsUpdateOnOneThreadAndNotWhenSplitOrWithoutAnUpdate() {
        Kernels.setSimd("true");
        FusedCoordinatePass pass = new FusedCoordinatePass(new Descent(), CoordinateStatistics.NONE);
        int n = 200_003; // above Parallel.THRESHOLD, so three threads split it
        assertTrue(pass.direct(n));
        INDArray[] update = new INDArray[1];
        double closedForm = 0;
        for (int i = 0; i < n; i++) {
            closedForm += ((i % 5) - 2) * ((i % 5) - 2) / 4.0; // multiples of 1/4: exact
        }
        double one = step(pass, n, true, update);
        assertEquals(closedForm, one, 0);
        assertEquals(Double.doubleToLongBits(Vectors.squaredNorm(Vec.of(update[0]))), Double.doubleToLongBits(one));
        Parallel.setThreads(3);
        assertTrue(Double.isNaN(step(pass, n, true, update)), "three ranges: the cap reads the update itself");
        assertEquals(closedForm, Vectors.squaredNorm(Vec.of(update[0])), 0, "the split pass wrote the same update");
        Parallel.setThreads(1);
        assertTrue(Double.isNaN(step(pass, n, false, update)), "no update written");
        Kernels.setSimd("false");
        FusedCoordinatePass lanes = new FusedCoordinatePass(new Descent(), CoordinateStatistics.NONE);
        assertTrue(Double.isNaN(step(lanes, n, true, update)), "the lanes path does not sum");
    }
}
