package dev.ogr.api;

/**
 * What one optimizer step reports.
 *
 * @param step         the 0-based index of the step just taken
 * @param loss         the sample's loss at the parameters before the step
 * @param learningRate the first-order learning rate used in the step
 * @param modelStep    whether the regression model moved the parameters (false during warm-up)
 */
public record StepResult(long step, double loss, double learningRate, boolean modelStep) {
}
