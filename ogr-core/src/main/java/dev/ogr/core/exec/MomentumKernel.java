package dev.ogr.core.exec;

import dev.ogr.core.Vectors;
import dev.ogr.core.kernel.Parallel;
import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;
import java.util.Arrays;

/**
 * The D-length work of one step along paper 1's normalised momentum ({@link MomentumStep}) as two passes over memory.
 *
 * <p><b>Measuring</b> ({@link #measure}) only reads θ, v̂, g, v (and the averages' centre c, if they keep one) and
 * returns x = θ·v̂ (or (θ − c)·v̂), y = g·v̂, the squared norm q = ‖w‖² and r = w·v̂ of the next momentum w = γ·v + g
 * (computed as the applying pass will store it). Nothing is written, so a step can still be refused after it (a NaN
 * or infinite gradient entry makes y NaN or infinite).
 *
 * <p><b>Applying</b> ({@link #apply}): v ← w, θ ← θ + c·v̂ − η·g (optionally writing θ_old − θ_new to an update
 * vector, which may be g itself) and, unless told to keep it, v̂ ← s·w, and then with a centre Δ = (θ_new − c)·v̂_old
 * and c ← θ_new: the same element operations, in the same order, as the general path's {@link Vectors#combine}
 * calls, so that with the same scalars the stored values are the same bit for bit.
 *
 * <p>Blocks of each vector are bulk-copied into heap lanes, and every loop is a plain elementwise loop the JIT
 * vectorises; the sums are accumulated elementwise into accumulator lanes (float for float data, so each lane sums the
 * float products of at most 16 blocks in float; double for double data), which are reduced in double once per unit of
 * {@link #UNIT} elements. Units are added in order, so results are the same bit for bit whatever the number of
 * threads. Not re-entrant: one instance per optimizer.
 */
final class MomentumKernel {

    /** Elements per reduction unit. */
    static final int UNIT = 16 * Scratch.BLOCK;

    private static final int SUMS = 4;
    // Lanes (float lanes for float data; double lanes when applying double data): the inputs, the next momentum, the
    // update, the float accumulators of the four sums, and the centre and the accumulator of the shift. Measuring
    // double data, the accumulators are double lanes 0-3, the inputs and the next momentum lanes 4-8, the centre 9.
    private static final int THETA = 0;
    private static final int UNIT_LANE = 1;
    private static final int GRADIENT = 2;
    private static final int MOMENTUM = 3;
    private static final int NEXT = 4;
    private static final int UPDATE = 5;
    private static final int ACCUMULATORS = 6;
    private static final int CENTRE = 10;
    private static final int SHIFT = 11;

    private final int length;
    private final double[] partials;
    private final double[] shiftPartials;
    private final double[] sums = new double[SUMS];
    private double shift;
    private final Parallel.RangeKernel measureRange = this::measureRange;
    private final Parallel.RangeKernel applyRange = this::applyRange;
    private final Parallel.RangeKernel applyUnits = this::applyUnits;

    // arguments of the pass under way
    private boolean floats;
    private Vec theta;
    private Vec unit;
    private Vec gradient;
    private Vec momentum;
    private Vec centre;
    private Vec update;
    private double beta;
    private double move;
    private double eta;
    private double scale;

    // the Vector API form of the float passes, when the JVM has the module (used when Kernels.simd(length) says so)
    private final MomentumKernelSimd simd;

    /** A kernel for vectors of {@code length} elements. */
    MomentumKernel(int length) {
        this.length = length;
        this.simd = dev.ogr.core.kernel.Kernels.vectorModule() ? new MomentumKernelSimd() : null;
        this.partials = new double[SUMS * units()];
        this.shiftPartials = new double[units()];
    }

    private int units() {
        return (int) (((long) length + UNIT - 1) / UNIT);
    }

    /**
     * Measures x, y, q and r (see the class comment) for θ, the unit direction v̂, the gradient g, the momentum v with
     * coefficient γ = {@code beta} and the centre c (null: none): in float arithmetic when all are float vectors in
     * host memory, else in double through {@link Vec#read}.
     */
    void measure(Vec theta, Vec unit, Vec gradient, Vec momentum, Vec centre, double beta) {
        this.floats = theta.isFloat() && unit.isFloat() && gradient.isFloat() && momentum.isFloat()
                && (centre == null || centre.isFloat());
        this.theta = theta;
        this.unit = unit;
        this.gradient = gradient;
        this.momentum = momentum;
        this.centre = centre;
        this.beta = beta;
        if (simd != null && dev.ogr.core.kernel.Kernels.simd(length)) { // its buffers, made here on one thread
            simd.bind(theta, unit, gradient, momentum, centre, null);
        }
        byUnits(measureRange);
        Arrays.fill(sums, 0);
        for (int u = 0; u < units(); u++) {
            for (int k = 0; k < SUMS; k++) {
                sums[k] += partials[SUMS * u + k];
            }
        }
    }

    /** Runs {@code kernel} over the units: one "element" of its range per unit, so chunks hold whole units. */
    private void byUnits(Parallel.RangeKernel kernel) {
        int span = units() * Scratch.BLOCK;
        if (span < Parallel.THRESHOLD || Parallel.threads() == 1) {
            kernel.run(0, span, Scratch.current());
        } else {
            Parallel.forRange(span, kernel);
        }
    }

    /** θ·v̂ (or (θ − c)·v̂ with a centre) from the last measuring pass. */
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

    /** (θ_new − c_old)·v̂_old from the last applying pass that moved a centre. */
    double shift() {
        return shift;
    }

    /**
     * Applies the step to the vectors of the last {@link #measure}: v ← γ·v + g, θ ← θ + c·v̂ − η·g, and v̂ ← s·v
     * unless {@code scale} is NaN (then v̂ is kept, and so is the centre). With {@code update} not null it receives
     * θ_old − θ_new.
     */
    void apply(double c, double eta, double scale, Vec update) {
        this.floats = theta.isFloat() && unit.isFloat() && gradient.isFloat() && momentum.isFloat()
                && (centre == null || centre.isFloat()) && (update == null || update.isFloat());
        this.move = c;
        this.eta = eta;
        this.scale = scale;
        this.update = update;
        if (simd != null && dev.ogr.core.kernel.Kernels.simd(length)) { // as in measure: before any pass
            simd.bind(theta, unit, gradient, momentum, centre, update);
        }
        if (centre != null && !Double.isNaN(scale)) { // a reduction: by units, in order
            byUnits(applyUnits);
            shift = 0;
            for (int u = 0; u < units(); u++) {
                shift += shiftPartials[u];
            }
        } else if (length < Parallel.THRESHOLD || Parallel.threads() == 1) {
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
        float[] c = s.floatLane(CENTRE);
        float[] ax = s.floatLane(ACCUMULATORS);
        float[] ay = s.floatLane(ACCUMULATORS + 1);
        float[] aq = s.floatLane(ACCUMULATORS + 2);
        float[] ar = s.floatLane(ACCUMULATORS + 3);
        int width = Math.min(Scratch.BLOCK, end - start);
        for (int k = 0; k < SUMS; k++) {
            Arrays.fill(s.floatLane(ACCUMULATORS + k), 0, width, 0f);
        }
        float b = (float) beta;
        boolean direct = simd != null && dev.ogr.core.kernel.Kernels.simd(length);
        if (direct) { // bound in measure(), before the threads start
            simd.measure(start, end, b, centre != null, ax, ay, aq, ar);
        }
        for (int from = start; !direct && from < end; from += Scratch.BLOCK) {
            int n = Math.min(Scratch.BLOCK, end - from);
            theta.readFloats(from, n, th);
            unit.readFloats(from, n, v);
            gradient.readFloats(from, n, g);
            momentum.readFloats(from, n, m);
            for (int i = 0; i < n; i++) {
                w[i] = g[i] + b * m[i];
            }
            if (centre != null) {
                centre.readFloats(from, n, c);
                for (int i = 0; i < n; i++) {
                    ax[i] += (th[i] - c[i]) * v[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    ax[i] += th[i] * v[i];
                }
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
        store(at, sx, sy, sq, sr);
    }

    private void measureDoubles(int start, int end, Scratch s, int at) {
        double[] th = s.lane(THETA + 4);
        double[] v = s.lane(UNIT_LANE + 4);
        double[] g = s.lane(GRADIENT + 4);
        double[] m = s.lane(MOMENTUM + 4);
        double[] w = s.lane(NEXT + 4);
        double[] c = s.lane(9);
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
            if (centre != null) {
                centre.read(from, n, c, conversion);
                for (int i = 0; i < n; i++) {
                    ax[i] += (th[i] - c[i]) * v[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    ax[i] += th[i] * v[i];
                }
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
        store(at, sx, sy, sq, sr);
    }

    private void store(int at, double sx, double sy, double sq, double sr) {
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

    /** The applying pass unit by unit, summing each unit's shift (with a centre that moves). */
    private void applyUnits(int from, int to, Scratch s) {
        for (int u = from / Scratch.BLOCK; u < to / Scratch.BLOCK; u++) {
            int start = u * UNIT;
            int end = (int) Math.min(length, (long) start + UNIT);
            int width = Math.min(Scratch.BLOCK, end - start);
            double sum = 0;
            if (floats) {
                float[] lane = s.floatLane(SHIFT);
                Arrays.fill(lane, 0, width, 0f);
                applyFloats(start, end, s);
                for (int i = 0; i < width; i++) {
                    sum += lane[i];
                }
            } else {
                double[] lane = s.lane(SHIFT);
                Arrays.fill(lane, 0, width, 0);
                applyDoubles(start, end, s);
                for (int i = 0; i < width; i++) {
                    sum += lane[i];
                }
            }
            shiftPartials[u] = sum;
        }
    }

    private void applyFloats(int start, int end, Scratch s) {
        float[] th = s.floatLane(THETA);
        float[] v = s.floatLane(UNIT_LANE);
        float[] g = s.floatLane(GRADIENT);
        float[] m = s.floatLane(MOMENTUM);
        float[] out = s.floatLane(UPDATE);
        float[] c = s.floatLane(CENTRE);
        float[] shifts = s.floatLane(SHIFT);
        float b = (float) beta;
        float a = (float) move;
        float e = (float) -eta;
        float r = (float) scale;
        boolean rotate = !Double.isNaN(scale);
        boolean recentre = rotate && centre != null;
        if (simd != null && dev.ogr.core.kernel.Kernels.simd(length)) { // bound in apply(), before the threads
            simd.apply(start, end, b, a, e, r, rotate, recentre, shifts);
            return;
        }
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
                    float next = a * v[i] + e * g[i] + th[i];
                    out[i] = th[i] - next;
                    th[i] = next;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    th[i] = a * v[i] + e * g[i] + th[i];
                }
            }
            if (recentre) { // Δ along the direction before it turns, then c ← θ
                centre.readFloats(from, n, c);
                for (int i = 0; i < n; i++) {
                    shifts[i] += (th[i] - c[i]) * v[i];
                }
                centre.writeFloats(from, n, th);
            }
            if (rotate) {
                for (int i = 0; i < n; i++) {
                    v[i] = r * m[i];
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
        double[] c = s.lane(CENTRE);
        double[] shifts = s.lane(SHIFT);
        float[] conversion = s.floats();
        boolean rotate = !Double.isNaN(scale);
        boolean recentre = rotate && centre != null;
        double a = move;
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
                    double next = a * v[i] + e * g[i] + th[i];
                    out[i] = th[i] - next;
                    th[i] = next;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    th[i] = a * v[i] + e * g[i] + th[i];
                }
            }
            theta.write(from, n, th, conversion); // first: it rounds th to what was stored, which c must equal
            if (recentre) {
                centre.read(from, n, c, conversion);
                for (int i = 0; i < n; i++) {
                    shifts[i] += (th[i] - c[i]) * v[i];
                }
                centre.write(from, n, th, conversion);
            }
            if (rotate) {
                for (int i = 0; i < n; i++) {
                    v[i] = scale * m[i];
                }
                unit.write(from, n, v, conversion);
            }
            momentum.write(from, n, m, conversion);
            if (update != null) {
                update.write(from, n, out, conversion);
            }
        }
    }
}
