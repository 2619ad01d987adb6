package dev.ogr.testkit;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One run of {@link Harness}: what each step reported and where the optimizer ended.
 *
 * @param recipe        the canonical recipe that ran
 * @param problem       the objective's name
 * @param initialLoss   the noise-free loss at the start
 * @param losses        the sample's loss at the parameters before each step
 * @param learningRates the first-order learning rate of each step
 * @param fullLosses    the noise-free loss at the evaluation point after each step
 * @param parameters    the evaluation point after the last step (a copy)
 * @param state         the optimizer's exported state after the last step
 */
public record Trajectory(String recipe, String problem, double initialLoss, double[] losses, double[] learningRates,
        double[] fullLosses, INDArray parameters, Map<String, INDArray> state) {

    /** The number of steps taken. */
    public int steps() {
        return losses.length;
    }

    /** The noise-free loss after the last step (the initial loss when no step was taken). */
    public double finalLoss() {
        return fullLosses.length == 0 ? initialLoss : fullLosses[fullLosses.length - 1];
    }
}
