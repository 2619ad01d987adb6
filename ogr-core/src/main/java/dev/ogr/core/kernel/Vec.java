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
 */
public abstract sealed class Vec permits Vec.FloatVec, Vec.DoubleVec, Vec.NdVec {

    /** The number of elements. */
    public abstract int length();

    /** Element {@code i}. */
    public abstract double get(int i);

    /** Sets element {@code i}. */
    public abstract void set(int i, double value);

    /**
     * A view of {@code array}'s elements: the fast NIO path when {@link Kernels#direct(INDArray)} allows it, else
     * ND4J element access.
     */
    public static Vec of(INDArray array) {
        if (array.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("vectors longer than 2^31 - 1 elements are not supported, got "
                    + array.length());
        }
        if (Kernels.direct(array)) {
            int offset = (int) array.offset();
            int n = (int) array.length();
            return array.dataType() == DataType.FLOAT
                    ? new FloatVec(array.data().asNioFloat(), offset, n)
                    : new DoubleVec(array.data().asNioDouble(), offset, n);
        }
        return new NdVec(array.reshape(array.length()));
    }

    /** Float memory through an NIO view. */
    static final class FloatVec extends Vec {
        private final FloatBuffer buffer;
        private final int offset;
        private final int length;

        FloatVec(FloatBuffer buffer, int offset, int length) {
            this.buffer = buffer;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public double get(int i) {
            return buffer.get(offset + i);
        }

        @Override
        public void set(int i, double value) {
            buffer.put(offset + i, (float) value);
        }
    }

    /** Double memory through an NIO view. */
    static final class DoubleVec extends Vec {
        private final DoubleBuffer buffer;
        private final int offset;
        private final int length;

        DoubleVec(DoubleBuffer buffer, int offset, int length) {
            this.buffer = buffer;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public double get(int i) {
            return buffer.get(offset + i);
        }

        @Override
        public void set(int i, double value) {
            buffer.put(offset + i, value);
        }
    }

    /** ND4J element access, for backends whose memory is not host memory. */
    static final class NdVec extends Vec {
        private final INDArray array;

        NdVec(INDArray array) {
            this.array = array;
        }

        @Override
        public int length() {
            return (int) array.length();
        }

        @Override
        public double get(int i) {
            return array.getDouble(i);
        }

        @Override
        public void set(int i, double value) {
            array.putScalar(i, value);
        }
    }
}
