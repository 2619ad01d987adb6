package dev.ogr.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Vec#allFinite} sees every non-finite value wherever it is, and nothing else, also in offset views: in the
 * block lanes and, for floats, in the Vector API form (in whole vectors and in the elements after the last one).
 */
class VecTest {

    private final int threads = Parallel.threads();

    @AfterEach
    void restore() {
        Kernels.setSimd(null);
        Parallel.setThreads(threads);
    }

    @ParameterizedTest(name = "{0}, Vector API {1}, {2} elements")
    @CsvSource({"FLOAT, false, 3077", "DOUBLE, false, 3077", "FLOAT, true, 3077", "FLOAT, true, 70001"})
    void allFiniteFindsEachNonFiniteValueAnywhere(DataType type, boolean simd, int n) {
        assumeTrue(!simd || Kernels.vectorModule(), "the Vector API form needs --add-modules jdk.incubator.vector");
        Kernels.setSimd(String.valueOf(simd));
        Parallel.setThreads(2); // past Parallel.THRESHOLD the range is split over two threads
        INDArray matrix = Nd4j.rand(type, 3, n).subi(0.5);
        INDArray row = matrix.getRow(1); // a view with an offset into the matrix's buffer
        assertTrue(row.offset() > 0);
        matrix.getRow(0).putScalar(n - 1, Double.NaN); // outside the view: not seen
        matrix.getRow(2).putScalar(0, Double.POSITIVE_INFINITY);
        row.putScalar(7, type == DataType.FLOAT ? Float.MAX_VALUE : Double.MAX_VALUE);
        row.putScalar(8, -0.0);
        row.putScalar(9, type == DataType.FLOAT ? Float.MIN_VALUE : Double.MIN_VALUE);
        assertTrue(Vec.of(row).allFinite());
        for (int at : new int[] {0, 1, 15, 16, Scratch.BLOCK - 1, Scratch.BLOCK, 2 * Scratch.BLOCK + 3, n / 2 - 1, n / 2,
                n / 2 + 1, n - 6, n - 5, n - 1}) {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                double keep = row.getDouble(at);
                row.putScalar(at, bad);
                assertEquals(false, Vec.of(row).allFinite(), bad + " at " + at);
                row.putScalar(at, keep);
            }
        }
        assertTrue(Vec.of(row).allFinite());
    }

    /**
     * The Vector API form still answers right once C2 has compiled it: an optimising compiler that folded x − x to 0
     * would make every vector look finite. Tens of thousands of calls, a third of them with a NaN or an infinity.
     */
    @org.junit.jupiter.api.Test
    void theVectorApiFormStaysRightWhenCompiled() {
        assumeTrue(Kernels.vectorModule(), "the Vector API form needs --add-modules jdk.incubator.vector");
        Kernels.setSimd("true");
        INDArray x = Nd4j.rand(DataType.FLOAT, 1024);
        Vec v = Vec.of(x);
        for (int r = 0; r < 60_000; r++) {
            boolean bad = r % 3 == 0;
            int at = (r * 37) % 1000;
            if (bad) {
                x.putScalar(at, r % 2 == 0 ? Float.NaN : Float.NEGATIVE_INFINITY);
            }
            assertEquals(!bad, v.allFinite(), "call " + r + ", element " + at);
            if (bad) {
                x.putScalar(at, 0.5f);
            }
        }
    }
}
