package dev.ogr.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The machine-independent dot product and axpy: exact where the arithmetic is, and in the documented order. */
class VectorMathTest {

    @Test
    void aDotOfSmallIntegersIsExact() {
        // sum of i * (n - i) for i = 0..n-1 = n (n^2 - 1) / 6, every partial sum an exact integer in double
        for (int n : new int[] {1, 7, 8, 9, 1023, 1025, 10_001}) {
            double[] a = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = i;
                b[i] = n - i;
            }
            double expected = (double) n * ((double) n * n - 1) / 6;
            assertEquals(expected, VectorMath.dot(Nd4j.createFromArray(a), Nd4j.createFromArray(b)), "n = " + n);
            assertEquals(expected, VectorMath.dot(Nd4j.createFromArray(a).castTo(DataType.FLOAT),
                    Nd4j.createFromArray(b).castTo(DataType.FLOAT)), "float, n = " + n);
        }
    }

    @Test
    void theSumIsFormedInTheDocumentedOrder() {
        // values whose sum depends on the order: the documented order gives exactly this
        int n = 21;
        double[] x = new double[n];
        double[] ones = new double[n];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            x[i] = Math.scalb(r.nextDouble(), r.nextInt(60) - 30);
            ones[i] = 1;
        }
        double[] s = new double[VectorMath.DOT_SUMS];
        int full = n / VectorMath.DOT_SUMS * VectorMath.DOT_SUMS;
        for (int i = 0; i < full; i++) {
            s[i % VectorMath.DOT_SUMS] += x[i];
        }
        double tail = 0;
        for (int i = full; i < n; i++) {
            tail += x[i];
        }
        double expected = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7])) + tail;
        assertEquals(Double.doubleToLongBits(expected),
                Double.doubleToLongBits(VectorMath.dot(Nd4j.createFromArray(x), Nd4j.createFromArray(ones))));
    }

    @Test
    void aViewIsReadFromItsOffset() {
        INDArray m = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
        INDArray row = m.getRow(1); // a view at offset 3
        assertEquals(16 + 25 + 36, VectorMath.dot(row, row));
        VectorMath.axpy(2, row, m.getRow(0));
        assertArrayEquals(new double[] {9, 12, 15, 4, 5, 6}, m.reshape(6).toDoubleVector());
    }

    @Test
    void axpyRoundsAsTheVectorsTypeDoes() {
        INDArray y = Nd4j.createFromArray(1f, 1f);
        INDArray x = Nd4j.createFromArray(1e-8f, 3f);
        VectorMath.axpy(0.1, x, y);
        assertArrayEquals(new float[] {1f + 0.1f * 1e-8f, 1f + 0.1f * 3f}, y.toFloatVector());
    }

    @Test
    void unequalLengthsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VectorMath.dot(Nd4j.zeros(3), Nd4j.zeros(4)));
        assertEquals("dot product of vectors of lengths 3 and 4", e.getMessage());
    }
}
