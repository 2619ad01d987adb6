package dev.ogr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Medians and quartiles of final losses, diverged runs (+inf) included. */
class SuiteRunnerTest {

    private static SuiteRunner.Outcome outcome(double... losses) {
        return new SuiteRunner.Outcome("o", "p", 0.1, losses, 0);
    }

    @Test
    void quantilesInterpolateAndKeepInfinitiesInfinite() {
        assertEquals(2.5, outcome(4, 1, 3, 2).median(), 0);
        assertEquals(1.75, outcome(4, 1, 3, 2).quantile(0.25), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, outcome(1, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY).median());
        assertEquals(Double.POSITIVE_INFINITY,
                outcome(1, 2, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY).quantile(0.75));
    }
}
