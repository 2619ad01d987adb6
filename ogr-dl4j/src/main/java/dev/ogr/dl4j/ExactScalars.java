package dev.ogr.dl4j;

/**
 * Stores a double or a long exactly in three slots of a float array, so that the few scalar statistics of a recipe
 * (bias weights, counters) can live in Deeplearning4j's flat float state view and come back bit for bit.
 *
 * <p>A double x is split into hi = (float) x, mid = (float) (x − hi), lo = (float) (x − hi − mid): each difference
 * is exact in double, and 3 × 24 significand bits cover a double's 53, so hi + (mid + lo) = x exactly for every x
 * whose parts stay normal floats (|x| between about 1e-20 and 3e38, or 0). A long is split into three 21-bit
 * digits, each exact in a float.
 *
 * <p>Both encodings are linear (the value is hi + mid + lo, or d2·2^42 + d1·2^21 + d0), so the element-wise mean of
 * several encodings, which is what parameter averaging on Spark makes of them, decodes to the mean of the values: to
 * float precision for doubles, and for longs exactly when the replicas agree. When they do not (workers that took
 * different numbers of steps in a round), the digits are fractional; they are then read as the linear value rounded
 * to the nearest long, never truncated digit by digit (which could be off by up to 2^42).
 */
final class ExactScalars {

    /** The number of float slots one scalar takes. */
    static final int SLOTS = 3;

    private static final long DIGIT = 1L << 21;

    private ExactScalars() {
    }

    /** Writes {@code x} into {@code out[at..at+2]}. */
    static void putDouble(double x, float[] out, int at) {
        float hi = (float) x;
        double r = x - hi;
        float mid = (float) r;
        out[at] = hi;
        out[at + 1] = mid;
        out[at + 2] = (float) (r - mid);
    }

    /** Reads the double written by {@link #putDouble}. */
    static double getDouble(float[] in, int at) {
        return in[at] + ((double) in[at + 1] + (double) in[at + 2]);
    }

    /** Writes the non-negative {@code n} (below 2^63) into {@code out[at..at+2]}. */
    static void putLong(long n, float[] out, int at) {
        if (n < 0) {
            throw new IllegalArgumentException("counter " + n + " is negative; expected a count >= 0");
        }
        out[at] = n / (DIGIT * DIGIT);
        out[at + 1] = (n / DIGIT) % DIGIT;
        out[at + 2] = n % DIGIT;
    }

    /**
     * Reads the long written by {@link #putLong}, or, when the digits are not whole (an average of different
     * counts), the nearest long to their linear value.
     */
    static long getLong(float[] in, int at) {
        if (isWhole(in, at)) {
            return (long) in[at] * DIGIT * DIGIT + (long) in[at + 1] * DIGIT + (long) in[at + 2];
        }
        return Math.round(linearLong(in, at));
    }

    /** Whether the three digits at {@code at} are whole numbers, as {@link #putLong} writes them. */
    static boolean isWhole(float[] in, int at) {
        return in[at] == Math.rint(in[at]) && in[at + 1] == Math.rint(in[at + 1])
                && in[at + 2] == Math.rint(in[at + 2]);
    }

    /** The value of the three digits at {@code at} as a real number (fractional for an average of counts). */
    static double linearLong(float[] in, int at) {
        return (double) in[at] * DIGIT * DIGIT + (double) in[at + 1] * DIGIT + (double) in[at + 2];
    }
}
