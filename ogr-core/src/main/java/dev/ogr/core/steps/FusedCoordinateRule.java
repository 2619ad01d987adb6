package dev.ogr.core.steps;

import dev.ogr.core.averages.DiagonalStats;
import dev.ogr.core.kernel.Vec;

/**
 * A coordinate-wise step rule that can run as a fused kernel: one pass over memory that, per coordinate, adds the
 * observation to the averages (when there are any), computes the displacement exactly as the rule's generic
 * {@code step} does, and moves θ. Used on the CPU backend; the generic path remains for everything else.
 *
 * <p>Each rule writes its own loop on purpose: the JIT then compiles one loop per rule with the rule's arithmetic
 * inlined. One shared loop calling a per-element method would see every rule at that call site, fail to inline it,
 * and cost a call per element, which is what fusing removes.
 */
public interface FusedCoordinateRule {

    /**
     * Runs one step over all coordinates.
     *
     * @param stats        the averages to update first, or null when the recipe has none
     * @param weight       the weight a of the new observation in the averages
     * @param observations the number of observations including this one
     * @param theta        the parameters, updated in place
     * @param gradient     the gradient
     * @param learningRate the recipe's learning rate
     */
    void fusedStep(DiagonalStats stats, double weight, long observations, Vec theta, Vec gradient, double learningRate);
}
