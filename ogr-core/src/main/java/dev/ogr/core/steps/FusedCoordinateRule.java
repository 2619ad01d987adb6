package dev.ogr.core.steps;

import dev.ogr.core.averages.DiagonalStats;
import dev.ogr.core.kernel.Vec;

/**
 * A coordinate-wise step rule that can run as a fused kernel: one pass over memory that, per coordinate, adds the
 * observation to the averages (when there are any), computes the displacement exactly as the rule's generic
 * {@code step} does, and moves θ. Used on the CPU backend; the generic path remains for everything else.
 *
 * <p>The pass runs in blocks of {@link dev.ogr.core.kernel.Scratch#BLOCK} coordinates (each array's block copied
 * into per-thread heap scratch, computed there, copied back), split over {@link dev.ogr.core.kernel.Parallel}'s
 * threads for long vectors. Each rule writes its own block loop on purpose: the JIT then compiles one loop per rule
 * with the rule's arithmetic inlined, where one shared loop calling a per-element method would not inline it.
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
     * @param update       null, or a vector of θ's length that receives, in the same pass, the update
     *                     {@code update[i] = θ_old[i] − θ_new[i]} (θ_new as stored, so for float θ the difference of
     *                     the two stored floats, rounded to the update's type); it may be {@code gradient} itself,
     *                     since each gradient element is read before update element i is written (DL4J's updaters
     *                     turn the gradient view into the update in place); θ moves exactly as without it
     */
    void fusedStep(DiagonalStats stats, double weight, long observations, Vec theta, Vec gradient, double learningRate,
            Vec update);
}
