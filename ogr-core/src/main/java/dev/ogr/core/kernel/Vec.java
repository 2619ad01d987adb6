package dev.ogr.core.kernel;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access to a dense ND4J vector for the per-coordinate loops of the strategies. On the CPU backend it
 * reads and writes the array's native memory through an NIO view, a few nanoseconds an element with no op
 * overhead; elsewhere (the CUDA profile, or when {@link Kernels#mode()} says so) it falls back to ND4J's element
 * access. Values are read and written as doubles; float arrays are converted on the way.
 *
 * <p>One final class for all three kinds, so that every call site in a loop stays monomorphic and inlines, whatever
 * mix of float, double and ND4J vectors a program uses (with one subclass per kind, a JVM that had seen two kinds
 * at a site ran the fused loops up to three times slower); the kind is a final field, a branch that predicts.
 */
public final class Vec {

    private static final byte FLOAT = 0;
    private static final byte DOUBLE = 1;
    private static final byte ND4J = 2;

    private final byte kind;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final INDArray array;
    private final int offset;
    private final int length;

    private Vec(byte kind, FloatBuffer floats, DoubleBuffer doubles, INDArray array, int offset, int length) {
        this.kind = kind;
        this.floats = floats;
        this.doubles = doubles;
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /**
     * A view of {@code array}'s elements: the fast NIO path when {@link Kernels#direct(INDArray)} allows it, else
     * ND4J element access.
     */
    public static Vec of(INDArray array) {
        if (array.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("vectors longer than 2^31 - 1 elements are not supported, got "
                    + array.length());
        }
        int n = (int) array.length();
        if (Kernels.direct(array)) {
            int offset = (int) array.offset();
            return array.dataType() == DataType.FLOAT
                    ? new Vec(FLOAT, array.data().asNioFloat(), null, null, offset, n)
                    : new Vec(DOUBLE, null, array.data().asNioDouble(), null, offset, n);
        }
        return new Vec(ND4J, null, null, array.reshape(array.length()), 0, n);
    }

    /** The number of elements. */
    public int length() {
        return length;
    }

    /** Element {@code i}. */
    public double get(int i) {
        if (kind == FLOAT) {
            return floats.get(offset + i);
        }
        if (kind == DOUBLE) {
            return doubles.get(offset + i);
        }
        return array.getDouble(i);
    }

    /** Whether the elements are floats in host memory (then {@link #readFloats} and {@link #writeFloats} apply). */
    public boolean isFloat() {
        return kind == FLOAT;
    }

    /** Copies elements {@code from .. from + count - 1} of a float vector into {@code dst[0 .. count - 1]}. */
    public void readFloats(int from, int count, float[] dst) {
        floats.get(offset + from, dst, 0, count);
    }

    /** Stores {@code src[0 .. count - 1]} into elements {@code from .. from + count - 1} of a float vector. */
    public void writeFloats(int from, int count, float[] src) {
        floats.put(offset + from, src, 0, count);
    }

    /**
     * Copies elements {@code from .. from + count - 1} into {@code dst[0 .. count - 1]} (as doubles): one bulk copy
     * out of native memory, then a conversion loop through {@code floats} (scratch of at least {@code count}) for
     * float vectors.
     */
    public void read(int from, int count, double[] dst, float[] floats) {
        if (kind == FLOAT) {
            this.floats.get(offset + from, floats, 0, count);
            for (int i = 0; i < count; i++) {
                dst[i] = floats[i];
            }
        } else if (kind == DOUBLE) {
            doubles.get(offset + from, dst, 0, count);
        } else {
            for (int i = 0; i < count; i++) {
                dst[i] = array.getDouble(from + i);
            }
        }
    }

    /**
     * Stores {@code src[0 .. count - 1]} into elements {@code from .. from + count - 1} and rounds {@code src} in
     * place to what was stored (to float for float vectors), so that later reads of the block see exactly the stored
     * values, as element access would; {@code floats} is scratch of at least {@code count}.
     */
    public void write(int from, int count, double[] src, float[] floats) {
        if (kind == FLOAT) {
            for (int i = 0; i < count; i++) {
                float f = (float) src[i];
                floats[i] = f;
                src[i] = f;
            }
            this.floats.put(offset + from, floats, 0, count);
        } else if (kind == DOUBLE) {
            doubles.put(offset + from, src, 0, count);
        } else {
            for (int i = 0; i < count; i++) {
                array.putScalar(from + i, src[i]);
                src[i] = array.getDouble(from + i);
            }
        }
    }

    /**
     * Whether the elements are stored as floats: a float vector in host memory, or (off the CPU backend) an ND4J
     * array of type FLOAT. Kernels that keep float data in float arithmetic ask this rather than {@link #isFloat()}, so
     * that both access paths compute the same values.
     */
    public boolean holdsFloats() {
        return kind == FLOAT || kind == ND4J && array.dataType() == DataType.FLOAT;
    }

    /**
     * Copies elements {@code from .. from + count - 1} into {@code dst[0 .. count - 1]} as floats, whatever the kind:
     * a bulk copy for float vectors in host memory, element access otherwise (doubles rounded to float).
     */
    public void readAsFloats(int from, int count, float[] dst) {
        if (kind == FLOAT) {
            floats.get(offset + from, dst, 0, count);
        } else if (kind == DOUBLE) {
            for (int i = 0; i < count; i++) {
                dst[i] = (float) doubles.get(offset + from + i);
            }
        } else {
            for (int i = 0; i < count; i++) {
                dst[i] = array.getFloat(from + i);
            }
        }
    }

    /** Stores the floats {@code src[0 .. count - 1]} into elements {@code from .. from + count - 1}, whatever the kind. */
    public void writeAsFloats(int from, int count, float[] src) {
        if (kind == FLOAT) {
            floats.put(offset + from, src, 0, count);
        } else if (kind == DOUBLE) {
            for (int i = 0; i < count; i++) {
                doubles.put(offset + from + i, src[i]);
            }
        } else {
            for (int i = 0; i < count; i++) {
                array.putScalar(from + i, src[i]);
            }
        }
    }

    /** Whether every element is finite (neither NaN nor infinite), in blocks split over {@link Parallel}'s threads. */
    public boolean allFinite() {
        if (length < Parallel.THRESHOLD || Parallel.threads() == 1) {
            return finite(0, length, Scratch.current());
        }
        boolean[] bad = new boolean[1];
        Parallel.forRange(length, (from, to, s) -> {
            if (!finite(from, to, s)) {
                bad[0] = true;
            }
        });
        return !bad[0];
    }

    private boolean finite(int from, int to, Scratch s) {
        if (kind == ND4J) {
            for (int i = from; i < to; i++) {
                if (!Double.isFinite(array.getDouble(i))) {
                    return false;
                }
            }
            return true;
        }
        // An element is NaN or infinite when its exponent bits are all ones; adding one to the lowest exponent bit
        // then carries into the sign bit, which the OR of the block keeps.
        double[] block = s.lane(0);
        for (int b = from; b < to; b += Scratch.BLOCK) {
            int count = Math.min(Scratch.BLOCK, to - b);
            if (kind == FLOAT) {
                float[] f = s.floats();
                floats.get(offset + b, f, 0, count);
                int bad = 0;
                for (int i = 0; i < count; i++) {
                    bad |= (Float.floatToRawIntBits(f[i]) & 0x7f800000) + 0x00800000;
                }
                if (bad < 0) {
                    return false;
                }
            } else {
                doubles.get(offset + b, block, 0, count);
                long bad = 0;
                for (int i = 0; i < count; i++) {
                    bad |= (Double.doubleToRawLongBits(block[i]) & 0x7ff0000000000000L) + 0x0010000000000000L;
                }
                if (bad < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Sets element {@code i}. */
    public void set(int i, double value) {
        if (kind == FLOAT) {
            floats.put(offset + i, (float) value);
        } else if (kind == DOUBLE) {
            doubles.put(offset + i, value);
        } else {
            array.putScalar(i, value);
        }
    }
}
