package dev.ogr.core.kernel;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
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
    // the same memory as raw bits, for the finiteness check (null for ND4J vectors)
    private final IntBuffer floatBits;
    private final LongBuffer doubleBits;
    // The viewed array: its native memory is freed once the array is unreachable, so a view keeps it reachable.
    private final INDArray owner;
    // what the view was made from, to recognise it in the per-thread cache of recent views
    private final Object buffer;
    private final Kernels.Mode mode;
    // bytes(), made on first use (absolute loads and stores only, so one buffer serves every caller and thread)
    private volatile java.nio.ByteBuffer nativeBytes;

    private Vec(INDArray owner, byte kind, FloatBuffer floats, DoubleBuffer doubles, INDArray array, int offset,
            int length, IntBuffer floatBits, LongBuffer doubleBits) {
        this.kind = kind;
        this.floats = floats;
        this.doubles = doubles;
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.floatBits = floatBits;
        this.doubleBits = doubleBits;
        this.owner = owner;
        this.buffer = owner.data();
        this.mode = Kernels.mode();
    }

    /**
     * A view of {@code array}'s elements: the fast NIO path when {@link Kernels#direct(INDArray)} allows it, else
     * ND4J element access. Creating the NIO views of an array costs about a microsecond, so each thread remembers
     * the views of the last few arrays it asked for (weakly: a view nobody holds may be dropped) and returns the
     * same view for the same array, buffer and mode.
     */
    public static Vec of(INDArray array) {
        Recent recent = RECENT.get();
        Kernels.Mode mode = Kernels.mode();
        for (java.lang.ref.WeakReference<Vec> ref : recent.views) {
            Vec v = ref == null ? null : ref.get();
            if (v != null && v.owner == array && v.buffer == array.data() && v.mode == mode) {
                return v;
            }
        }
        Vec v = create(array);
        recent.views[recent.next] = new java.lang.ref.WeakReference<>(v);
        recent.next = (recent.next + 1) % recent.views.length;
        return v;
    }

    /** The last views made on a thread. */
    private static final class Recent {
        @SuppressWarnings("unchecked")
        final java.lang.ref.WeakReference<Vec>[] views = new java.lang.ref.WeakReference[8];
        int next;
    }

    private static final ThreadLocal<Recent> RECENT = ThreadLocal.withInitial(Recent::new);

    /**
     * A view of a dense float or double vector's memory as the host sees it, whatever the backend and
     * {@link Kernels#mode()}: the staged fallback's view (docs/gpu.md), made after the caller moved the array's current
     * contents to host memory. Not remembered like {@link #of}'s views.
     *
     * @throws IllegalArgumentException if the array is not a dense float or double vector in row-major order
     */
    public static Vec host(INDArray array) {
        if (!Kernels.hostLayout(array)) {
            throw new IllegalArgumentException("a host view needs a dense float or double vector, got "
                    + array.dataType() + " " + java.util.Arrays.toString(array.shape()));
        }
        return create(array, true);
    }

    /** The array this view reads and writes. */
    public INDArray array() {
        return owner;
    }

    private static Vec create(INDArray array) {
        return create(array, false);
    }

    private static Vec create(INDArray array, boolean host) {
        if (array.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("vectors longer than 2^31 - 1 elements are not supported, got "
                    + array.length());
        }
        int n = (int) array.length();
        if (host || Kernels.direct(array)) {
            int offset = (int) array.offset();
            java.nio.ByteBuffer bytes = array.data().asNio().order(ByteOrder.nativeOrder());
            if (array.dataType() == DataType.FLOAT) {
                FloatBuffer floats = array.data().asNioFloat();
                IntBuffer bits = bytes.asIntBuffer();
                return new Vec(array, FLOAT, floats, null, null, offset, n, bits.capacity() == floats.capacity()
                        && floats.order() == ByteOrder.nativeOrder() ? bits : null, null);
            }
            DoubleBuffer doubles = array.data().asNioDouble();
            LongBuffer bits = bytes.asLongBuffer();
            return new Vec(array, DOUBLE, null, doubles, null, offset, n, null, bits.capacity() == doubles.capacity()
                    && doubles.order() == ByteOrder.nativeOrder() ? bits : null);
        }
        return new Vec(array, ND4J, null, null, array.reshape(array.length()), 0, n, null, null);
    }

    /**
     * The native memory of a float or double vector in host memory, in the platform's byte order, or null for other
     * kinds; element i lies at byte {@code (offset() + i) * elementSize}.
     */
    public java.nio.ByteBuffer bytes() {
        if (kind == ND4J) {
            return null;
        }
        java.nio.ByteBuffer b = nativeBytes;
        if (b == null) {
            b = owner.data().asNio().order(ByteOrder.nativeOrder());
            nativeBytes = b;
        }
        return b;
    }

    /** The index in {@link #bytes()}'s elements of this vector's element 0. */
    public int offset() {
        return offset;
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

    /**
     * The float buffer over a float vector's native memory (element i at {@code offset() + i}), else null: for loops
     * that read each element once, where a block copy would cost a pass of its own.
     */
    public FloatBuffer floatBuffer() {
        return floats;
    }

    /** Whether the elements are doubles in host memory. */
    public boolean isDouble() {
        return kind == DOUBLE;
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
        // then carries into the sign bit. The raw bits are copied out block by block and OR-ed elementwise into an
        // accumulator lane (an elementwise integer loop the JIT vectorises, where a reduction or a float-to-bits
        // conversion would not be), which is reduced once at the end.
        if (kind == FLOAT && Kernels.simd(length)) { // the Vector API over native memory, no block copies
            return VectorFiniteness.allFinite(bytes(), 4 * offset, from, to);
        }
        if (kind == FLOAT && floatBits != null) {
            int[] bits = s.intLane(0);
            int[] acc = s.intLane(1);
            java.util.Arrays.fill(acc, 0, Scratch.BLOCK, 0);
            for (int b = from; b < to; b += Scratch.BLOCK) {
                int count = Math.min(Scratch.BLOCK, to - b);
                floatBits.get(offset + b, bits, 0, count);
                for (int i = 0; i < count; i++) {
                    acc[i] |= (bits[i] & 0x7f800000) + 0x00800000;
                }
            }
            int bad = 0;
            for (int i = 0; i < Scratch.BLOCK; i++) {
                bad |= acc[i];
            }
            return bad >= 0;
        }
        if (kind == DOUBLE && doubleBits != null) {
            long[] bits = s.longLane(0);
            long[] acc = s.longLane(1);
            java.util.Arrays.fill(acc, 0, Scratch.BLOCK, 0);
            for (int b = from; b < to; b += Scratch.BLOCK) {
                int count = Math.min(Scratch.BLOCK, to - b);
                doubleBits.get(offset + b, bits, 0, count);
                for (int i = 0; i < count; i++) {
                    acc[i] |= (bits[i] & 0x7ff0000000000000L) + 0x0010000000000000L;
                }
            }
            long bad = 0;
            for (int i = 0; i < Scratch.BLOCK; i++) {
                bad |= acc[i];
            }
            return bad >= 0;
        }
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(get(i))) {
                return false;
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
