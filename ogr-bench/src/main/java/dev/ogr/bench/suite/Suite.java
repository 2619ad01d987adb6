package dev.ogr.bench.suite;

import java.util.List;
import java.util.Set;

/**
 * A validated benchmark suite, read from a suite file by {@link SuiteFile}: the optimizers, the problems, the tuning
 * grid and the seeds of one benchmark run.
 *
 * @param name         the suite's name (the file's {@code name}, else the file name)
 * @param description  one paragraph for the report
 * @param seeds        evaluation seeds per optimizer and problem
 * @param tuningSeeds  seeds the step size is tuned on (disjoint from the evaluation seeds)
 * @param grid         the log grid of the optimizers' main step-size parameter, ascending
 * @param optimizers   presets or recipes, in report order
 * @param baselines    which of {@code optimizers} are baselines (the others are ours)
 * @param tolerance    the fraction of the initial gap to the best final loss that defines a problem's target when it
 *                     names none (Moré and Wild's convergence test)
 * @param problems     the problems, in report order
 * @param tuned        true for the tuning protocol (the step size chosen from the grid), false for {@code tuning: none}
 *                     (every optimizer at its preset's defaults: the grid is not used)
 */
public record Suite(String name, String description, int seeds, int tuningSeeds, List<Double> grid,
        List<String> optimizers, Set<String> baselines, double tolerance, List<SuiteProblem> problems,
        boolean tuned) {

    /** Whether {@code optimizer} is one of the suite's baselines. */
    public boolean isBaseline(String optimizer) {
        return baselines.contains(optimizer);
    }

    /** This suite with {@code n} evaluation seeds (the command line's {@code --seeds}). */
    public Suite withSeeds(int n) {
        return new Suite(name, description, n, tuningSeeds, grid, optimizers, baselines, tolerance, problems, tuned);
    }

    /** This suite restricted to {@code chosen} optimizers (the command line's {@code --optimizers}). */
    public Suite withOptimizers(List<String> chosen) {
        return new Suite(name, description, seeds, tuningSeeds, grid, List.copyOf(chosen), baselines, tolerance,
                problems, tuned);
    }
}
