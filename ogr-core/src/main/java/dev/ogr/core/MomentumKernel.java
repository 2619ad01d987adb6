package dev.ogr.core;

import dev.ogr.core.kernel.Parallel;
import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;
import java.util.Arrays;

/**
 * The D-length work of one step along paper 1's normalised momentum ({@link MomentumStep}) as two passes over memory.
 *
 * <p><b>Measuring</b> ({@link #measure}) only reads θ, v̂, g and v and returns x = θ·v̂, y = g·v̂, the squared norm
 * q = ‖w‖² and r = w·v̂ of the next momentum w = γ·v + g (computed as the applying pass will store it). Nothing is
 * written, so a step can still be refused after it (a NaN or infinite gradient entry makes y NaN or infinite).
 *
 * <p><b>Applying</b> ({@link #apply}): v ← w, θ ← θ + c·v̂ − η·g (optionally writing θ_old − θ_new to an update
 * vector, which may be g itself) and, unless told to keep it, v̂ ← s·w: the same element operations, in the same
 * order, as the general path's {@link Vectors#combine} calls, so that with the same scalars the stored values are
 * the same bit for bit.
 *
 * <p>Blocks of each vector are bulk-copied into heap lanes, and every loop is a plain elementwise loop the JIT
 * vectorises; the sums are accumulated elementwise into accumulator lanes (float for float data, so each lane sums the
 * float products of at most 16 blocks in float; double for double data), which are reduced in double once per unit of
 * {@link #UNIT} elements. Units are added in order, so results are the same bit for bit whatever the number of threads. Not re-entrant: one
 * instance per optimizer.
 */
final class MomentumKernel {

    /** Elements per reduction unit. */
    static final int UNIT = 16 * Scratch.BLOCK;

    private static final int SUMS = 4;
    // float lanes (and double lanes when applying): the four inputs, the next momentum, the update; float accumulators.
    // Measuring double data, the accumulators are double lanes 0-3 and the inputs and next momentum lanes 4-8.
    private static final int THETA = 0;
    private static final int UNIT_LANE = 1;
    private static final int GRADIENT = 2;
    private static final int MOMENTUM = 3;
    private static final int NEXT = 4;
    private static final int UPDATE = 5;
    private static final int ACCUMULATORS = 6;

    private final int length;
    private final double[] partials;
    private final double[] sums = new double[SUMS];
    private final Parallel.RangeKernel measureRange = this::measureRange;
    private final Parallel.RangeKernel applyRange = this::applyRange;

    // arguments of the pass under way
    private boolean floats;
    private Vec theta;
    private Vec unit;
    private Vec gradient;
    private Vec momentum;
    private Vec update;
    private double beta;
    private double move;
    private double eta;
    private double scale;

    /** A kernel for vectors of {@code length} elements. */
    MomentumKernel(int length) {
        this.length = length;
        this.partials = new double[SUMS * units()];
    }

    private int units() {
        return (int) (((long) length + UNIT - 1) / UNIT);
    }

    /**
     * Measures x, y, q and r (see the class comment) for θ, the unit direction v̂, the gradient g and the momentum v
     * with coefficient γ = {@code beta}: in float arithmetic when all four are float vectors in host memory, else in
     * double through {@link Vec#read}.
     */
    void measure(Vec theta, Vec unit, Vec gradient, Vec momentum, double beta) {
        this.floats = theta.isFloat() && unit.isFloat() && gradient.isFloat() && momentum.isFloat();
        this.theta = theta;
        this.unit = unit;
        this.gradient = gradient;
        this.momentum = momentum;
        this.beta = beta;
        int units = units();
        // one "element" of the range per unit: chunks then hold whole units, whatever the number of threads
        if (units * Scratch.BLOCK < Parallel.THRESHOLD || Parallel.threads() == 1) {
            measureRange(0, units * Scratch.BLOCK, Scratch.current());
        } else {
            Parallel.forRange(units * Scratch.BLOCK, measureRange);
        }
        Arrays.fill(sums, 0);
        for (int u = 0; u < units; u++) {
            for (int k = 0; k < SUMS; k++) {
                sums[k] += partials[SUMS * u + k];
            }
        }
    }

    /** θ·v̂ from the last measuring pass. */
    double position() {
        return sums[0];
    }

    /** g·v̂ from the last measuring pass. */
    double gradientAlong() {
        return sums[1];
    }

    /** ‖γ·v + g‖² from the last measuring pass. */
    double nextSquaredNorm() {
        return sums[2];
    }

    /** (γ·v + g)·v̂ from the last measuring pass. */
    double nextAlong() {
        return sums[3];
    }

    /**
     * Applies the step to the vectors of the last {@link #measure}: v ← γ·v + g, θ ← θ + c·v̂ − η·g, and v̂ ← s·v
     * unless {@code scale} is NaN (then v̂ is kept). With {@code update} not null it receives θ_old − θ_new.
     */
    void apply(double c, double eta, double scale, Vec update) {
        this.floats = theta.isFloat() && unit.isFloat() && gradient.isFloat() && momentum.isFloat()
                && (update == null || update.isFloat());
        this.move = c;
        this.eta = eta;
        this.scale = scale;
        this.update = update;
        if (length < Parallel.THRESHOLD || Parallel.threads() == 1) {
            applyRange(0, length, Scratch.current());
        } else {
            Parallel.forRange(length, applyRange);
        }
        this.update = null;
    }

    private void measureRange(int from, int to, Scratch s) {
        for (int u = from / Scratch.BLOCK; u < to / Scratch.BLOCK; u++) {
            int start = u * UNIT;
            int end = (int) Math.min(length, (long) start + UNIT);
            if (floats) {
                measureFloats(start, end, s, SUMS * u);
            } else {
                measureDoubles(start, end, s, SUMS * u);
            }
        }
    }

    private void measureFloats(int start, int end, Scratch s, int at) {
        float[] th = s.floatLane(THETA);
        float[] v = s.floatLane(UNIT_LANE);
        float[] g = s.floatLane(GRADIENT);
        float[] m = s.floatLane(MOMENTUM);
        float[] w = s.floatLane(NEXT);
        float[] ax = s.floatLane(ACCUMULATORS);
        float[] ay = s.floatLane(ACCUMULATORS + 1);
        float[] aq = s.floatLane(ACCUMULATORS + 2);
        float[] ar = s.floatLane(ACCUMULATORS + 3);
        int width = Math.min(Scratch.BLOCK, end - start);
        for (int k = 0; k < SUMS; k++) {
            Arrays.fill(s.floatLane(ACCUMULATORS + k), 0, width, 0f);
        }
        float b = (float) beta;
        for (int from = start; from < end; from += Scratch.BLOCK) {
            int n = Math.min(Scratch.BLOCK, end - from);
            theta.readFloats(from, n, th);
            unit.readFloats(from, n, v);
            gradient.readFloats(from, n, g);
            momentum.readFloats(from, n, m);
            for (int i = 0; i < n; i++) {
                w[i] = g[i] + b * m[i];
            }
            for (int i = 0; i < n; i++) {
                ax[i] += th[i] * v[i];
            }
            for (int i = 0; i < n; i++) {
                ay[i] += g[i] * v[i];
            }
            for (int i = 0; i < n; i++) {
                aq[i] += w[i] * w[i];
            }
            for (int i = 0; i < n; i++) {
                ar[i] += w[i] * v[i];
            }
        }
        double sx = 0;
        double sy = 0;
        double sq = 0;
        double sr = 0;
        for (int i = 0; i < width; i++) {
            sx += ax[i];
            sy += ay[i];
            sq += aq[i];
            sr += ar[i];
        }
        partials[at] = sx;
        partials[at + 1] = sy;
        partials[at + 2] = sq;
        partials[at + 3] = sr;
    }

    private void measureDoubles(int start, int end, Scratch s, int at) {
        double[] th = s.lane(THETA + 4);
        double[] v = s.lane(UNIT_LANE + 4);
        double[] g = s.lane(GRADIENT + 4);
        double[] m = s.lane(MOMENTUM + 4);
        double[] w = s.lane(NEXT + 4);
        double[] ax = s.lane(0);
        double[] ay = s.lane(1);
        double[] aq = s.lane(2);
        double[] ar = s.lane(3);
        float[] conversion = s.floats();
        int width = Math.min(Scratch.BLOCK, end - start);
        for (int k = 0; k < SUMS; k++) {
            Arrays.fill(s.lane(k), 0, width, 0);
        }
        for (int from = start; from < end; from += Scratch.BLOCK) {
            int n = Math.min(Scratch.BLOCK, end - from);
            theta.read(from, n, th, conversion);
            unit.read(from, n, v, conversion);
            gradient.read(from, n, g, conversion);
            momentum.read(from, n, m, conversion);
            for (int i = 0; i < n; i++) {
                w[i] = g[i] + beta * m[i];
            }
            for (int i = 0; i < n; i++) {
                ax[i] += th[i] * v[i];
            }
            for (int i = 0; i < n; i++) {
                ay[i] += g[i] * v[i];
            }
            for (int i = 0; i < n; i++) {
                aq[i] += w[i] * w[i];
            }
            for (int i = 0; i < n; i++) {
                ar[i] += w[i] * v[i];
            }
        }
        reduce(at, ax, ay, aq, ar, width);
    }

    private void reduce(int at, double[] x, double[] y, double[] q, double[] r, int width) {
        double sx = 0;
        double sy = 0;
        double sq = 0;
        double sr = 0;
        for (int i = 0; i < width; i++) {
            sx += x[i];
            sy += y[i];
            sq += q[i];
            sr += r[i];
        }
        partials[at] = sx;
        partials[at + 1] = sy;
        partials[at + 2] = sq;
        partials[at + 3] = sr;
    }

    private void applyRange(int from, int to, Scratch s) {
        if (floats) {
            applyFloats(from, to, s);
        } else {
            applyDoubles(from, to, s);
        }
    }

    private void applyFloats(int start, int end, Scratch s) {
        float[] th = s.floatLane(THETA);
        float[] v = s.floatLane(UNIT_LANE);
        float[] g = s.floatLane(GRADIENT);
        float[] m = s.floatLane(MOMENTUM);
        float[] out = s.floatLane(UPDATE);
        float b = (float) beta;
        float c = (float) move;
        float e = (float) -eta;
        float a = (float) scale;
        boolean rotate = !Double.isNaN(scale);
        for (int from = start; from < end; from += Scratch.BLOCK) {
            int n = Math.min(Scratch.BLOCK, end - from);
            theta.readFloats(from, n, th);
            unit.readFloats(from, n, v);
            gradient.readFloats(from, n, g);
            momentum.readFloats(from, n, m);
            for (int i = 0; i < n; i++) {
                m[i] = g[i] + b * m[i];
            }
            if (update != null) {
                for (int i = 0; i < n; i++) {
                    float next = c * v[i] + e * g[i] + th[i];
                    out[i] = th[i] - next;
                    th[i] = next;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    th[i] = c * v[i] + e * g[i] + th[i];
                }
            }
            if (rotate) {
                for (int i = 0; i < n; i++) {
                    v[i] = a * m[i];
                }
                unit.writeFloats(from, n, v);
            }
            momentum.writeFloats(from, n, m);
            theta.writeFloats(from, n, th);
            if (update != null) { // last: the update may be the gradient, read above
                update.writeFloats(from, n, out);
            }
        }
    }

    private void applyDoubles(int start, int end, Scratch s) {
        double[] th = s.lane(THETA);
        double[] v = s.lane(UNIT_LANE);
        double[] g = s.lane(GRADIENT);
        double[] m = s.lane(MOMENTUM);
        double[] out = s.lane(UPDATE);
        float[] conversion = s.floats();
        boolean rotate = !Double.isNaN(scale);
        double c = move;
        double e = -eta;
        for (int from = start; from < end; from += Scratch.BLOCK) {
            int n = Math.min(Scratch.BLOCK, end - from);
            theta.read(from, n, th, conversion);
            unit.read(from, n, v, conversion);
            gradient.read(from, n, g, conversion);
            momentum.read(from, n, m, conversion);
            for (int i = 0; i < n; i++) {
                m[i] = g[i] + beta * m[i];
            }
            if (update != null) {
                for (int i = 0; i < n; i++) {
                    double next = c * v[i] + e * g[i] + th[i];
                    out[i] = th[i] - next;
                    th[i] = next;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    th[i] = c * v[i] + e * g[i] + th[i];
                }
            }
            if (rotate) {
                for (int i = 0; i < n; i++) {
                    v[i] = scale * m[i];
                }
                unit.write(from, n, v, conversion);
            }
            momentum.write(from, n, m, conversion);
            theta.write(from, n, th, conversion);
            if (update != null) {
                update.write(from, n, out, conversion);
            }
        }
    }
}
