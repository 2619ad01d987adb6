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

    @AfterEach
    void restoreSimd() {
        Kernels.setSimd(null);
    }

    @ParameterizedTest(name = "{0}, Vector API {1}")
    @CsvSource({"FLOAT, false", "DOUBLE, false", "FLOAT, true"})
    void allFiniteFindsEachNonFiniteValueAnywhere(DataType type, boolean simd) {
        assumeTrue(!simd || Kernels.vectorModule(), "the Vector API form needs --add-modules jdk.incubator.vector");
        Kernels.setSimd(String.valueOf(simd));
        int n = 3 * Scratch.BLOCK + 5;
        INDArray matrix = Nd4j.rand(type, 3, n).subi(0.5);
        INDArray row = matrix.getRow(1); // a view with an offset into the matrix's buffer
        assertTrue(row.offset() > 0);
        matrix.getRow(0).putScalar(n - 1, Double.NaN); // outside the view: not seen
        matrix.getRow(2).putScalar(0, Double.POSITIVE_INFINITY);
        row.putScalar(7, type == DataType.FLOAT ? Float.MAX_VALUE : Double.MAX_VALUE);
        row.putScalar(8, -0.0);
        row.putScalar(9, type == DataType.FLOAT ? Float.MIN_VALUE : Double.MIN_VALUE);
        assertTrue(Vec.of(row).allFinite());
        for (int at : new int[] {0, 1, 15, 16, Scratch.BLOCK - 1, Scratch.BLOCK, 2 * Scratch.BLOCK + 3, n - 6, n - 5,
                n - 1}) {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                double keep = row.getDouble(at);
                row.putScalar(at, bad);
                assertEquals(false, Vec.of(row).allFinite(), bad + " at " + at);
                row.putScalar(at, keep);
            }
        }
        assertTrue(Vec.of(row).allFinite());
    }
}
