package dev.ogr.api.block;

/**
 * Helpers for the float loops of a {@link CoordinateKernel}. On JDK 17 the JIT vectorises a plain counted float loop
 * without branches, conversions or reductions, and runs one with a conditional 5 to 10 times slower; so a fast float
 * kernel computes every element in such loops, checks the block once with one of the tests below, and redoes only the
 * elements that need a guard (an undefined fit, a variance decayed to zero) with its guarded double form.
 *
 * <p>The tests are scalar loops over the raw bits, about 0.5 ns an element: a float lies in (0, +∞) exactly when its
 * bits, read as an int, lie in [1, 0x7f7fffff].
 */
public final class FloatLanes {

    private FloatLanes() {
    }

    /** Whether every {@code a[0 .. n - 1]} lies in (0, +∞): positive, finite and not NaN. */
    public static boolean allPositiveFinite(float[] a, int n) {
        int bad = 0;
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(a[i]);
            bad |= (bits - 1) | (0x7f7fffff - bits);
        }
        return bad >= 0;
    }

    /** Whether every {@code a[0 .. n - 1]} is finite (neither NaN nor infinite). */
    public static boolean allFinite(float[] a, int n) {
        int bad = 0;
        for (int i = 0; i < n; i++) {
            bad |= (Float.floatToRawIntBits(a[i]) & 0x7f800000) + 0x00800000;
        }
        return bad >= 0;
    }

    /** Whether no {@code a[0 .. n - 1]} is NaN (infinities allowed). */
    public static boolean noneNaN(float[] a, int n) {
        int bad = 0;
        for (int i = 0; i < n; i++) {
            bad |= 0x7f800000 - (Float.floatToRawIntBits(a[i]) & 0x7fffffff);
        }
        return bad >= 0;
    }

    /** Whether {@code v} lies in (0, +∞), by the bit test of {@link #allPositiveFinite}. */
    public static boolean positiveFinite(float v) {
        int bits = Float.floatToRawIntBits(v);
        return ((bits - 1) | (0x7f7fffff - bits)) >= 0;
    }

    /** Whether {@code v} is finite, by the bit test of {@link #allFinite}. */
    public static boolean finite(float v) {
        return (Float.floatToRawIntBits(v) & 0x7f800000) != 0x7f800000;
    }

    /** A momentum in float lanes: {@code out[i] = keep·m[i] + take·g[i]}, a loop the JIT vectorises. */
    public static void momentum(float[] m, float[] g, float keep, float take, float[] out, int count) {
        for (int i = 0; i < count; i++) {
            out[i] = keep * m[i] + take * g[i];
        }
    }

    /** {@code to[i] = from[i]} widened to double, i &lt; n. */
    public static void widen(float[] from, double[] to, int n) {
        for (int i = 0; i < n; i++) {
            to[i] = from[i];
        }
    }

    /** {@code to[i] = (float) from[i]}, i &lt; n. */
    public static void narrow(double[] from, float[] to, int n) {
        for (int i = 0; i < n; i++) {
            to[i] = (float) from[i];
        }
    }
}
