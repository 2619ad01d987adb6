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
