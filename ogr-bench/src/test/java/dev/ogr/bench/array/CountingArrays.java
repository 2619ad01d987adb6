package dev.ogr.bench.array;

import dev.ogr.api.StrategyState;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Arrays whose buffers count every element access from Java (get, put, the NIO views the fused pass reads through,
 * bulk copies to Java arrays): on a GPU backend each of those would be a transfer between host and device. Counted
 * apart for vectors (longer than {@link #SCALAR_ARRAY} elements) and for scalars and arrays of scalar estimates.
 */
final class CountingArrays implements StrategyState.Allocator {

    /**
     * The longest array whose accesses count as scalar ones: a rule's scalar estimates (DoG keeps four: its step
     * count, r̄, Σ‖g‖² and η), which a step reads and sets on the host. The test problems' vectors have 40 or more
     * entries.
     */
    static final int SCALAR_ARRAY = 8;

    final AtomicLong vectorAccesses = new AtomicLong();
    final AtomicLong scalarAccesses = new AtomicLong();
    final AtomicLong allocations = new AtomicLong();

    void reset() {
        vectorAccesses.set(0);
        scalarAccesses.set(0);
        allocations.set(0);
    }

    @Override
    public INDArray allocate(String name, DataType type, long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        INDArray a = Nd4j.create(buffer(type, n), shape.length == 0 ? new long[] {1} : shape);
        a.assign(0);
        return shape.length == 0 ? a.reshape() : a;
    }

    @Override
    public INDArray scratch(DataType type, long length) {
        INDArray a = Nd4j.create(buffer(type, length), new long[] {length});
        a.assign(0);
        return a;
    }

    /** A counting vector holding {@code values} (as {@code type}). */
    INDArray vector(DataType type, double[] values) {
        INDArray a = scratch(type, values.length);
        a.assign(Nd4j.createFromArray(values).castTo(type));
        return a;
    }

    private DataBuffer buffer(DataType type, long n) {
        allocations.incrementAndGet();
        AtomicLong counter = n > SCALAR_ARRAY ? vectorAccesses : scalarAccesses;
        return switch (type) {
            case FLOAT -> new Floats(n, counter);
            case DOUBLE -> new Doubles(n, counter);
            case LONG -> new Longs(n, counter);
            default -> throw new IllegalArgumentException("no counting buffer for " + type);
        };
    }

    private static final class Floats extends org.nd4j.linalg.cpu.nativecpu.buffer.FloatBuffer {
        private final transient AtomicLong count;

        Floats(long n, AtomicLong count) {
            super(n, true);
            this.count = count;
        }

        @Override public double getDouble(long i) { count.incrementAndGet(); return super.getDouble(i); }
        @Override public float getFloat(long i) { count.incrementAndGet(); return super.getFloat(i); }
        @Override public long getLong(long i) { count.incrementAndGet(); return super.getLong(i); }
        @Override public int getInt(long i) { count.incrementAndGet(); return super.getInt(i); }
        @Override public Number getNumber(long i) { count.incrementAndGet(); return super.getNumber(i); }
        @Override public void put(long i, float v) { count.incrementAndGet(); super.put(i, v); }
        @Override public void put(long i, double v) { count.incrementAndGet(); super.put(i, v); }
        @Override public void put(long i, int v) { count.incrementAndGet(); super.put(i, v); }
        @Override public void put(long i, long v) { count.incrementAndGet(); super.put(i, v); }
        @Override public java.nio.ByteBuffer asNio() { count.incrementAndGet(); return super.asNio(); }
        @Override public java.nio.FloatBuffer asNioFloat() { count.incrementAndGet(); return super.asNioFloat(); }
        @Override public float[] asFloat() { count.incrementAndGet(); return super.asFloat(); }
        @Override public double[] asDouble() { count.incrementAndGet(); return super.asDouble(); }
    }

    private static final class Doubles extends org.nd4j.linalg.cpu.nativecpu.buffer.DoubleBuffer {
        private final transient AtomicLong count;

        Doubles(long n, AtomicLong count) {
            super(n, true);
            this.count = count;
        }

        @Override public double getDouble(long i) { count.incrementAndGet(); return super.getDouble(i); }
        @Override public float getFloat(long i) { count.incrementAndGet(); return super.getFloat(i); }
        @Override public long getLong(long i) { count.incrementAndGet(); return super.getLong(i); }
        @Override public int getInt(long i) { count.incrementAndGet(); return super.getInt(i); }
        @Override public Number getNumber(long i) { count.incrementAndGet(); return super.getNumber(i); }
        @Override public void put(long i, float v) { count.incrementAndGet(); super.put(i, v); }
        @Override public void put(long i, double v) { count.incrementAndGet(); super.put(i, v); }
        @Override public void put(long i, int v) { count.incrementAndGet(); super.put(i, v); }
        @Override public void put(long i, long v) { count.incrementAndGet(); super.put(i, v); }
        @Override public java.nio.ByteBuffer asNio() { count.incrementAndGet(); return super.asNio(); }
        @Override public java.nio.DoubleBuffer asNioDouble() { count.incrementAndGet(); return super.asNioDouble(); }
        @Override public float[] asFloat() { count.incrementAndGet(); return super.asFloat(); }
        @Override public double[] asDouble() { count.incrementAndGet(); return super.asDouble(); }
    }

    private static final class Longs extends org.nd4j.linalg.cpu.nativecpu.buffer.LongBuffer {
        private final transient AtomicLong count;

        Longs(long n, AtomicLong count) {
            super(n, true);
            this.count = count;
        }

        @Override public double getDouble(long i) { count.incrementAndGet(); return super.getDouble(i); }
        @Override public float getFloat(long i) { count.incrementAndGet(); return super.getFloat(i); }
        @Override public long getLong(long i) { count.incrementAndGet(); return super.getLong(i); }
        @Override public int getInt(long i) { count.incrementAndGet(); return super.getInt(i); }
        @Override public Number getNumber(long i) { count.incrementAndGet(); return super.getNumber(i); }
        @Override public void put(long i, float v) { count.incrementAndGet(); super.put(i, v); }
        @Override public void put(long i, double v) { count.incrementAndGet(); super.put(i, v); }
        @Override public void put(long i, int v) { count.incrementAndGet(); super.put(i, v); }
        @Override public void put(long i, long v) { count.incrementAndGet(); super.put(i, v); }
        @Override public java.nio.ByteBuffer asNio() { count.incrementAndGet(); return super.asNio(); }
    }
}
