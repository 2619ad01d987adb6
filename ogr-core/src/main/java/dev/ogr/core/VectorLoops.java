package dev.ogr.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Vectors}' shortening of a step and its elementwise combination in the JDK's Vector API, over the vectors' native memory, with the roundings
 * of the scalar loop bit for bit (a multiply, then an add: no fused multiply-add). It uses only the preferred float
 * species, the one the step kernels use: a dot product written here with double vectors (float halves widened to
 * double) made C2 compile the step kernels that ran after it in the same JVM with boxed vectors (asgdc 128 ms a step
 * against 63–73), so the dot products stay scalar ({@link Vectors#squaredNorm}). Loaded only when the JVM has the
 * module {@code jdk.incubator.vector} ({@link dev.ogr.core.kernel.Kernels#vectorModule()}).
 */
final class VectorLoops {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorLoops() {
    }

    /**
     * The float shortening of {@link Vectors#shortenTheta} over elements {@code from .. to - 1} (θ from byte index
     * {@code thetaAt}, the update from {@code updateAt}, read only): old = θ + u, θ ← old + b·u, each rounded to float
     * as in the scalar loop.
     */
    static void shortenFloats(ByteBuffer theta, int thetaAt, ByteBuffer update, int updateAt, float b, int from,
            int to) {
        int i = from;
        for (int upper = from + FLOATS.loopBound(to - from); i < upper; i += FLOATS.length()) {
            int o = 4 * i;
            FloatVector t = FloatVector.fromByteBuffer(FLOATS, theta, thetaAt + o, ORDER);
            FloatVector u = FloatVector.fromByteBuffer(FLOATS, update, updateAt + o, ORDER);
            FloatVector old = t.add(u);
            old.add(u.mul(b)).intoByteBuffer(theta, thetaAt + o, ORDER);
        }
        for (; i < to; i++) {
            int ot = thetaAt + 4 * i;
            int ou = updateAt + 4 * i;
            float t = theta.getFloat(ot);
            float u = update.getFloat(ou);
            float old = t + u;
            theta.putFloat(ot, old + b * u);
        }
    }

    /**
     * The float combination of {@link Vectors#combine} over elements {@code from .. to - 1}: z ← a·x + b·y + c·z with
     * the terms {@code y} (null for none, or {@code b} = 0) and {@code c·z} ({@code c} = 0) left out as in the scalar
     * loop, each product and sum rounded to float in its order, so the same bits. Each vector's operands are read
     * before its result is written, so z may be x or y.
     */
    static void combineFloats(float a, ByteBuffer x, int xAt, float b, ByteBuffer y, int yAt, float c, ByteBuffer z,
            int zAt, int from, int to) {
        boolean withY = y != null && b != 0;
        int i = from;
        for (int upper = from + FLOATS.loopBound(to - from); i < upper; i += FLOATS.length()) {
            int o = 4 * i;
            FloatVector xs = FloatVector.fromByteBuffer(FLOATS, x, xAt + o, ORDER);
            FloatVector out;
            if (withY) {
                out = xs.mul(a).add(FloatVector.fromByteBuffer(FLOATS, y, yAt + o, ORDER).mul(b));
                if (c != 0) {
                    out = out.add(FloatVector.fromByteBuffer(FLOATS, z, zAt + o, ORDER).mul(c));
                }
            } else if (c != 0) {
                out = xs.mul(a).add(FloatVector.fromByteBuffer(FLOATS, z, zAt + o, ORDER).mul(c));
            } else {
                out = a == 1 ? xs : xs.mul(a);
            }
            out.intoByteBuffer(z, zAt + o, ORDER);
        }
        for (; i < to; i++) {
            int o = 4 * i;
            float xi = x.getFloat(xAt + o);
            float out;
            if (withY) {
                out = a * xi + b * y.getFloat(yAt + o);
                if (c != 0) {
                    out = out + c * z.getFloat(zAt + o);
                }
            } else if (c != 0) {
                out = a * xi + c * z.getFloat(zAt + o);
            } else {
                out = a == 1 ? xi : a * xi;
            }
            z.putFloat(zAt + o, out);
        }
    }
}
