package dev.ogr.core.exec;

import dev.ogr.core.subspace.SubspaceKernel;

/**
 * An outside rule that can run inside the two passes of a subspace step ({@link SubspaceStep}): the measuring pass
 * calls its observe hook row by row (it updates the rule's state and yields its step u and momentum m, whose
 * projections the pass sums), and the applying pass calls its step hook (u again, from the stored state) while θ moves.
 * Core outside rules implement it; any other rule runs on the general path.
 */
public interface OutsideRowHooks {

    /** The hook of the measuring pass. */
    SubspaceKernel.RowHook observeHook();

    /** The hook of the applying pass. */
    SubspaceKernel.RowHook stepHook();

    /** Sets this step's learning rate, before the passes. */
    void learningRate(double eta);
}
