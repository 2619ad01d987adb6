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
        if (Kernels.direct(src) && Kernels.direct(dst)) {
            Vec s = Vec.of(src);
            Vec d = Vec.of(dst);
            Parallel.forRange(s.length(), (from, to, scratch) -> {
                double[] block = scratch.lane(0);
                for (int b = from; b < to; b += Scratch.BLOCK) {
                    int count = Math.min(Scratch.BLOCK, to - b);
                    s.read(b, count, block, scratch.floats());
                    d.write(b, count, block, scratch.floats());
                }
            });
            return;
        }
        dst.assign(src.reshape(dst.shape()));
    }

    /** out ← a − b (equal lengths, any shapes; {@code out} may be {@code a} or {@code b}). */
    public static void difference(INDArray a, INDArray b, INDArray out) {
        if (Kernels.direct(a) && Kernels.direct(b) && Kernels.direct(out)) {
            Vec x = Vec.of(a);
            Vec y = Vec.of(b);
            Vec z = Vec.of(out);
            int n = z.length();
            for (int i = 0; i < n; i++) {
                z.set(i, x.get(i) - y.get(i));
            }
            return;
        }
        out.assign(a.reshape(out.shape()).sub(b.reshape(out.shape())));
    }

    /** Whether every entry of {@code x} is finite (neither NaN nor infinite). */
    public static boolean allFinite(INDArray x) {
        if (Kernels.direct(x)) {
            return Vec.of(x).allFinite();
        }
        return !BooleanIndexing.or(x, Conditions.isNan()) && !BooleanIndexing.or(x, Conditions.isInfinite());
    }
}
