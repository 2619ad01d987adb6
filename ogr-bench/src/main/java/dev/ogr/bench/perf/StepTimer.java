package dev.ogr.bench.perf;

import java.util.Arrays;

/**
 * Times a repeated action carefully enough for a per-step benchmark: runs it for a warm-up period (JIT compilation,
 * first-touch of memory), then takes several timed rounds of as many calls as fit in a round and reports the median
 * time per call. Not a JMH replacement for nanosecond work, but stable for steps of a microsecond and up.
 */
public final class StepTimer {

    private final double warmupSeconds;
    private final double roundSeconds;
    private final int rounds;

    /** A timer with the given warm-up, round length and number of rounds. */
    public StepTimer(double warmupSeconds, double roundSeconds, int rounds) {
        this.warmupSeconds = warmupSeconds;
        this.roundSeconds = roundSeconds;
        this.rounds = rounds;
    }

    /** The median seconds per call of {@code action} over the timed rounds. */
    public double secondsPerCall(Runnable action) {
        long deadline = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long calls = 0;
        long start = System.nanoTime();
        do {
            action.run();
            calls++;
        } while (System.nanoTime() < deadline);
        double estimate = (System.nanoTime() - start) / 1e9 / calls;
        long perRound = Math.max(1, (long) (roundSeconds / Math.max(estimate, 1e-9)));
        double[] times = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < perRound; i++) {
                action.run();
            }
            times[r] = (System.nanoTime() - t0) / 1e9 / perRound;
        }
        Arrays.sort(times);
        return times[rounds / 2];
    }
}
