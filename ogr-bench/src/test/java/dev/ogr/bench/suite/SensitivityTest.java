package dev.ogr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The width of the good step sizes: consecutive grid values within 2× of the best loss, in decades. */
class SensitivityTest {

    private static final List<Double> GRID = List.of(1e-3, 1e-2, 1e-1, 1.0, 10.0);

    @Test
    void theRunAroundTheBestWithinTwiceItsLossIsMeasuredInDecades() {
        // best 1.0 at 0.1; 1.9 at 0.01 and 2.0 at 1 are within 2×, 5 at 1e-3 is not
        Sensitivity s = Sensitivity.of(GRID, new double[] {5, 1.9, 1.0, 2.0, 2.1});
        assertEquals(2.0, s.decades(), 1e-15); // from 0.01 to 1
        assertFalse(s.atLowEnd() || s.atHighEnd());
        assertEquals("2.0", s.text());
    }

    @Test
    void aGapEndsTheRunAndDivergedValuesAreNotGood() {
        Sensitivity s = Sensitivity.of(GRID, new double[] {1.5, Double.POSITIVE_INFINITY, 1.0, Double.NaN, 1.2});
        assertEquals(0.0, s.decades(), 0.0);
        assertEquals("0.0", s.text());
    }

    @Test
    void reachingAnEndOfTheGridIsShownAsALowerBound() {
        Sensitivity s = Sensitivity.of(GRID, new double[] {1.0, 1.0, 1.5, 9, 9});
        assertTrue(s.atLowEnd());
        assertEquals(2.0, s.decades(), 1e-15); // 1e-3 to 0.1
        assertEquals("≥ 2.0", s.text());
        assertEquals("n/a", Sensitivity.of(GRID, new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.POSITIVE_INFINITY}).text());
        assertThrows(IllegalArgumentException.class, () -> Sensitivity.of(GRID, new double[] {1}));
    }
}
