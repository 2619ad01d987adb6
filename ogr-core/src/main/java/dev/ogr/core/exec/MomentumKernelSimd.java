package dev.ogr.core.exec;

import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float passes of {@link MomentumKernel} in the JDK's Vector API, reading and writing the vectors' native memory
 * directly instead of copying blocks into lanes: the same element operations in the same order, and the measuring
 * sums accumulated into the same per-position accumulator lanes (so each accumulator element sees the same float
 * additions), hence the same values bit for bit. Whole vectors only; the last elements of a block run as scalars.
 * Loaded only when the JVM has the module {@code jdk.incubator.vector}.
 */
final class MomentumKernelSimd {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** A vector's native memory and the byte index of its element 0, remade only when the vector changes. */
    private static final class Memory {
        private Vec vec;
        ByteBuffer bytes;
        int at;

        Memory bind(Vec v) {
            if (v != vec) {
                vec = v;
                bytes = v == null ? null : v.bytes();
                at = v == null ? 0 : 4 * v.offset();
            }
            return this;
        }
    }

    private final Memory theta = new Memory();
    private final Memory unit = new Memory();
    private final Memory gradient = new Memory();
    private final Memory momentum = new Memory();
    private final Memory centre = new Memory();
    private final Memory update = new Memory();

    /** Points the passes at the step's vectors ({@code centre} and {@code out} may be null). */
    void bind(Vec th, Vec v, Vec g, Vec m, Vec c, Vec out) {
        theta.bind(th);
        unit.bind(v);
        gradient.bind(g);
        momentum.bind(m);
        centre.bind(c);
        update.bind(out);
    }

    /**
     * The measuring pass over {@code start .. end - 1} in blocks of {@link Scratch#BLOCK}: per position i of a block,
     * ax[i] += (θ − c)·v̂ (or θ·v̂), ay[i] += g·v̂, aq[i] += w·w, ar[i] += w·v̂ with w = g + γ·v.
     */
    void measure(int start, int end, float b, boolean centred, float[] ax, float[] ay, float[] aq, float[] ar) {
        ByteBuffer th = theta.bytes;
        ByteBuffer v = unit.bytes;
        ByteBuffer g = gradient.bytes;
        ByteBuffer m = momentum.bytes;
        ByteBuffer c = centre.bytes;
        for (int from = start; from < end; from += Scratch.BLOCK) {
            int n = Math.min(Scratch.BLOCK, end - from);
            int i = 0;
            for (int upper = S.loopBound(n); i < upper; i += S.length()) {
                int o = 4 * (from + i);
                FloatVector vi = FloatVector.fromByteBuffer(S, v, unit.at + o, ORDER);
                FloatVector gi = FloatVector.fromByteBuffer(S, g, gradient.at + o, ORDER);
                FloatVector x = FloatVector.fromByteBuffer(S, th, theta.at + o, ORDER);
                if (centred) {
                    x = x.sub(FloatVector.fromByteBuffer(S, c, centre.at + o, ORDER));
                }
                FloatVector w = gi.add(FloatVector.fromByteBuffer(S, m, momentum.at + o, ORDER).mul(b));
                FloatVector.fromArray(S, ax, i).add(x.mul(vi)).intoArray(ax, i);
                FloatVector.fromArray(S, ay, i).add(gi.mul(vi)).intoArray(ay, i);
                FloatVector.fromArray(S, aq, i).add(w.mul(w)).intoArray(aq, i);
                FloatVector.fromArray(S, ar, i).add(w.mul(vi)).intoArray(ar, i);
            }
            for (; i < n; i++) {
                int o = 4 * (from + i);
                float vi = v.getFloat(unit.at + o);
                float gi = g.getFloat(gradient.at + o);
                float x = centred ? th.getFloat(theta.at + o) - c.getFloat(centre.at + o) : th.getFloat(theta.at + o);
                float w = gi + b * m.getFloat(momentum.at + o);
                ax[i] += x * vi;
                ay[i] += gi * vi;
                aq[i] += w * w;
                ar[i] += w * vi;
            }
        }
    }

    /**
     * The applying pass over {@code start .. end - 1}: v ← g + γ·v, θ ← a·v̂ + e·g + θ (the update θ_old − θ_new when
     * one is bound), with {@code recentre} shifts[i] += (θ_new − c)·v̂ per block position and c ← θ_new, with
     * {@code rotate} v̂ ← r·v.
     */
    void apply(int start, int end, float b, float a, float e, float r, boolean rotate, boolean recentre,
            float[] shifts) {
        ByteBuffer th = theta.bytes;
        ByteBuffer v = unit.bytes;
        ByteBuffer g = gradient.bytes;
        ByteBuffer m = momentum.bytes;
        ByteBuffer c = centre.bytes;
        ByteBuffer out = update.bytes;
        for (int from = start; from < end; from += Scratch.BLOCK) {
            int n = Math.min(Scratch.BLOCK, end - from);
            int i = 0;
            for (int upper = S.loopBound(n); i < upper; i += S.length()) {
                int o = 4 * (from + i);
                FloatVector ti = FloatVector.fromByteBuffer(S, th, theta.at + o, ORDER);
                FloatVector vi = FloatVector.fromByteBuffer(S, v, unit.at + o, ORDER);
                FloatVector gi = FloatVector.fromByteBuffer(S, g, gradient.at + o, ORDER);
                FloatVector mi = gi.add(FloatVector.fromByteBuffer(S, m, momentum.at + o, ORDER).mul(b));
                FloatVector next = vi.mul(a).add(gi.mul(e)).add(ti);
                if (recentre) {
                    FloatVector.fromArray(S, shifts, i)
                            .add(next.sub(FloatVector.fromByteBuffer(S, c, centre.at + o, ORDER)).mul(vi))
                            .intoArray(shifts, i);
                    next.intoByteBuffer(c, centre.at + o, ORDER);
                }
                if (rotate) {
                    mi.mul(r).intoByteBuffer(v, unit.at + o, ORDER);
                }
                mi.intoByteBuffer(m, momentum.at + o, ORDER);
                next.intoByteBuffer(th, theta.at + o, ORDER);
                if (out != null) { // last: the update may be the gradient, read above
                    ti.sub(next).intoByteBuffer(out, update.at + o, ORDER);
                }
            }
            for (; i < n; i++) {
                int o = 4 * (from + i);
                float ti = th.getFloat(theta.at + o);
                float vi = v.getFloat(unit.at + o);
                float gi = g.getFloat(gradient.at + o);
                float mi = gi + b * m.getFloat(momentum.at + o);
                float next = a * vi + e * gi + ti;
                if (recentre) {
                    shifts[i] += (next - c.getFloat(centre.at + o)) * vi;
                    c.putFloat(centre.at + o, next);
                }
                if (rotate) {
                    v.putFloat(unit.at + o, r * mi);
                }
                m.putFloat(momentum.at + o, mi);
                th.putFloat(theta.at + o, next);
                if (out != null) {
                    out.putFloat(update.at + o, ti - next);
                }
            }
        }
    }
}
