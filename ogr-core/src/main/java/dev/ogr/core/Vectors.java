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
 * The few vector operations the optimizer needs, on vectors of equal length (any shape), done in place through
 * BLAS so that no array is allocated.
 */
public final class Vectors {

    private Vectors() {
    }

    /** The dot product xᵀy. */
    public static double dot(INDArray x, INDArray y) {
        return Nd4j.getBlasWrapper().dot(x, y);
    }

    /** y ← y + a·x. */
    public static void axpy(double a, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(x.length(), a, x, y);
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
