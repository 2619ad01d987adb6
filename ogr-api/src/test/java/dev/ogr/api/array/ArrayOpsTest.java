package dev.ogr.api.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.junit.jupiter.api.Test;

/** The guards and the finiteness check of {@link ArrayOps}: each special value goes where its comment says. */
class ArrayOpsTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    /** Entries that every guard must tell apart: NaN, both infinities, the extreme finite values, zeros. */
    private static INDArray specials(DataType type) {
        double big = ArrayOps.largestFinite(type);
        return Nd4j.createFromArray(new double[] {NAN, INF, -INF, big, -big, 0.0, -0.0, 1.5, -2.5}).castTo(type);
    }

    private static double[] values(INDArray x) {
        return x.castTo(DataType.DOUBLE).toDoubleVector();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void setWhereNaNReplacesOnlyNaN(DataType type) {
        INDArray x = specials(type);
        double big = ArrayOps.largestFinite(type);
        ArrayOps.setWhereNaN(x, 7);
        assertArrayEquals(new double[] {7, INF, -INF, big, -big, 0.0, -0.0, 1.5, -2.5}, values(x));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void theSignedInfinityGuardsLeaveTheLargestFiniteValuesAndNaN(DataType type) {
        double big = ArrayOps.largestFinite(type);
        INDArray x = specials(type);
        ArrayOps.setWherePositiveInfinite(x, 7);
        assertArrayEquals(new double[] {NAN, 7, -INF, big, -big, 0.0, -0.0, 1.5, -2.5}, values(x));
        INDArray y = specials(type);
        ArrayOps.setWhereNegativeInfinite(y, 7);
        assertArrayEquals(new double[] {NAN, INF, 7, big, -big, 0.0, -0.0, 1.5, -2.5}, values(y));
        INDArray z = specials(type);
        ArrayOps.setWhereInfinite(z, 7);
        assertArrayEquals(new double[] {NAN, 7, 7, big, -big, 0.0, -0.0, 1.5, -2.5}, values(z));
    }

    @Test
    void theLargestFiniteValuesAreThoseOfEachType() {
        assertEquals(Double.MAX_VALUE, ArrayOps.largestFinite(DataType.DOUBLE));
        assertEquals(Float.MAX_VALUE, ArrayOps.largestFinite(DataType.FLOAT));
        assertEquals(65504, ArrayOps.largestFinite(DataType.HALF)); // (2 - 2^-10) * 2^15
        assertEquals((2 - Math.pow(2, -7)) * Math.pow(2, 127), ArrayOps.largestFinite(DataType.BFLOAT16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayOps.largestFinite(DataType.INT));
        assertEquals("a floating-point array was expected, got INT", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reciprocalDividesTheScalarByEachEntry(DataType type) {
        INDArray x = Nd4j.createFromArray(new double[] {4, -0.5, 0.0, NAN, INF}).castTo(type);
        INDArray z = Nd4j.create(type, 5);
        ArrayOps.reciprocal(-2, x, z);
        assertArrayEquals(new double[] {-0.5, 4, -INF, NAN, -0.0}, values(z));
    }

    /** A NaN or an infinity at any position, in the vector loop's body or its tail, is found. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 127, 1000})
    void allFiniteFindsEveryBadEntryWherever(int n) {
        INDArray count = Nd4j.create(DataType.LONG, 1);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Nd4j.linspace(-1, 1, n, type);
            assertTrue(ArrayOps.allFinite(x, count), type + " n = " + n);
            for (int p = 0; p < n; p++) {
                for (double bad : new double[] {NAN, INF, -INF}) {
                    INDArray y = x.dup();
                    y.putScalar(p, bad);
                    assertFalse(ArrayOps.allFinite(y, count), type + " n = " + n + ", " + bad + " at " + p);
                }
            }
        }
    }

    /** Finite entries whose sum of magnitudes overflows are finite: the exact count decides. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void anOverflowingSumIsNotARefusal(DataType type) {
        double big = ArrayOps.largestFinite(type);
        INDArray x = Nd4j.createFromArray(new double[] {big, -big, big / 2, 1}).castTo(type);
        INDArray count = Nd4j.create(DataType.LONG, 1);
        assertTrue(ArrayOps.allFinite(x, count));
        assertEquals(0, count.getLong(0)); // the count ran: the screen's sum was +∞
        x.putScalar(3, NAN);
        assertFalse(ArrayOps.allFinite(x, count));
        assertEquals(1, count.getLong(0));
    }

    @Test
    void viewsMatricesAndOtherTypesAreChecked() {
        INDArray count = Nd4j.create(DataType.LONG, 1);
        INDArray big = Nd4j.linspace(1, 100, 100, DataType.FLOAT);
        big.putScalar(3, NAN);
        assertTrue(ArrayOps.allFinite(big.get(NDArrayIndex.interval(10, 60)), count)); // a view past the NaN
        assertFalse(ArrayOps.allFinite(big.get(NDArrayIndex.interval(0, 60)), count));
        INDArray matrix = Nd4j.linspace(1, 12, 12, DataType.DOUBLE).reshape(3, 4); // not a vector: counted
        assertTrue(ArrayOps.allFinite(matrix, count));
        matrix.putScalar(2, 3, INF);
        assertFalse(ArrayOps.allFinite(matrix, count));
        INDArray half = Nd4j.createFromArray(new double[] {1, 2, NAN}).castTo(DataType.HALF); // no BLAS: counted
        assertFalse(ArrayOps.allFinite(half, count));
        assertEquals(1, count.getLong(0));
    }

    /** 3-4-5 triangles: exact lengths, also where the squares overflow the type, and for arrays that are not vectors. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void lengthIsTheEuclideanNorm(DataType type) {
        INDArray result = Nd4j.create(type, 1);
        assertEquals(5, ArrayOps.length(Nd4j.createFromArray(new double[] {3, 4}).castTo(type), result));
        assertEquals(0, ArrayOps.length(Nd4j.zeros(type, 7), result));
        double scale = type == DataType.FLOAT ? 1e30 : 1e200; // 25·scale² overflows the type
        double big = ArrayOps.length(Nd4j.createFromArray(new double[] {3 * scale, -4 * scale}).castTo(type), result);
        assertEquals(5 * scale, big, 5 * scale * (type == DataType.FLOAT ? 1e-6 : 1e-12));
        INDArray matrix = Nd4j.createFromArray(new double[][] {{3, 0}, {0, 4}}).castTo(type); // the reduction
        assertEquals(5, ArrayOps.length(matrix, result));
        INDArray n = Nd4j.linspace(1, 1000, 1000, type); // sum of i² for i = 1..1000 = 333 833 500
        assertEquals(Math.sqrt(333_833_500.0), ArrayOps.length(n, result), Math.sqrt(333_833_500.0) * 1e-6);
    }
}
