package dev.ogr.core.exec;

/**
 * A built-in coordinate kernel's float form in the JDK's Vector API, computing directly in host memory rather than in
 * the block lanes of the public fast API: the same arithmetic, so the same results bit for bit, without the copies
 * into and out of the lanes that kept the lane form at a third to a half of the memory bandwidth
 * (docs/performance.md). Only single-pass kernels without sums have one.
 */
public interface DirectFloatKernel {

    /**
     * Computes coordinates {@code from .. to - 1} of the step at rate {@code learningRate}, after the tracker's
     * statistics of those coordinates were updated in memory: reads θ, g, the statistics and the state, writes the new
     * θ, the state and, when {@link DirectFloatMemory#update} is set, θ_old − θ_new.
     */
    void compute(DirectFloatMemory memory, int from, int to, double learningRate);

    /** A {@link dev.ogr.api.block.CoordinateKernel} that has a Vector API form. */
    interface Source {
        /** The Vector API form of this kernel, or null where it has none (called only when the module is present). */
        DirectFloatKernel directFloats();
    }
}
