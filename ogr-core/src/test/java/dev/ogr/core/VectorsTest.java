package dev.ogr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ogr.core.kernel.Kernels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Vectors#combine} against the formula, element by element, on both paths and across block boundaries. */
class VectorsTest {

    @AfterEach
    void restoreMode() {
        Kernels.setMode(Kernels.Mode.AUTO);
    }

    private static INDArray ramp(DataType type, int n, double scale, double offset) {
        INDArray a = Nd4j.createUninitialized(type, n);
        for (int i = 0; i < n; i++) {
            a.putScalar(i, scale * (i % 17) + offset);
        }
        return a;
    }

    // small integers and powers of two: every result below is exact in float and double
    @ParameterizedTest(name = "{0} n={1} {2}")
    @CsvSource({"FLOAT, 3, AUTO", "FLOAT, 2500, AUTO", "DOUBLE, 2500, AUTO", "FLOAT, 2500, ND4J", "DOUBLE, 5, ND4J"})
    void combineIsTheLinearFormula(DataType type, int n, Kernels.Mode mode) {
        Kernels.setMode(mode);
        INDArray x = ramp(type, n, 1, -8);
        INDArray y = ramp(type, n, 0.5, 3);
        INDArray z = ramp(type, n, 2, 1);
        INDArray before = z.dup();
        Vectors.combine(0.5, x, -2, y, 0.25, z);
        for (int i = 0; i < n; i++) {
            assertEquals(0.5 * x.getDouble(i) - 2 * y.getDouble(i) + 0.25 * before.getDouble(i), z.getDouble(i), 0,
                    "element " + i);
        }
        INDArray w = Nd4j.valueArrayOf(new long[] {n}, Double.NaN, type); // c = 0: old entries never read
        Vectors.combine(4, x, 0, null, 0, w);
        Vectors.combine(1, x, 1, y, 0, x); // z aliases x
        for (int i = 0; i < n; i++) {
            assertEquals(4 * (i % 17 - 8), w.getDouble(i), 0, "element " + i);
            assertEquals((i % 17 - 8) + (0.5 * (i % 17) + 3), x.getDouble(i), 0, "element " + i);
        }
        INDArray copy = Nd4j.createUninitialized(type, n);
        Vectors.copy(y, copy);
        Vectors.difference(copy, y, w);
        assertEquals(y, copy);
        assertEquals(0, w.amaxNumber().doubleValue(), 0);
    }

    /** The kernels' dot product and the plugins' ({@link dev.ogr.api.VectorMath#dot}) sum in the same order. */
    @ParameterizedTest(name = "{0} n={1}")
    @CsvSource({"FLOAT, 5", "FLOAT, 3001", "DOUBLE, 1024", "DOUBLE, 4103"})
    void dotHasTheBitsOfVectorMath(DataType type, int n) {
        java.util.Random r = new java.util.Random(n);
        INDArray x = Nd4j.createUninitialized(type, n);
        INDArray y = Nd4j.createUninitialized(type, n);
        for (int i = 0; i < n; i++) {
            x.putScalar(i, Math.scalb(r.nextGaussian(), r.nextInt(40) - 20));
            y.putScalar(i, r.nextGaussian());
        }
        assertEquals(Double.doubleToLongBits(dev.ogr.api.VectorMath.dot(x, y)),
                Double.doubleToLongBits(Vectors.dot(x, y)));
        INDArray z = y.dup();
        Vectors.axpy(0.3, x, z);
        dev.ogr.api.VectorMath.axpy(0.3, x, y);
        assertEquals(y, z);
    }

    /**
     * The cap's squared length and the Vector API shortening against the scalar loops, bit for bit: ‖x‖² against
     * {@code dot(x, x)}, on lengths that are not a multiple of 8 or of the vector, on views that start inside a larger
     * buffer, with magnitudes spread over 8 binary orders, so that the rounding of each product and each addition
     * shows (a fused multiply-add, a plain left-to-right sum of the same products, give other bits).
     */
    @ParameterizedTest(name = "{0} n={1}")
    @CsvSource({"FLOAT, 13", "FLOAT, 100003", "DOUBLE, 7", "DOUBLE, 65541"})
    void fastLoopsHaveTheBitsOfTheScalarLoops(DataType type, int n) {
        java.util.Random r = new java.util.Random(n);
        INDArray x = Nd4j.createUninitialized(type, 2, n).getRow(1); // rows of odd length: views at odd offsets
        INDArray y = Nd4j.createUninitialized(type, 3, n).getRow(2);
        assertEquals(true, Kernels.direct(x) && Kernels.direct(y), "host views");
        for (int i = 0; i < n; i++) {
            x.putScalar(i, Math.scalb(r.nextGaussian(), r.nextInt(8) - 4));
            y.putScalar(i, r.nextGaussian());
        }
        double dot = Vectors.dot(x, x);
        assertEquals(Double.doubleToLongBits(dot), Double.doubleToLongBits(Vectors.squaredNorm(x)));
        assertEquals(Double.doubleToLongBits(dot), Double.doubleToLongBits(dev.ogr.api.VectorMath.dot(x, x)));
        if (n > 1000) {
            double leftToRight = 0;
            for (int i = 0; i < n; i++) {
                leftToRight += x.getDouble(i) * x.getDouble(i);
            }
            assertNotEquals(Double.doubleToLongBits(leftToRight), Double.doubleToLongBits(dot),
                    "the data should tell one order of additions from another");
        }
        assumeTrue(Kernels.vectorModule(), "the shortening's Vector API form needs --add-modules jdk.incubator.vector");
        try {
            Kernels.setSimd("false");
            INDArray thetaScalar = x.dup();
            INDArray updateScalar = y.dup();
            Vectors.shortenTheta(thetaScalar, updateScalar, 0.37, Nd4j.createUninitialized(type, n));
            Kernels.setSimd("true");
            INDArray theta = x.dup();
            INDArray update = y.dup();
            Vectors.shortenTheta(theta, update, 0.37, Nd4j.createUninitialized(type, n));
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToLongBits(thetaScalar.getDouble(i)),
                        Double.doubleToLongBits(theta.getDouble(i)), "θ element " + i);
                assertEquals(Double.doubleToLongBits(y.getDouble(i)), Double.doubleToLongBits(update.getDouble(i)),
                        "update element " + i + " is read only");
                assertEquals(Double.doubleToLongBits(y.getDouble(i)),
                        Double.doubleToLongBits(updateScalar.getDouble(i)), "update element " + i + " (lanes)");
            }
        } finally {
            Kernels.setSimd(null);
        }
    }

    /**
     * {@link Vectors#combine}'s Vector API form against the block lanes, bit for bit, in each of its forms (two terms,
     * three, one with c·z, a scaling, a copy, z aliasing y as in {@link Vectors#axpy}), on an odd-length view with
     * operands whose products round: a fused multiply-add or another order of the additions gives other bits.
     */
    @ParameterizedTest(name = "n={0}, {1} threads")
    @CsvSource({"13, 1", "100003, 1", "200003, 2"})
    void combineHasTheBitsOfTheLanesInTheVectorApi(int n, int threads) {
        assumeTrue(Kernels.vectorModule(), "the Vector API form needs --add-modules jdk.incubator.vector");
        int before = dev.ogr.core.kernel.Parallel.threads();
        dev.ogr.core.kernel.Parallel.setThreads(threads); // two: the range split over threads, past the threshold
        java.util.Random r = new java.util.Random(n);
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, 2, n).getRow(1);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, 3, n).getRow(2);
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, 2, n).getRow(1);
        for (int i = 0; i < n; i++) {
            x.putScalar(i, Math.scalb(r.nextGaussian(), r.nextInt(8) - 4));
            y.putScalar(i, r.nextGaussian());
            z.putScalar(i, r.nextGaussian());
        }
        double[][] forms = {{0.3, 0.7, 0}, {0.3, -1.1, 0.9}, {1.7, 0, 0.45}, {0.37, 0, 0}, {1, 0, 0}};
        try {
            for (double[] f : forms) {
                INDArray[] out = new INDArray[2];
                INDArray[] aliased = new INDArray[2];
                for (int simd = 0; simd < 2; simd++) {
                    Kernels.setSimd(simd == 1 ? "true" : "false");
                    out[simd] = z.dup();
                    Vectors.combine(f[0], x, f[1], f[1] == 0 ? null : y, f[2], out[simd]);
                    aliased[simd] = y.dup();
                    Vectors.axpy(f[0], x, aliased[simd]);
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToRawIntBits(out[0].getFloat(i)), Float.floatToRawIntBits(out[1].getFloat(i)),
                            java.util.Arrays.toString(f) + " element " + i);
                    assertEquals(Float.floatToRawIntBits(aliased[0].getFloat(i)),
                            Float.floatToRawIntBits(aliased[1].getFloat(i)), "axpy " + f[0] + " element " + i);
                }
            }
        } finally {
            Kernels.setSimd(null);
            dev.ogr.core.kernel.Parallel.setThreads(before);
        }
    }
}
