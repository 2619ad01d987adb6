package dev.ogr.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link StepTimer#paired}: which way round the ratio is, what is subtracted, and what it refuses. */
class StepTimerTest {

    private static double sink;

    /** About a hundred microseconds of arithmetic the JIT cannot drop. */
    private static void work() {
        double s = sink;
        for (int i = 0; i < 200_000; i++) {
            s = s * 0.999999 + 1e-9 * i;
        }
        sink = s;
    }

    @Test
    void theRatioIsTheReferenceOverTheActionPairedRoundByRound() {
        StepTimer timer = new StepTimer(0.05, 0.02, 7);
        StepTimer.Paired twice = timer.paired(() -> {
            work();
            work();
        }, 0, StepTimerTest::work);
        // the action does the reference's work twice: the ratio is near 1/2 (a swapped ratio would be near 2)
        assertTrue(twice.ratio() > 0.2 && twice.ratio() < 0.9, "ratio " + twice.ratio());
        assertTrue(twice.seconds() > twice.referenceSeconds(), twice.toString());
        StepTimer.Paired all = timer.paired(StepTimerTest::work, 1.0, StepTimerTest::work);
        assertEquals(0, all.seconds(), 0, "a subtracted part longer than the action leaves zero, not a negative time");
    }

    @Test
    void aNegativeOrInfiniteSubtractedTimeIsRefused() {
        StepTimer timer = new StepTimer(0, 1e-4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> timer.paired(StepTimerTest::work, -1e-3, StepTimerTest::work));
        assertTrue(e.getMessage().contains("-0.001"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> timer.paired(StepTimerTest::work, Double.POSITIVE_INFINITY, StepTimerTest::work));
    }
}
