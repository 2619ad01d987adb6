package dev.ogr.bench.perf;

import java.util.Arrays;

/**
 * Times a repeated action carefully enough for a per-step benchmark: runs it for a warm-up period (JIT compilation,
 * first-touch of memory), then takes several timed rounds of as many calls as fit in a round and reports the median
 * time per call. Not a JMH replacement for nanosecond work, but stable for steps of a microsecond and up. {@link #paired}
 * alternates the rounds with rounds of a reference, so that a machine whose speed drifts between the two (a shared
 * host's memory bandwidth moves by 1.5× within seconds) slows both alike and their ratio stays.
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
        double estimate = warmUp(action);
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

    /**
     * The timing of {@link #paired}: the median seconds per call of the action (less the subtracted part) and of the
     * reference, and the median over the rounds of reference ÷ action, each round's pair timed back to back.
     */
    public record Paired(double seconds, double referenceSeconds, double ratio) {
    }

    /**
     * Times {@code action} as {@link #secondsPerCall} does, less {@code subtract} seconds a call (the part of the
     * action that is not being measured, timed on its own), and after each of its rounds a round of
     * {@code reference} about a quarter as long. Each ratio is taken from a pair of rounds a second or less apart.
     *
     * @throws IllegalArgumentException if {@code subtract} is negative or not finite
     */
    public Paired paired(Runnable action, double subtract, Runnable reference) {
        if (!(subtract >= 0) || Double.isInfinite(subtract)) {
            throw new IllegalArgumentException("the subtracted time must be finite and >= 0, got " + subtract);
        }
        double estimate = warmUp(action);
        // the reference's own warm-up, as long as the action's: until C2 compiles them, Vector API loops run boxed
        double referenceEstimate = warmUp(reference);
        long perRound = Math.max(1, (long) (roundSeconds / Math.max(estimate, 1e-9)));
        long referencePerRound = Math.max(3, (long) (roundSeconds / 4 / Math.max(referenceEstimate, 1e-9)));
        double[] times = new double[rounds];
        double[] referenceTimes = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < perRound; i++) {
                action.run();
            }
            long t1 = System.nanoTime();
            for (long i = 0; i < referencePerRound; i++) {
                reference.run();
            }
            long t2 = System.nanoTime();
            times[r] = Math.max((t1 - t0) / 1e9 / perRound - subtract, 0);
            referenceTimes[r] = (t2 - t1) / 1e9 / referencePerRound;
            ratios[r] = referenceTimes[r] / Math.max(times[r], 1e-12);
        }
        Arrays.sort(times);
        Arrays.sort(referenceTimes);
        Arrays.sort(ratios);
        return new Paired(times[rounds / 2], referenceTimes[rounds / 2], ratios[rounds / 2]);
    }

    /** Runs {@code action} for the warm-up period (at least once) and returns its mean seconds per call there. */
    private double warmUp(Runnable action) {
        long deadline = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long calls = 0;
        long start = System.nanoTime();
        do {
            action.run();
            calls++;
        } while (System.nanoTime() < deadline);
        return (System.nanoTime() - start) / 1e9 / calls;
    }
}
