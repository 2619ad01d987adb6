package dev.ogr.bench.suite;

import java.util.List;

/**
 * The {@code quick} suite: the notebooks' test functions and ill-conditioned quadratics, with and without gradient
 * noise, small enough to run in about a minute.
 */
public final class QuickSuite {

    /** The problems of the suite. */
    public static final List<String> PROBLEMS = List.of(
            "rosenbrock",
            "rosenbrock(noise=1)",
            "beale",
            "beale(noise=0.1)",
            "quadratic(dim=100, cond=1e3)",
            "quadratic(dim=100, cond=1e3, rotated=true, noise=0.01)");

    /** The learning rates tried for every optimizer: a log grid, the same for all. */
    public static final List<Double> LEARNING_RATES = List.of(1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1.0);

    /** Steps per run. */
    public static final int STEPS = 500;

    private QuickSuite() {
    }
}
