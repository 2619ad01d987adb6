package dev.ogr.api.array;

/**
 * The array-op form of a coordinate-wise step rule ({@link dev.ogr.api.StepRule#arrayKernel()}): the same
 * arithmetic as its {@link dev.ogr.api.block.CoordinateKernel}, written as whole-array ND4J operations on the
 * arrays of an {@link ArrayStep}, in place, so that it runs where the arrays live (a GPU's memory) without element
 * access. A kernel keeps its per-coordinate state in arrays made in the rule's {@code init}, allocates nothing per
 * step (the {@link ArrayStep#scratch} arrays are preallocated) and reads back to the host at most a few scalars.
 * The guards of the block form (a variance of zero, a NaN ratio) are array ops too, e.g.
 * {@link ArrayOps#replaceNaN}.
 *
 * <p>A heavy-ball momentum v ← β·v + g, θ ← θ − η·v, with {@code velocity} a state array of the rule:
 * <pre>{@code
 * public void step(ArrayStep s) {
 *     ArrayOps.axpy(beta, velocity, s.gradient(), velocity);     // v = beta*v + g
 *     ArrayOps.axpy(-s.learningRate(), velocity, s.theta(), s.theta());
 * }
 * }</pre>
 */
public interface ArrayKernel {

    /** The number of scratch arrays the kernel uses, at most {@link ArrayStep#MAX_SCRATCH}; 0 by default. */
    default int scratchArrays() {
        return 0;
    }

    /**
     * Whether {@link #step} reads the statistics arrays; a kernel that does runs on this path only with a tracker that
     * keeps them. True by default.
     */
    default boolean readsStatistics() {
        return true;
    }

    /**
     * The number of ND4J op calls one {@link #step} makes (as ND4J's op profiler counts them), for the performance
     * table; -1 (the default) when the kernel does not say.
     */
    default int opsPerStep() {
        return -1;
    }

    /** Moves θ (in place) by one step, updating the kernel's state; see the class comment. */
    void step(ArrayStep step);
}
