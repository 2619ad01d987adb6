package dev.ogr.api.block;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fast form of a coordinate-wise step rule ({@link dev.ogr.api.StepRule#coordinateKernel()}): the arithmetic of
 * one block of coordinates, written as plain loops over the lanes of a {@link CoordinateBlock}. The core runs it
 * inside its one fused pass over memory, which per block reads θ, g and the kernel's state arrays into lanes, updates
 * the tracker's statistics, calls {@link #compute} (or {@link #computeFloats}), and stores the new θ, the state and,
 * for Deeplearning4j, the update θ_old − θ_new. A kernel computes exactly what its rule's
 * {@link dev.ogr.api.StepRule#step} computes, so the two paths agree.
 *
 * <p>A heavy-ball momentum v ← β·v + g, θ ← θ − η·v is, with {@code velocity} a state array of the rule:
 * <pre>{@code
 * public List<INDArray> stateArrays() { return List.of(velocity); }
 * public boolean readsStatistics() { return false; }
 * public void compute(CoordinateBlock b) {
 *     double[] x = b.lane(THETA), g = b.lane(GRADIENT), v = b.lane(STATE), out = b.lane(NEW_THETA);
 *     for (int i = 0; i < b.count(); i++) {
 *         v[i] = beta * v[i] + g[i];
 *         out[i] = x[i] - b.learningRate() * v[i];
 *     }
 * }
 * }</pre>
 *
 * <p>A rule whose step needs sums over every coordinate (a norm, a dot product: Prodigy's and D-Adaptation's
 * distance estimate, DoG's ‖g‖²) declares how many with {@link #sums()} and adds each block's terms to
 * {@link CoordinateBlock#sums()}; the core adds the blocks' sums up in coordinate order (the same result for any
 * number of threads) and hands the totals to {@link #endPass}. When the new θ itself depends on this step's sums,
 * the kernel asks for a second pass ({@link #passes()}): the first may update the state lanes (stored after it) and
 * adds to the sums; the second computes θ. The statistics lanes are filled in the first pass only.
 */
public interface CoordinateKernel {

    /**
     * The per-coordinate state arrays the kernel reads and writes, each as long as θ (made in the rule's
     * {@code init} through its {@link dev.ogr.api.StrategyState}); array j is loaded into lane
     * {@code CoordinateBlock.STATE + j} before {@link #compute} and stored from it after. At most
     * {@link CoordinateBlock#STATE_LANES}. None by default.
     */
    default List<INDArray> stateArrays() {
        return List.of();
    }

    /**
     * Whether {@link #compute} reads the statistics lanes; when false and the recipe keeps no averages, the core
     * need not fill them. True by default.
     */
    default boolean readsStatistics() {
        return true;
    }

    /** Called once per step before the first block (e.g. to advance a step counter); nothing by default. */
    default void beginStep(double learningRate) {
    }

    /**
     * The number of passes over the coordinates this step takes, 1 or 2; asked after {@link #beginStep}, every step.
     * 1 by default.
     */
    default int passes() {
        return 1;
    }

    /** The number of sums the kernel adds to in each pass, at most {@link CoordinateBlock#MAX_SUMS}; 0 by default. */
    default int sums() {
        return 0;
    }

    /**
     * Called after pass {@code pass} of a step with its sums over all coordinates ({@link #sums()} entries; not kept),
     * e.g. to update a global estimate before the next pass or step. Nothing by default.
     */
    default void endPass(int pass, double[] totals) {
    }

    /**
     * Computes the block's new θ into lane {@code NEW_THETA} and the new state into the state lanes, in double. In
     * the first pass of a two-pass step only the state lanes and the sums are kept.
     */
    void compute(CoordinateBlock block);

    /**
     * {@link #compute} in the float lanes, when θ, g and every state array are float. By default it widens the
     * block's float lanes (the statistics only when {@link #readsStatistics()}) to the double lanes, runs {@link #compute} and rounds the new θ and state back to float,
     * which is exact to float rounding; a kernel that wants the speed of float arithmetic overrides it with float
     * loops (the JIT vectorises a plain float loop without branches, see {@link FloatLanes}).
     */
    default void computeFloats(CoordinateBlock block) {
        int n = block.count();
        int states = block.stateArrays(); // not stateArrays(): no list per block
        int last = readsStatistics() ? CoordinateBlock.COVARIANCE : CoordinateBlock.GRADIENT;
        for (int k = CoordinateBlock.THETA; k <= last; k++) {
            FloatLanes.widen(block.floatLane(k), block.lane(k), n);
        }
        for (int j = 0; j < states; j++) {
            FloatLanes.widen(block.floatLane(CoordinateBlock.STATE + j), block.lane(CoordinateBlock.STATE + j), n);
        }
        compute(block);
        FloatLanes.narrow(block.lane(CoordinateBlock.NEW_THETA), block.floatLane(CoordinateBlock.NEW_THETA), n);
        for (int j = 0; j < states; j++) {
            FloatLanes.narrow(block.lane(CoordinateBlock.STATE + j), block.floatLane(CoordinateBlock.STATE + j), n);
        }
    }
}
