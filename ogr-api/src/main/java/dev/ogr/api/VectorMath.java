package dev.ogr.api;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dot products and {@code y ← y + a·x} whose result has the same bits on every machine, for strategies to use instead
 * of BLAS. OpenBLAS chooses its kernels by CPU at run time (an AVX-512 machine's {@code ddot} and {@code daxpy} round
 * differently from an AVX2 machine's), so a trajectory computed through BLAS depends on the machine it runs on, and a
 * run cannot be reproduced elsewhere bit for bit. On the CPU backend, for dense float or double vectors, these are
 * Java loops with a fixed order of operations; anywhere else (another backend, a strided view) they are ND4J's BLAS
 * calls.
 */
public final class VectorMath {

    /** The partial sums of {@link #dot}: enough independent additions to hide a floating-point add's latency. */
    public static final int DOT_SUMS = 8;

    private static final boolean CPU = Nd4j.getBackend().getClass().getName().contains(".cpu.");

    private VectorMath() {
    }

    /** Whether {@code a} is a dense float or double vector in host memory, which the Java loops handle. */
    public static boolean isHostVector(INDArray a) {
        return CPU && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE) && a.isVectorOrScalar()
                && (a.length() == 1 || a.elementWiseStride() == 1) && a.ordering() == 'c'
                && a.length() <= Integer.MAX_VALUE;
    }

    /**
     * The dot product xᵀy of two vectors of equal length (any shapes). On host vectors the products are formed and
     * summed in double, element i into partial sum i mod {@value #DOT_SUMS} (the last n mod {@value #DOT_SUMS}
     * elements into a ninth), the partial sums added pairwise at the end, all on the calling thread: the same bits
     * on every machine and with any thread setting.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double dot(INDArray x, INDArray y) {
        if (x.length() != y.length()) {
            throw new IllegalArgumentException("dot product of vectors of lengths " + x.length() + " and "
                    + y.length());
        }
        if (!(isHostVector(x) && isHostVector(y))) {
            return Nd4j.getBlasWrapper().dot(x, y);
        }
        int n = (int) x.length();
        int ox = (int) x.offset();
        int oy = (int) y.offset();
        boolean fx = x.dataType() == DataType.FLOAT;
        boolean fy = y.dataType() == DataType.FLOAT;
        FloatBuffer xf = fx ? x.data().asNioFloat() : null;
        FloatBuffer yf = fy ? y.data().asNioFloat() : null;
        DoubleBuffer xd = fx ? null : x.data().asNioDouble();
        DoubleBuffer yd = fy ? null : y.data().asNioDouble();
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, tail = 0;
        int i = 0;
        if (!fx && !fy) {
            for (; i + DOT_SUMS <= n; i += DOT_SUMS) {
                int a = ox + i;
                int b = oy + i;
                s0 += xd.get(a) * yd.get(b);
                s1 += xd.get(a + 1) * yd.get(b + 1);
                s2 += xd.get(a + 2) * yd.get(b + 2);
                s3 += xd.get(a + 3) * yd.get(b + 3);
                s4 += xd.get(a + 4) * yd.get(b + 4);
                s5 += xd.get(a + 5) * yd.get(b + 5);
                s6 += xd.get(a + 6) * yd.get(b + 6);
                s7 += xd.get(a + 7) * yd.get(b + 7);
            }
        } else if (fx && fy) {
            for (; i + DOT_SUMS <= n; i += DOT_SUMS) {
                int a = ox + i;
                int b = oy + i;
                s0 += (double) xf.get(a) * yf.get(b);
                s1 += (double) xf.get(a + 1) * yf.get(b + 1);
                s2 += (double) xf.get(a + 2) * yf.get(b + 2);
                s3 += (double) xf.get(a + 3) * yf.get(b + 3);
                s4 += (double) xf.get(a + 4) * yf.get(b + 4);
                s5 += (double) xf.get(a + 5) * yf.get(b + 5);
                s6 += (double) xf.get(a + 6) * yf.get(b + 6);
                s7 += (double) xf.get(a + 7) * yf.get(b + 7);
            }
        }
        for (; i < n; i++) { // the tail, and vectors of mixed types (rare: element by element)
            double a = fx ? xf.get(ox + i) : xd.get(ox + i);
            double b = fy ? yf.get(oy + i) : yd.get(oy + i);
            tail += a * b;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) + tail;
    }

    /**
     * y ← y + a·x for vectors of equal length (any shapes). On host vectors each element is a·x rounded, then the sum
     * rounded, in the vectors' type (for float vectors a is rounded to float first, as BLAS's {@code saxpy} takes it).
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void axpy(double a, INDArray x, INDArray y) {
        if (x.length() != y.length()) {
            throw new IllegalArgumentException("axpy of vectors of lengths " + x.length() + " and " + y.length());
        }
        if (!(isHostVector(x) && isHostVector(y)) || x.dataType() != y.dataType()) {
            Nd4j.getBlasWrapper().level1().axpy(x.length(), a, x, y);
            return;
        }
        int n = (int) x.length();
        int ox = (int) x.offset();
        int oy = (int) y.offset();
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer xf = x.data().asNioFloat();
            FloatBuffer yf = y.data().asNioFloat();
            float af = (float) a;
            for (int i = 0; i < n; i++) {
                yf.put(oy + i, yf.get(oy + i) + af * xf.get(ox + i));
            }
            return;
        }
        DoubleBuffer xd = x.data().asNioDouble();
        DoubleBuffer yd = y.data().asNioDouble();
        for (int i = 0; i < n; i++) {
            yd.put(oy + i, yd.get(oy + i) + a * xd.get(ox + i));
        }
    }
}
