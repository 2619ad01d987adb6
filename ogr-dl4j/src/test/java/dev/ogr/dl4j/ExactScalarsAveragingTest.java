package dev.ogr.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What element-wise averaging (Spark's parameter averaging of the flat state) does to the exact scalar encodings. */
class ExactScalarsAveragingTest {

    /** The element-wise mean of two encodings, in float as DL4J computes it (sum, then divide). */
    private static float[] mean(float[] a, float[] b) {
        float[] m = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            m[i] = (a[i] + b[i]) / 2;
        }
        return m;
    }

    private static float[] longSlots(long n) {
        float[] s = new float[ExactScalars.SLOTS];
        ExactScalars.putLong(n, s, 0);
        return s;
    }

    private static float[] doubleSlots(double x) {
        float[] s = new float[ExactScalars.SLOTS];
        ExactScalars.putDouble(x, s, 0);
        return s;
    }

    @Test
    void equalCountsAverageToThemselvesExactly() {
        for (long n : new long[] {0, 7, (1L << 21) - 1, 1L << 21, 123456789012L}) {
            float[] m = mean(longSlots(n), longSlots(n));
            assertTrue(ExactScalars.isWhole(m, 0));
            assertEquals(n, ExactScalars.getLong(m, 0));
        }
    }

    @Test
    void differentCountsAcrossADigitCarryAverageToTheRoundedMean() {
        // 2^21 - 1 = digits (0, 0, 2^21 - 1) and 2^21 = (0, 1, 0): the mean digits (0, 0.5, 2^20 - 0.5) truncated
        // digit by digit would read 2^20 - 1; their linear value is the mean, 2^21 - 0.5.
        float[] m = mean(longSlots((1L << 21) - 1), longSlots(1L << 21));
        assertFalse(ExactScalars.isWhole(m, 0));
        assertEquals((1L << 21) - 0.5, ExactScalars.linearLong(m, 0), 0);
        assertEquals(1L << 21, ExactScalars.getLong(m, 0));
        float[] small = mean(longSlots(20), longSlots(30));
        assertEquals(25, ExactScalars.getLong(small, 0));
    }

    @Test
    void averagedDoublesDecodeToTheMeanToFloatPrecision() {
        double a = 1 - Math.pow(0.9, 20);
        double b = 1 - Math.pow(0.9, 25);
        double decoded = ExactScalars.getDouble(mean(doubleSlots(a), doubleSlots(b)), 0);
        assertEquals((a + b) / 2, decoded, 1e-7 * (a + b) / 2);
        double same = ExactScalars.getDouble(mean(doubleSlots(a), doubleSlots(a)), 0);
        assertEquals(Double.doubleToLongBits(a), Double.doubleToLongBits(same), "two equal replicas average exactly");
    }
}
