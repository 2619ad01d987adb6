package dev.ogr.core.steps;

import dev.ogr.core.averages.DiagonalStats;
import dev.ogr.core.kernel.Parallel;
import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;
import java.util.Arrays;

/**
 * The block loop shared by the fused coordinate rules: per block of {@link Scratch#BLOCK} coordinates it reads θ
 * and g, updates the averages, lets the rule compute the new θ in plain loops over the scratch lanes
 * ({@link #compute}), and stores θ and, when asked, the update θ_old − θ_new; the range is split over
 * {@link Parallel}'s threads. One instance per rule, created once, holding the current step's arguments.
 */
abstract class BlockStepKernel implements Parallel.RangeKernel {

    /** The lane of the block's θ before the step. */
    static final int X = 0;
    /** The lane of the block's gradient. */
    static final int Y = 1;
    /** The lane the rule fills with the block's new θ. */
    static final int NEW_X = 7;
    /** The first lane free for the rule's own state; lanes STATE to STATE + 3 are the rule's during a block. */
    static final int STATE = 8;
    /** The lane of the block's update output (filled after the rule's compute, so the rule may use it before). */
    private static final int UPDATE = 11;

    DiagonalStats stats;
    double weight;
    long observations;
    double learningRate;
    private Vec theta;
    private Vec gradient;
    private Vec update;
    private boolean floats;

    /** Runs one step over all coordinates with these arguments (see {@link FusedCoordinateRule#fusedStep}). */
    final void step(DiagonalStats stats, double weight, long observations, Vec theta, Vec gradient,
            double learningRate, Vec update) {
        if (gradient.length() != theta.length() || update != null && update.length() != theta.length()) {
            throw new IllegalArgumentException("theta, gradient and update must have equal lengths, got "
                    + theta.length() + ", " + gradient.length() + (update == null ? "" : ", " + update.length()));
        }
        this.stats = stats;
        this.weight = weight;
        this.observations = observations;
        this.theta = theta;
        this.gradient = gradient;
        this.learningRate = learningRate;
        this.update = update;
        this.floats = theta.isFloat() && gradient.isFloat() && (update == null || update.isFloat())
                && (stats == null || stats.isFloat()) && floatState();
        try {
            Parallel.forRange(theta.length(), this);
        } finally {
            this.stats = null;
            this.theta = null;
            this.gradient = null;
            this.update = null;
        }
    }

    @Override
    public final void run(int from, int to, Scratch s) {
        if (floats) {
            runFloats(from, to, s);
            return;
        }
        float[] f = s.floats();
        double[] x = s.lane(X);
        double[] y = s.lane(Y);
        double[] newX = s.lane(NEW_X);
        for (int b = from; b < to; b += Scratch.BLOCK) {
            int count = Math.min(Scratch.BLOCK, to - b);
            theta.read(b, count, x, f);
            gradient.read(b, count, y, f);
            if (stats != null) {
                stats.updateBlock(b, count, x, y, weight, s);
            } else {
                for (int k = DiagonalStats.MEAN_X; k <= DiagonalStats.COVARIANCE; k++) {
                    Arrays.fill(s.lane(k), 0, count, Double.NaN);
                }
            }
            load(b, count, s);
            compute(count, s);
            store(b, count, s);
            theta.write(b, count, newX, f);
            if (update != null) {
                double[] u = s.lane(UPDATE);
                for (int i = 0; i < count; i++) {
                    u[i] = x[i] - newX[i];
                }
                update.write(b, count, u, f);
            }
        }
    }

    /** {@link #run} when every vector is float: the same steps in the float lanes. */
    private void runFloats(int from, int to, Scratch s) {
        float[] x = s.floatLane(X);
        float[] y = s.floatLane(Y);
        float[] newX = s.floatLane(NEW_X);
        for (int b = from; b < to; b += Scratch.BLOCK) {
            int count = Math.min(Scratch.BLOCK, to - b);
            theta.readFloats(b, count, x);
            gradient.readFloats(b, count, y);
            if (stats != null) {
                stats.updateFloatBlock(b, count, x, y, weight, s);
            } else if (readsStats()) {
                for (int k = DiagonalStats.MEAN_X; k <= DiagonalStats.COVARIANCE; k++) {
                    Arrays.fill(s.floatLane(k), 0, count, Float.NaN);
                }
            }
            loadFloats(b, count, s);
            computeFloats(count, s);
            storeFloats(b, count, s);
            theta.writeFloats(b, count, newX);
            if (update != null) {
                float[] u = s.floatLane(UPDATE);
                for (int i = 0; i < count; i++) {
                    u[i] = x[i] - newX[i];
                }
                update.writeFloats(b, count, u);
            }
        }
    }

    /**
     * Whether the rule reads the statistics lanes; when it does and the recipe has no averages, the lanes are
     * filled with NaN (undefined statistics). True by default.
     */
    boolean readsStats() {
        return true;
    }

    /** Whether the rule's own state vectors are all float; true by default (none). */
    boolean floatState() {
        return true;
    }

    /** Reads the block of the rule's float state into float lanes {@link #STATE} on; none by default. */
    void loadFloats(int from, int count, Scratch s) {
    }

    /**
     * {@link #compute} in the float lanes, agreeing with it to float rounding (new θ in {@link #NEW_X}, the rule's
     * state in its lanes). The rules write it as separate plain float loops without branches, which the JIT
     * vectorises (a loop with a conditional, a float-to-double conversion or a reduction is not vectorised on JDK 17
     * and runs 5 to 10 times slower), check the block once ({@link #allPositiveFinite} and friends) and, when some
     * elements need a guard (an undefined fit, a variance that has decayed to zero or a subnormal for a coordinate
     * that stopped moving), redo just those with the guarded form of {@link #compute}'s arithmetic.
     */
    abstract void computeFloats(int count, Scratch s);

    /** Stores the block of the rule's float state from its float lanes; none by default. */
    void storeFloats(int from, int count, Scratch s) {
    }

    /** Reads the block of the rule's own state into lanes {@link #STATE} on; none by default. */
    void load(int from, int count, Scratch s) {
    }

    /** Computes the block's new θ into lane {@link #NEW_X}, and the rule's new state in its lanes. */
    abstract void compute(int count, Scratch s);

    /** Stores the block of the rule's own state from its lanes; none by default. */
    void store(int from, int count, Scratch s) {
    }

    /**
     * Whether every {@code a[0 .. n - 1]} lies in (0, +∞): positive, finite and not NaN. A scalar loop over the raw
     * bits (a float is in that range exactly when its bits, read as an int, are in [1, 0x7f7fffff]), about 0.5 ns an
     * element; the fast float forms of the rules compute in vectorised loops without guards and call this once per
     * block to know whether any element needs the guarded exact form.
     */
    static boolean allPositiveFinite(float[] a, int n) {
        int bad = 0;
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(a[i]);
            bad |= (bits - 1) | (0x7f7fffff - bits);
        }
        return bad >= 0;
    }

    /** The notebooks' momentum in float lanes: {@code out[i] = keep·m[i] + take·g[i]}, a loop the JIT vectorises. */
    static void momentum(float[] m, float[] g, float keep, float take, float[] out, int count) {
        for (int i = 0; i < count; i++) {
            out[i] = keep * m[i] + take * g[i];
        }
    }

    /** Whether {@code v} lies in (0, +∞), by the bit test of {@link #allPositiveFinite}. */
    static boolean positiveFinite(float v) {
        int bits = Float.floatToRawIntBits(v);
        return ((bits - 1) | (0x7f7fffff - bits)) >= 0;
    }

    /** Whether {@code v} is finite, by the bit test of {@link #allFinite}. */
    static boolean finite(float v) {
        return (Float.floatToRawIntBits(v) & 0x7f800000) != 0x7f800000;
    }

    /** Whether every {@code a[0 .. n - 1]} is finite (neither NaN nor infinite); see {@link #allPositiveFinite}. */
    static boolean allFinite(float[] a, int n) {
        int bad = 0;
        for (int i = 0; i < n; i++) {
            bad |= (Float.floatToRawIntBits(a[i]) & 0x7f800000) + 0x00800000;
        }
        return bad >= 0;
    }

    /** Whether no {@code a[0 .. n - 1]} is NaN (infinities allowed); see {@link #allPositiveFinite}. */
    static boolean noneNaN(float[] a, int n) {
        int bad = 0;
        for (int i = 0; i < n; i++) {
            bad |= 0x7f800000 - (Float.floatToRawIntBits(a[i]) & 0x7fffffff);
        }
        return bad >= 0;
    }

    /** A kernel for a rule with one per-coordinate state vector (a momentum, a noise estimate) in lane {@link #STATE}. */
    abstract static class OneState extends BlockStepKernel {

        /** The rule's state vector (made in the rule's {@code initState}, so read when a block runs). */
        abstract Vec state();

        @Override
        boolean floatState() {
            return state().isFloat();
        }

        @Override
        void loadFloats(int from, int count, Scratch s) {
            state().readFloats(from, count, s.floatLane(STATE));
        }

        @Override
        void storeFloats(int from, int count, Scratch s) {
            state().writeFloats(from, count, s.floatLane(STATE));
        }

        @Override
        void load(int from, int count, Scratch s) {
            state().read(from, count, s.lane(STATE), s.floats());
        }

        @Override
        void store(int from, int count, Scratch s) {
            state().write(from, count, s.lane(STATE), s.floats());
        }
    }
}
