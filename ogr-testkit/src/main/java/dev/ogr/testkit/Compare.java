package dev.ogr.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The kit's comparisons of parameters and states: bit for bit, or within a tolerance of each array's scale. */
final class Compare {

    private Compare() {
    }

    /** Fails unless {@code a} and {@code b} hold the same bits, naming the first entry that differs. */
    static void bitForBit(String what, double[] a, double[] b) {
        if (a.length != b.length) {
            fail(what + ": " + a.length + " entries against " + b.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                fail(what + ": entry " + i + " is " + a[i] + " against " + b[i] + ", expected the same bits");
            }
        }
    }

    /** Fails unless both states have the same arrays, each of the same type, shape and bits. */
    static void bitForBit(String what, Map<String, INDArray> a, Map<String, INDArray> b) {
        if (!a.keySet().equals(b.keySet())) {
            fail(what + ": the states hold different arrays: " + a.keySet() + " against " + b.keySet());
        }
        for (Map.Entry<String, INDArray> e : a.entrySet()) {
            INDArray x = e.getValue();
            INDArray y = b.get(e.getKey());
            if (x.dataType() != y.dataType() || !java.util.Arrays.equals(x.shape(), y.shape())) {
                fail(what + ": array '" + e.getKey() + "' is " + x.dataType() + " " + java.util.Arrays.toString(x.shape())
                        + " against " + y.dataType() + " " + java.util.Arrays.toString(y.shape()));
            }
            bitForBit(what + ", array '" + e.getKey() + "'", Runs.doubles(x), Runs.doubles(y));
        }
    }

    /**
     * Fails unless every |a_i − b_i| ≤ {@code tolerance}·s, where s is the largest magnitude in either array (so
     * two arrays of zeros must be equal), naming the first entry that is further apart.
     */
    static void close(String what, double[] a, double[] b, double tolerance) {
        if (a.length != b.length) {
            fail(what + ": " + a.length + " entries against " + b.length);
        }
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.max(Math.abs(a[i]), Math.abs(b[i])));
        }
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (!(d <= tolerance * scale) && Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                fail(String.format(java.util.Locale.ROOT, "%s: entry %d is %s against %s, %.3g apart; allowed %.3g"
                        + " (%.1g of the largest magnitude %.6g)", what, i, a[i], b[i], d, tolerance * scale, tolerance,
                        scale));
            }
        }
    }

    /** {@link #close(String, double[], double[], double)} for every array of two states with the same arrays. */
    static void close(String what, Map<String, INDArray> a, Map<String, INDArray> b, double tolerance) {
        if (!a.keySet().equals(b.keySet())) {
            fail(what + ": the states hold different arrays: " + a.keySet() + " against " + b.keySet());
        }
        for (Map.Entry<String, INDArray> e : a.entrySet()) {
            close(what + ", array '" + e.getKey() + "'", Runs.doubles(e.getValue()), Runs.doubles(b.get(e.getKey())),
                    tolerance);
        }
    }
}
