package dev.ogr.core.exec;

import java.nio.ByteBuffer;

/**
 * The squared length ‖u‖² of a float pass's update output, summed chunk by chunk right after the pass wrote the chunk
 * (while it is in the cache), with the bits of {@link dev.ogr.core.Vectors#squaredNorm(dev.ogr.core.kernel.Vec)}:
 * element i is squared in double and added to partial sum i mod 8 in index order, the last {@code length mod 8}
 * elements to a ninth, and the nine are added as there. That order holds only when the chunks come in index order
 * from one thread over the whole vector, so a pass sums only a range that is the whole vector
 * ({@link #covers}); otherwise the step cap reads the update once more. This saves the cap one read of the update
 * per step (docs/performance.md, "The cap's squared length inside the pass").
 */
final class UpdateSquares {

    private static final int SUMS = 8;

    private final double[] sums = new double[SUMS + 1];
    private int length;
    private int lastFull;
    private int next;
    private boolean complete;

    /** Starts a sum over a vector of {@code length} elements. */
    void begin(int length) {
        java.util.Arrays.fill(sums, 0.0);
        this.length = length;
        this.lastFull = length - length % SUMS;
        this.next = 0;
        this.complete = false;
    }

    /** Whether a pass's range {@code from .. to - 1} is the whole vector, so its chunks can be summed in order. */
    boolean covers(int from, int to) {
        return from == 0 && to == length;
    }

    /**
     * {@link #add} with the whole groups of eight in the JDK's Vector API ({@link UpdateSquaresSimd}), for passes that
     * run there (so the module is present).
     */
    void addInVectors(ByteBuffer u, int at, int from, int to) {
        check(from, to);
        int i = UpdateSquaresSimd.USABLE ? UpdateSquaresSimd.add(sums, u, at, from, Math.min(to, lastFull)) : from;
        addScalar(u, at, i, to);
    }

    /** Adds the squares of elements {@code from .. to - 1} of the float vector at byte index {@code at} of {@code u}. */
    void add(ByteBuffer u, int at, int from, int to) {
        check(from, to);
        addScalar(u, at, from, to);
    }

    private void check(int from, int to) {
        if (from != next) {
            throw new IllegalStateException("the update's chunks must come in order: expected element " + next
                    + ", got " + from);
        }
        if (to < lastFull && to % SUMS != 0 || to > length) {
            throw new IllegalArgumentException("a chunk must end at a multiple of " + SUMS + " or at the vector's end "
                    + length + ", got " + to);
        }
    }

    private void addScalar(ByteBuffer u, int at, int from, int to) {
        double s0 = sums[0], s1 = sums[1], s2 = sums[2], s3 = sums[3];
        double s4 = sums[4], s5 = sums[5], s6 = sums[6], s7 = sums[7];
        int i = from;
        int full = Math.min(to, lastFull);
        for (; i < full; i += SUMS) { // from is a multiple of 8 below lastFull: chunks are whole groups of eight
            int a = at + 4 * i;
            double x0 = u.getFloat(a);
            double x1 = u.getFloat(a + 4);
            double x2 = u.getFloat(a + 8);
            double x3 = u.getFloat(a + 12);
            double x4 = u.getFloat(a + 16);
            double x5 = u.getFloat(a + 20);
            double x6 = u.getFloat(a + 24);
            double x7 = u.getFloat(a + 28);
            s0 += x0 * x0;
            s1 += x1 * x1;
            s2 += x2 * x2;
            s3 += x3 * x3;
            s4 += x4 * x4;
            s5 += x5 * x5;
            s6 += x6 * x6;
            s7 += x7 * x7;
        }
        double tail = sums[SUMS];
        for (; i < to; i++) {
            double xi = u.getFloat(at + 4 * i);
            tail += xi * xi;
        }
        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
        sums[4] = s4;
        sums[5] = s5;
        sums[6] = s6;
        sums[7] = s7;
        sums[SUMS] = tail;
        next = to;
        complete = to == length;
    }

    /** ‖u‖² once every element was added in order, else NaN (the sum was not taken: read the update). */
    double total() {
        if (!complete) {
            return Double.NaN;
        }
        return ((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7])) + sums[SUMS];
    }
}
