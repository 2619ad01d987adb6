package dev.ogr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Medians, quartiles and geometric means of final losses, diverged (+inf) and missing (NaN) runs included. */
class StatsTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void quantilesInterpolateAndKeepInfinitiesInfinite() {
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}), 0);
        assertEquals(1.75, Stats.quantile(new double[] {4, 1, 3, 2}, 0.25), 1e-15);
        assertEquals(INF, Stats.median(new double[] {1, INF, INF}));
        assertEquals(INF, Stats.quantile(new double[] {1, 2, INF, INF}, 0.75));
    }

    @Test
    void missingValuesAreLeftOut() {
        assertEquals(2, Stats.median(new double[] {Double.NaN, 1, 3}), 0);
        assertEquals(Double.NaN, Stats.median(new double[] {Double.NaN}));
    }

    @Test
    void geometricMeansFloorZerosAndPropagateDivergence() {
        assertEquals(1e-2, Stats.geometricMean(new double[] {1e-1, 1e-3}, 1e-20), 1e-15);
        assertEquals(1e-10, Stats.geometricMean(new double[] {0, 1}, 1e-20), 1e-22);
        assertEquals(INF, Stats.geometricMean(new double[] {1, INF}, 1e-20));
    }
}
