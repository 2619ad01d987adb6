package dev.ogr.core;

import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Parallel;
import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The few vector operations the optimizer needs, on vectors of equal length (any shape), done in place so that no
 * array is allocated. On the CPU backend they are Java loops with a fixed order of operations, never BLAS: OpenBLAS
 * picks its kernels by CPU (an AVX-512 machine's {@code ddot} rounds differently from an AVX2 machine's), and a
 * trajectory must not depend on the machine it runs on; off the CPU backend they are ND4J's BLAS calls.
 */
public final class Vectors {

    private Vectors() {
    }

    /** Independent partial sums of {@link #dot}: enough to hide the latency of a floating-point add. */
    private static final int DOT_SUMS = 8;

    /**
     * The dot product xᵀy. On the CPU backend the products are summed in double, in {@value #DOT_SUMS} partial sums
     * over i mod {@value #DOT_SUMS} (the last n mod {@value #DOT_SUMS} elements in a ninth) added pairwise at the end,
     * on the calling thread: the same bits on every machine and with any thread setting, and the same bits as
     * {@link dev.ogr.api.VectorMath#dot} (the plugins' form, without the kernels' cached views).
     */
    public static double dot(INDArray x, INDArray y) {
        if (!(Kernels.direct(x) && Kernels.direct(y))) {
            return dev.ogr.api.VectorMath.dot(x, y);
        }
        Vec xv = Vec.of(x);
        Vec yv = Vec.of(y);
        int n = xv.length();
        if (yv.length() != n) {
            throw new IllegalArgumentException("dot of vectors of lengths " + n + " and " + yv.length());
        }
        Scratch sc = Scratch.current();
        double[] a = sc.lane(0);
        double[] b = sc.lane(1);
        float[] f = sc.floats();
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, tail = 0;
        for (int start = 0; start < n; start += Scratch.BLOCK) {
            int count = Math.min(Scratch.BLOCK, n - start);
            xv.read(start, count, a, f);
            yv.read(start, count, b, f);
            int i = 0;
            for (; i + DOT_SUMS <= count; i += DOT_SUMS) {
                s0 += a[i] * b[i];
                s1 += a[i + 1] * b[i + 1];
                s2 += a[i + 2] * b[i + 2];
                s3 += a[i + 3] * b[i + 3];
                s4 += a[i + 4] * b[i + 4];
                s5 += a[i + 5] * b[i + 5];
                s6 += a[i + 6] * b[i + 6];
                s7 += a[i + 7] * b[i + 7];
            }
            for (; i < count; i++) { // only in the last block: BLOCK is a multiple of DOT_SUMS
                tail += a[i] * b[i];
            }
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) + tail;
    }

    /**
     * ‖x‖² = xᵀx with the bits of {@link #dot}{@code (x, x)}: the same partial sums in the same order, but each element
     * read once, straight from native memory (no block copies), for the step cap's length of the update. Measured
     * over 10⁷ floats: 13–16 ms against 25–33 ms for {@code dot(x, x)} (double vectors: {@code dot(x, x)}).
     */
    public static double squaredNorm(INDArray x) {
        if (!Kernels.direct(x)) {
            return dev.ogr.api.VectorMath.dot(x, x);
        }
        return squaredNorm(Vec.of(x));
    }

    /**
     * {@link #squaredNorm(INDArray)} of a vector's element view, for callers that keep one (the step cap: no view made
     * per step, which at a few parameters costs more than the sum).
     */
    public static double squaredNorm(Vec v) {
        if (v.isFloat()) {
            return squaredNorm(v.floatBuffer(), v.offset(), v.length());
        }
        return v.isDouble() ? dot(v.array(), v.array()) : dev.ogr.api.VectorMath.dot(v.array(), v.array());
    }

    private static double squaredNorm(java.nio.FloatBuffer f, int o, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, tail = 0;
        int i = 0;
        for (; i + DOT_SUMS <= n; i += DOT_SUMS) {
            int a = o + i;
            double x0 = f.get(a);
            double x1 = f.get(a + 1);
            double x2 = f.get(a + 2);
            double x3 = f.get(a + 3);
            double x4 = f.get(a + 4);
            double x5 = f.get(a + 5);
            double x6 = f.get(a + 6);
            double x7 = f.get(a + 7);
            s0 += x0 * x0;
            s1 += x1 * x1;
            s2 += x2 * x2;
            s3 += x3 * x3;
            s4 += x4 * x4;
            s5 += x5 * x5;
            s6 += x6 * x6;
            s7 += x7 * x7;
        }
        for (; i < n; i++) {
            double xi = f.get(o + i);
            tail += xi * xi;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) + tail;
    }

    /** y ← y + a·x (on the CPU backend: one rounding of a·x, one of the sum, elementwise, as {@link #combine}). */
    public static void axpy(double a, INDArray x, INDArray y) {
        if (!(Kernels.direct(x) && Kernels.direct(y))) {
            Nd4j.getBlasWrapper().level1().axpy(x.length(), a, x, y);
            return;
        }
        combine(a, x, 1, y, 0, y);
    }

    /** dst ← src (equal lengths, any shapes). */
    public static void copy(INDArray src, INDArray dst) {
        combine(1, src, 0, null, 0, dst);
    }

    /** out ← a − b (equal lengths, any shapes; {@code out} may be {@code a} or {@code b}). */
    public static void difference(INDArray a, INDArray b, INDArray out) {
        combine(1, a, -1, b, 0, out);
    }

    /**
     * z ← a·x + b·y + c·z elementwise, in one pass over memory on the CPU backend (blocks of float arithmetic for
     * float vectors, which the JIT vectorises; double arithmetic otherwise) and through ND4J ops elsewhere. Vectors
     * of equal lengths, any shapes; {@code y} may be null (then b is ignored); with c = 0, z is only written (its old
     * entries, even NaN, do not matter); {@code z} may be {@code x} or {@code y}.
     */
    public static void combine(double a, INDArray x, double b, INDArray y, double c, INDArray z) {
        if (y == null) {
            b = 0;
        }
        if (Kernels.direct(x) && (y == null || Kernels.direct(y)) && Kernels.direct(z)) {
            Vec xv = Vec.of(x);
            Vec yv = y == null ? null : Vec.of(y);
            Vec zv = Vec.of(z);
            boolean floats = xv.isFloat() && (yv == null || yv.isFloat()) && zv.isFloat();
            int n = zv.length();
            if (floats && Kernels.simd(n)) { // the same roundings in the Vector API, in native memory, no block copies
                combineSimd((float) a, xv, (float) b, yv, (float) c, zv, n);
                return;
            }
            if (n < Parallel.THRESHOLD || Parallel.threads() == 1) { // on this thread, no kernel object to allocate
                if (floats) {
                    combineFloats((float) a, xv, (float) b, yv, (float) c, zv, 0, n, Scratch.current());
                } else {
                    combineDoubles(a, xv, b, yv, c, zv, 0, n, Scratch.current());
                }
                return;
            }
            double bb = b;
            Parallel.forRange(n, (from, to, s) -> {
                if (floats) {
                    combineFloats((float) a, xv, (float) bb, yv, (float) c, zv, from, to, s);
                } else {
                    combineDoubles(a, xv, bb, yv, c, zv, from, to, s);
                }
            });
            return;
        }
        INDArray out = x.reshape(z.shape()).mul(a);
        if (y != null && b != 0) {
            out.addi(y.reshape(z.shape()).mul(b));
        }
        if (c != 0) {
            out.addi(z.mul(c));
        }
        z.assign(out);
    }

    private static void combineSimd(float a, Vec xv, float b, Vec yv, float c, Vec zv, int n) {
        java.nio.ByteBuffer x = xv.bytes();
        java.nio.ByteBuffer y = yv == null ? null : yv.bytes();
        java.nio.ByteBuffer z = zv.bytes();
        int xAt = 4 * xv.offset();
        int yAt = yv == null ? 0 : 4 * yv.offset();
        int zAt = 4 * zv.offset();
        if (n < Parallel.THRESHOLD || Parallel.threads() == 1) {
            VectorLoops.combineFloats(a, x, xAt, b, y, yAt, c, z, zAt, 0, n);
        } else {
            Parallel.forRange(n, (from, to, sc) -> VectorLoops.combineFloats(a, x, xAt, b, y, yAt, c, z, zAt, from,
                    to));
        }
    }

    /**
     * Shortens a step by {@code s} from its update u = θ_old − θ_new, in place on θ only: θ_old = θ + u,
     * θ ← θ_old − s·u, elementwise with the same roundings as the two {@link #combine} calls
     * {@code combine(1, θ, 1, u, 0, old)}, {@code combine(1, old, -s, u, 0, θ)}, but in one pass over memory on the CPU
     * backend (the two calls off it, into {@code scratch}). The update is read, not written: it stays the unshortened
     * step (the step cap's own update, which nothing reads after the cap).
     */
    public static void shortenTheta(INDArray theta, INDArray update, double s, INDArray scratch) {
        if (!(Kernels.direct(theta) && Kernels.direct(update))) {
            combine(1, theta, 1, update, 0, scratch);
            combine(1, scratch, -s, update, 0, theta);
            return;
        }
        Vec tv = Vec.of(theta);
        Vec uv = Vec.of(update);
        boolean floats = tv.isFloat() && uv.isFloat();
        int n = tv.length();
        if (floats && Kernels.simd(n)) { // the same roundings in the Vector API, in native memory, no block copies
            java.nio.ByteBuffer t = tv.bytes();
            java.nio.ByteBuffer u = uv.bytes();
            float b = (float) -s;
            if (n < Parallel.THRESHOLD || Parallel.threads() == 1) {
                VectorLoops.shortenFloats(t, 4 * tv.offset(), u, 4 * uv.offset(), b, 0, n);
            } else {
                Parallel.forRange(n, (from, to, sc) -> VectorLoops.shortenFloats(t, 4 * tv.offset(), u,
                        4 * uv.offset(), b, from, to));
            }
            return;
        }
        if (n < Parallel.THRESHOLD || Parallel.threads() == 1) { // on this thread, no kernel object to allocate
            shorten(tv, uv, s, floats, 0, n, Scratch.current());
            return;
        }
        Parallel.forRange(n, (from, to, sc) -> shorten(tv, uv, s, floats, from, to, sc));
    }

    /** {@link #shortenTheta} over {@code from .. to - 1}, in short loops of one output each (which the JIT vectorises). */
    private static void shorten(Vec tv, Vec uv, double s, boolean floats, int from, int to, Scratch sc) {
        if (floats) {
            float[] t = sc.floatLane(0);
            float[] u = sc.floatLane(1);
            float[] old = sc.floatLane(2);
            float b = (float) -s;
            for (int start = from; start < to; start += Scratch.BLOCK) {
                int count = Math.min(Scratch.BLOCK, to - start);
                tv.readFloats(start, count, t);
                uv.readFloats(start, count, u);
                for (int i = 0; i < count; i++) {
                    old[i] = t[i] + u[i];
                }
                for (int i = 0; i < count; i++) {
                    t[i] = old[i] + b * u[i];
                }
                tv.writeFloats(start, count, t);
            }
            return;
        }
        double[] t = sc.lane(0);
        double[] u = sc.lane(1);
        double[] old = sc.lane(2);
        float[] f = sc.floats();
        for (int start = from; start < to; start += Scratch.BLOCK) {
            int count = Math.min(Scratch.BLOCK, to - start);
            tv.read(start, count, t, f);
            uv.read(start, count, u, f);
            for (int i = 0; i < count; i++) {
                old[i] = t[i] + u[i];
            }
            for (int i = 0; i < count; i++) {
                t[i] = old[i] + -s * u[i];
            }
            tv.write(start, count, t, f);
        }
    }

    private static void combineFloats(float a, Vec x, float b, Vec y, float c, Vec z, int from, int to, Scratch s) {
        float[] xs = s.floatLane(0);
        float[] ys = s.floatLane(1);
        float[] zs = s.floatLane(2);
        for (int start = from; start < to; start += Scratch.BLOCK) {
            int count = Math.min(Scratch.BLOCK, to - start);
            x.readFloats(start, count, xs);
            if (c != 0) {
                z.readFloats(start, count, zs);
            }
            if (y != null && b != 0) {
                y.readFloats(start, count, ys);
                if (c != 0) {
                    for (int i = 0; i < count; i++) {
                        zs[i] = a * xs[i] + b * ys[i] + c * zs[i];
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        zs[i] = a * xs[i] + b * ys[i];
                    }
                }
            } else if (c != 0) {
                for (int i = 0; i < count; i++) {
                    zs[i] = a * xs[i] + c * zs[i];
                }
            } else if (a == 1) {
                System.arraycopy(xs, 0, zs, 0, count);
            } else {
                for (int i = 0; i < count; i++) {
                    zs[i] = a * xs[i];
                }
            }
            z.writeFloats(start, count, zs);
        }
    }

    private static void combineDoubles(double a, Vec x, double b, Vec y, double c, Vec z, int from, int to,
            Scratch s) {
        double[] xs = s.lane(0);
        double[] ys = s.lane(1);
        double[] zs = s.lane(2);
        float[] f = s.floats();
        for (int start = from; start < to; start += Scratch.BLOCK) {
            int count = Math.min(Scratch.BLOCK, to - start);
            x.read(start, count, xs, f);
            if ((y == null || b == 0) && c == 0 && a == 1) { // a copy, exact (−0.0 and NaN payloads included)
                z.write(start, count, xs, f);
                continue;
            }
            if (y != null && b != 0) {
                y.read(start, count, ys, f);
            } else {
                java.util.Arrays.fill(ys, 0, count, 0);
            }
            if (c != 0) {
                z.read(start, count, zs, f);
                for (int i = 0; i < count; i++) {
                    zs[i] = a * xs[i] + b * ys[i] + c * zs[i];
                }
            } else {
                for (int i = 0; i < count; i++) {
                    zs[i] = a * xs[i] + b * ys[i];
                }
            }
            z.write(start, count, zs, f);
        }
    }

    /** Whether every entry of {@code x} is finite (neither NaN nor infinite). */
    public static boolean allFinite(INDArray x) {
        if (Kernels.direct(x)) {
            return Vec.of(x).allFinite();
        }
        return !BooleanIndexing.or(x, Conditions.isNan()) && !BooleanIndexing.or(x, Conditions.isInfinite());
    }
}
