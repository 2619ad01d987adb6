package dev.ogr.core.kernel;

import dev.ogr.api.block.CoordinateBlock;

/**
 * Per-thread working memory of the block kernels: the lanes of a {@link CoordinateBlock} ({@link #LANES} double and
 * float arrays of {@link #BLOCK} elements), into which a kernel copies one block of each vector it touches, and a
 * float array for the conversions of float vectors. A block of every lane stays in the core's caches, so the
 * kernel's arithmetic runs as plain counted loops over heap arrays (no per-element bounds checks or kind branches)
 * while memory traffic stays one pass over each vector. Kernels whose vectors are all float use the float lanes,
 * converting each element in registers (on JDK 17 a separate float-to-double conversion loop does not vectorise
 * and costs more than the arithmetic).
 */
public final class Scratch {

    /** The number of elements per block. */
    public static final int BLOCK = CoordinateBlock.SIZE;

    /** The number of lanes. */
    public static final int LANES = CoordinateBlock.LANES;

    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    private final CoordinateBlock block = new CoordinateBlock();
    private final float[] floats = new float[BLOCK];
    private final int[][] intLanes = new int[2][BLOCK + 80];
    private final long[][] longLanes = new long[2][BLOCK + 80];

    Scratch() {
    }

    /** The calling thread's scratch (created on a thread's first use, then reused). */
    public static Scratch current() {
        return PER_THREAD.get();
    }

    /** The lanes as the public block a {@link dev.ogr.api.block.CoordinateKernel} computes in. */
    public CoordinateBlock block() {
        return block;
    }

    /** Lane {@code k}. */
    public double[] lane(int k) {
        return block.lane(k);
    }

    /** Float lane {@code k}, for kernels whose vectors are all float. */
    public float[] floatLane(int k) {
        return block.floatLane(k);
    }

    /** Int lane {@code k} (0 or 1), for bit-level checks of float vectors. */
    public int[] intLane(int k) {
        return intLanes[k];
    }

    /** Long lane {@code k} (0 or 1), for bit-level checks of double vectors. */
    public long[] longLane(int k) {
        return longLanes[k];
    }

    /** The float conversion buffer for {@link Vec#read} and {@link Vec#write}. */
    public float[] floats() {
        return floats;
    }
}
