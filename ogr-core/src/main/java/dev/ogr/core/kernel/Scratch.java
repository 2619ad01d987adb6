package dev.ogr.core.kernel;

/**
 * Per-thread working memory of the block kernels: {@link #LANES} double arrays of {@link #BLOCK} elements, into
 * which a kernel copies one block of each vector it touches, and a float array for the conversions of float vectors.
 * A block of every lane stays in the core's caches, so the kernel's arithmetic runs as plain counted loops over heap
 * arrays (no per-element bounds checks or kind branches) while memory traffic stays one pass over each vector.
 * Kernels whose vectors are all float use the float lanes, converting each element in registers (on JDK 17 a
 * separate float-to-double conversion loop does not vectorise and costs more than the arithmetic).
 */
public final class Scratch {

    /** The number of elements per block. */
    public static final int BLOCK = 1024;

    /** The number of lanes. */
    public static final int LANES = 12;

    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    /**
     * Extra elements after each lane. Lanes allocated one after another would otherwise start a multiple of 4 KiB
     * apart (plus the array header), and a vectorised loop storing to one lane while loading from another then
     * stalls on false store-to-load aliasing of the low 12 address bits; the padding spreads the lanes' offsets.
     */
    private static final int PAD = 80;

    private final double[][] lanes = new double[LANES][BLOCK + PAD];
    private final float[][] floatLanes = new float[LANES][BLOCK + PAD];
    private final float[] floats = new float[BLOCK];
    private final int[][] intLanes = new int[2][BLOCK + PAD];
    private final long[][] longLanes = new long[2][BLOCK + PAD];

    Scratch() {
    }

    /** The calling thread's scratch (created on a thread's first use, then reused). */
    public static Scratch current() {
        return PER_THREAD.get();
    }

    /** Lane {@code k}. */
    public double[] lane(int k) {
        return lanes[k];
    }

    /** Float lane {@code k}, for kernels whose vectors are all float. */
    public float[] floatLane(int k) {
        return floatLanes[k];
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
