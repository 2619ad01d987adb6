package dev.ogr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The lr suite's tables say "diverged" where a run's numbers are not finite, as the other reports do. */
class LearningRateSuiteTest {

    @Test
    void aNonFiniteNumberIsPrintedAsDiverged() {
        assertEquals("diverged", LearningRateSuite.num("%.4f", Double.POSITIVE_INFINITY));
        assertEquals("diverged", LearningRateSuite.num("%.4f", Double.NaN));
        assertEquals("diverged", LearningRateSuite.num("%.3g", Double.NEGATIVE_INFINITY));
        assertEquals("0.1250", LearningRateSuite.num("%.4f", 0.125));
    }
}
