package dev.ogr.core.subspace;

import dev.ogr.core.kernel.Vec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float passes of {@link SubspaceKernel} without a row hook in the JDK's Vector API, reading the basis, θ and g
 * from their native memory instead of copying each block into heap columns first. The measuring side adds one
 * block's products into the same per-row float accumulators, in the same order of blocks, and the applying side
 * forms θ's move and the next basis with the same multiplies and adds in the same order (no fused multiply-add), so
 * every result is the lanes' bit for bit. The last elements of a block run as scalars. Loaded only when the JVM has
 * the module {@code jdk.incubator.vector}.
 */
final class SubspaceKernelSimd {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** A vector's native memory and the byte index of its element 0, remade only when the vector changes. */
    private static final class Memory {
        private Vec vec;
        ByteBuffer bytes;
        int at;

        void bind(Vec v) {
            if (v != vec) {
                vec = v;
                bytes = v == null ? null : v.bytes();
                at = v == null ? 0 : 4 * v.offset();
            }
        }
    }

    private final int rows;
    private final int k;
    private final Memory basis = new Memory();
    private final Memory theta = new Memory();
    private final Memory gradient = new Memory();
    private final Memory target = new Memory();
    private final Memory before = new Memory();
    private final Memory displacement = new Memory();
    private boolean keep;
    // per column of the lanes' block (the k basis vectors, θ, g): its buffer and the byte index of its element 0
    private final ByteBuffer[] columnBytes;
    private final int[] columnAt;

    SubspaceKernelSimd(int rows, int k) {
        this.rows = rows;
        this.k = k;
        columnBytes = new ByteBuffer[k + 2];
        columnAt = new int[k + 2];
    }

    /** Whether each of these (null for none) is a float vector in host memory, which the passes read directly. */
    static boolean direct(Vec a, Vec b, Vec c, Vec d) {
        return a.isFloat() && (b == null || b.isFloat()) && (c == null || c.isFloat()) && (d == null || d.isFloat());
    }

    /** Points the passes at a step's vectors ({@code th} and {@code next} may be null); before the threads start. */
    void bind(Vec v, Vec th, Vec g, Vec next) {
        basis.bind(v);
        theta.bind(th);
        gradient.bind(g);
        target.bind(next);
        for (int j = 0; j < k; j++) {
            columnBytes[j] = basis.bytes;
            columnAt[j] = basis.at + 4 * j * rows;
        }
        columnBytes[k] = theta.bytes;
        columnAt[k] = theta.at;
        columnBytes[k + 1] = gradient.bytes;
        columnAt[k + 1] = gradient.at;
    }

    /**
     * Points the next applying pass at the vectors that receive θ before its move and θ_new − θ_old (both null for
     * none); false when they are not float vectors in host memory (then the lanes run the pass).
     */
    boolean keep(Vec old, Vec step) {
        keep = old != null;
        if (keep && !(old.isFloat() && step.isFloat())) {
            return false;
        }
        before.bind(old);
        displacement.bind(step);
        return true;
    }

    /**
     * Adds the products of rows {@code b .. b + n - 1} to the per-row sums, following the lanes' plan: each entry is
     * {arity, sum slots..., columns...} with the columns numbered as in the lanes (j &lt; k the basis, k θ, k + 1 g).
     */
    void products(int[][] plan, float[][] sums, int b, int n) {
        int o = 4 * b;
        for (int[] p : plan) {
            if (p[0] == 3) {
                accumulate3(sums[p[1]], sums[p[2]], sums[p[3]], columnBytes[p[4]], columnAt[p[4]] + o,
                        columnBytes[p[5]], columnAt[p[5]] + o, columnBytes[p[6]], columnAt[p[6]] + o, n);
            } else if (p[0] == 2) {
                accumulate2(sums[p[1]], sums[p[2]], columnBytes[p[3]], columnAt[p[3]] + o, columnBytes[p[4]],
                        columnAt[p[4]] + o, columnBytes[p[5]], columnAt[p[5]] + o, n);
            } else {
                accumulate(sums[p[1]], columnBytes[p[2]], columnAt[p[2]] + o, columnBytes[p[3]], columnAt[p[3]] + o,
                        n);
            }
        }
    }

    /** s[r] += a[r]·b[r]. */
    private static void accumulate(float[] s, ByteBuffer a, int aAt, ByteBuffer b, int bAt, int n) {
        int r = 0;
        for (int upper = S.loopBound(n); r < upper; r += S.length()) {
            int o = 4 * r;
            FloatVector x = FloatVector.fromByteBuffer(S, a, aAt + o, ORDER);
            FloatVector y = FloatVector.fromByteBuffer(S, b, bAt + o, ORDER);
            FloatVector.fromArray(S, s, r).add(x.mul(y)).intoArray(s, r);
        }
        for (; r < n; r++) {
            s[r] += a.getFloat(aAt + 4 * r) * b.getFloat(bAt + 4 * r);
        }
    }

    /** s[r] += v[r]·a[r], t[r] += v[r]·b[r]. */
    private static void accumulate2(float[] s, float[] t, ByteBuffer v, int vAt, ByteBuffer a, int aAt, ByteBuffer b,
            int bAt, int n) {
        int r = 0;
        for (int upper = S.loopBound(n); r < upper; r += S.length()) {
            int o = 4 * r;
            FloatVector x = FloatVector.fromByteBuffer(S, v, vAt + o, ORDER);
            FloatVector.fromArray(S, s, r).add(x.mul(FloatVector.fromByteBuffer(S, a, aAt + o, ORDER)))
                    .intoArray(s, r);
            FloatVector.fromArray(S, t, r).add(x.mul(FloatVector.fromByteBuffer(S, b, bAt + o, ORDER)))
                    .intoArray(t, r);
        }
        for (; r < n; r++) {
            float x = v.getFloat(vAt + 4 * r);
            s[r] += x * a.getFloat(aAt + 4 * r);
            t[r] += x * b.getFloat(bAt + 4 * r);
        }
    }

    /** s[r] += v[r]·a[r], t[r] += v[r]·b[r], u[r] += v[r]². */
    private static void accumulate3(float[] s, float[] t, float[] u, ByteBuffer v, int vAt, ByteBuffer a, int aAt,
            ByteBuffer b, int bAt, int n) {
        int r = 0;
        for (int upper = S.loopBound(n); r < upper; r += S.length()) {
            int o = 4 * r;
            FloatVector x = FloatVector.fromByteBuffer(S, v, vAt + o, ORDER);
            FloatVector.fromArray(S, s, r).add(x.mul(FloatVector.fromByteBuffer(S, a, aAt + o, ORDER)))
                    .intoArray(s, r);
            FloatVector.fromArray(S, t, r).add(x.mul(FloatVector.fromByteBuffer(S, b, bAt + o, ORDER)))
                    .intoArray(t, r);
            FloatVector.fromArray(S, u, r).add(x.mul(x)).intoArray(u, r);
        }
        for (; r < n; r++) {
            float x = v.getFloat(vAt + 4 * r);
            s[r] += x * a.getFloat(aAt + 4 * r);
            t[r] += x * b.getFloat(bAt + 4 * r);
            u[r] += x * x;
        }
    }

    /**
     * The applying pass over rows {@code b .. b + n - 1}: θ ← (θ + V·c) + a·g (each part when asked for: {@code c}
     * null for none, {@code scale} 0 for none), then, with {@code transform}, V′ⱼ = Σ_{l ≤ j} A[l][j]·Vₗ + bⱼ·g into
     * the target, from the last basis vector to the first, so that an in-place turn reads only vectors it has not yet
     * written. The sums are formed as the lanes' {@code combine}: the first two terms, then two terms at a time, then
     * the last one; weights rounded to float. {@code scale} is the factor of g as a double, rounded to float where it
     * multiplies (the term is left out only when it is exactly 0, as in the lanes).
     */
    void apply(int b, int n, boolean moveTheta, double[] c, double scale, double[] transform, double[] gradientRow) {
        if (moveTheta) {
            moveTheta(b, n, c, scale != 0, (float) scale);
        }
        if (transform != null) {
            for (int j = k - 1; j >= 0; j--) {
                turn(b, n, j, transform, gradientRow);
            }
        }
    }

    private void moveTheta(int b, int n, double[] c, boolean addGradient, float scale) {
        ByteBuffer v = basis.bytes;
        ByteBuffer th = theta.bytes;
        ByteBuffer g = gradient.bytes;
        int vAt = basis.at;
        int stride = 4 * rows;
        int r = 0;
        for (int upper = S.loopBound(n); r < upper; r += S.length()) {
            int o = 4 * (b + r);
            FloatVector t = FloatVector.fromByteBuffer(S, th, theta.at + o, ORDER);
            FloatVector old = t;
            if (keep) {
                t.intoByteBuffer(before.bytes, before.at + o, ORDER);
            }
            if (c != null) {
                FloatVector sum;
                if (k == 1) {
                    sum = FloatVector.fromByteBuffer(S, v, vAt + o, ORDER).mul((float) c[0]);
                } else {
                    sum = FloatVector.fromByteBuffer(S, v, vAt + o, ORDER).mul((float) c[0])
                            .add(FloatVector.fromByteBuffer(S, v, vAt + stride + o, ORDER).mul((float) c[1]));
                    int i = 2;
                    for (; i + 1 < k; i += 2) {
                        sum = sum.add(FloatVector.fromByteBuffer(S, v, vAt + i * stride + o, ORDER).mul((float) c[i]))
                                .add(FloatVector.fromByteBuffer(S, v, vAt + (i + 1) * stride + o, ORDER)
                                        .mul((float) c[i + 1]));
                    }
                    if (i < k) {
                        sum = sum.add(FloatVector.fromByteBuffer(S, v, vAt + i * stride + o, ORDER).mul((float) c[i]));
                    }
                }
                t = t.add(sum);
            }
            if (addGradient) {
                t = t.add(FloatVector.fromByteBuffer(S, g, gradient.at + o, ORDER).mul(scale));
            }
            t.intoByteBuffer(th, theta.at + o, ORDER);
            if (keep) {
                t.sub(old).intoByteBuffer(displacement.bytes, displacement.at + o, ORDER);
            }
        }
        for (; r < n; r++) {
            int o = 4 * (b + r);
            float t = th.getFloat(theta.at + o);
            float old = t;
            if (keep) {
                before.bytes.putFloat(before.at + o, t);
            }
            if (c != null) {
                float sum;
                if (k == 1) {
                    sum = (float) c[0] * v.getFloat(vAt + o);
                } else {
                    sum = (float) c[0] * v.getFloat(vAt + o) + (float) c[1] * v.getFloat(vAt + stride + o);
                    int i = 2;
                    for (; i + 1 < k; i += 2) {
                        sum = sum + (float) c[i] * v.getFloat(vAt + i * stride + o)
                                + (float) c[i + 1] * v.getFloat(vAt + (i + 1) * stride + o);
                    }
                    if (i < k) {
                        sum += (float) c[i] * v.getFloat(vAt + i * stride + o);
                    }
                }
                t = t + sum;
            }
            if (addGradient) {
                t += scale * g.getFloat(gradient.at + o);
            }
            th.putFloat(theta.at + o, t);
            if (keep) {
                displacement.bytes.putFloat(displacement.at + o, t - old);
            }
        }
    }

    /** V′ⱼ over rows b .. b + n - 1: the sources V₀ .. Vⱼ, g with the weights A[0][j] .. A[j][j], bⱼ. */
    private void turn(int b, int n, int j, double[] a, double[] gradientRow) {
        ByteBuffer v = basis.bytes;
        ByteBuffer g = gradient.bytes;
        ByteBuffer out = target.bytes;
        int vAt = basis.at;
        int gAt = gradient.at;
        int outAt = target.at + 4 * j * rows;
        int stride = 4 * rows;
        int m = j + 2; // sources 0 .. j are basis vectors, source j + 1 is g
        float w0 = (float) a[j];
        float w1 = (float) (j >= 1 ? a[k + j] : gradientRow[j]);
        int r = 0;
        for (int upper = S.loopBound(n); r < upper; r += S.length()) {
            int o = 4 * (b + r);
            FloatVector s1 = j >= 1 ? FloatVector.fromByteBuffer(S, v, vAt + stride + o, ORDER)
                    : FloatVector.fromByteBuffer(S, g, gAt + o, ORDER);
            FloatVector sum = FloatVector.fromByteBuffer(S, v, vAt + o, ORDER).mul(w0).add(s1.mul(w1));
            int i = 2;
            for (; i + 1 < m; i += 2) {
                FloatVector x = i <= j ? FloatVector.fromByteBuffer(S, v, vAt + i * stride + o, ORDER)
                        : FloatVector.fromByteBuffer(S, g, gAt + o, ORDER);
                FloatVector y = i + 1 <= j ? FloatVector.fromByteBuffer(S, v, vAt + (i + 1) * stride + o, ORDER)
                        : FloatVector.fromByteBuffer(S, g, gAt + o, ORDER);
                sum = sum.add(x.mul(weight(a, gradientRow, i, j))).add(y.mul(weight(a, gradientRow, i + 1, j)));
            }
            if (i < m) {
                FloatVector x = i <= j ? FloatVector.fromByteBuffer(S, v, vAt + i * stride + o, ORDER)
                        : FloatVector.fromByteBuffer(S, g, gAt + o, ORDER);
                sum = sum.add(x.mul(weight(a, gradientRow, i, j)));
            }
            sum.intoByteBuffer(out, outAt + o, ORDER);
        }
        for (; r < n; r++) {
            int o = 4 * (b + r);
            float s1 = j >= 1 ? v.getFloat(vAt + stride + o) : g.getFloat(gAt + o);
            float sum = w0 * v.getFloat(vAt + o) + w1 * s1;
            int i = 2;
            for (; i + 1 < m; i += 2) {
                float x = i <= j ? v.getFloat(vAt + i * stride + o) : g.getFloat(gAt + o);
                float y = i + 1 <= j ? v.getFloat(vAt + (i + 1) * stride + o) : g.getFloat(gAt + o);
                sum = sum + weight(a, gradientRow, i, j) * x + weight(a, gradientRow, i + 1, j) * y;
            }
            if (i < m) {
                float x = i <= j ? v.getFloat(vAt + i * stride + o) : g.getFloat(gAt + o);
                sum += weight(a, gradientRow, i, j) * x;
            }
            out.putFloat(outAt + o, sum);
        }
    }

    /** The float weight of source i in V′ⱼ: A[i][j] for a basis vector, bⱼ for g. */
    private float weight(double[] a, double[] gradientRow, int i, int j) {
        return (float) (i <= j ? a[i * k + j] : gradientRow[j]);
    }
}
