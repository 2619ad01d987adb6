package dev.ogr.core.averages;

import dev.ogr.core.exec.DirectFloatMemory;
import dev.ogr.core.exec.DirectFloatStatistics;
import dev.ogr.core.kernel.Vec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DiagonalStats#updateFloatBlock} in the JDK's Vector API, directly in host memory: the same float formulas,
 * operation for operation (no fused multiply-adds), so the same values bit for bit. Whole vectors only, unmasked (on
 * JDK 17 a masked store in a loop made C2 box every vector of it); the last few elements of a range run as scalars.
 * Loaded only when the JVM has the module {@code jdk.incubator.vector}.
 */
final class DiagonalStatsSimd implements DirectFloatStatistics {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final DiagonalStats stats;

    DiagonalStatsSimd(DiagonalStats stats) {
        this.stats = stats;
    }

    @Override
    public Vec[] vectors() {
        return new Vec[] {stats.meanX, stats.meanY, stats.varX, stats.varY, stats.covXY};
    }

    @Override
    public void update(DirectFloatMemory m, int from, int to, double weight) {
        float af = (float) weight;
        float bf = (float) (1 - weight);
        int[] at = m.statisticsAt;
        if (m.covariance != null) { // from the old means, so first
            covariance(m.theta, m.thetaAt, m.gradient, m.gradientAt, m.meanX, at[0], m.meanY, at[1], m.covariance,
                    at[4], from, to, af, bf, stats.notebook);
        }
        if (stats.notebook) {
            notebook(m.theta, m.thetaAt, m.meanX, at[0], m.varX, at[2], from, to, af, bf);
            notebook(m.gradient, m.gradientAt, m.meanY, at[1], m.varY, at[3], from, to, af, bf);
        } else {
            plain(m.theta, m.thetaAt, m.meanX, at[0], m.varX, at[2], from, to, af, bf);
            plain(m.gradient, m.gradientAt, m.meanY, at[1], m.varY, at[3], from, to, af, bf);
        }
    }

    /** cov ← (1 − a)(cov + a·ex·ey) (paper 1) or cov + a·(fx·fy − cov), f = (1 − a)·e (the notebooks). */
    private static void covariance(ByteBuffer x, int xAt, ByteBuffer y, int yAt, ByteBuffer mx, int mxAt, ByteBuffer my,
            int myAt, ByteBuffer c, int cAt, int from, int to, float af, float bf, boolean notebook) {
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            int b = 4 * i;
            FloatVector ex = FloatVector.fromByteBuffer(S, x, xAt + b, ORDER)
                    .sub(FloatVector.fromByteBuffer(S, mx, mxAt + b, ORDER));
            FloatVector ey = FloatVector.fromByteBuffer(S, y, yAt + b, ORDER)
                    .sub(FloatVector.fromByteBuffer(S, my, myAt + b, ORDER));
            FloatVector ci = FloatVector.fromByteBuffer(S, c, cAt + b, ORDER);
            FloatVector next = notebook ? ci.add(ex.mul(bf).mul(ey.mul(bf)).sub(ci).mul(af))
                    : ci.add(ex.mul(af).mul(ey)).mul(bf);
            next.intoByteBuffer(c, cAt + b, ORDER);
        }
        for (; i < to; i++) {
            int b = 4 * i;
            float ex = x.getFloat(xAt + b) - mx.getFloat(mxAt + b);
            float ey = y.getFloat(yAt + b) - my.getFloat(myAt + b);
            float ci = c.getFloat(cAt + b);
            float fx = bf * ex;
            float fy = bf * ey;
            c.putFloat(cAt + b, notebook ? ci + af * (fx * fy - ci) : bf * (ci + af * ex * ey));
        }
    }

    /** Paper 1's mean and variance of one variable: μ + a·e, (1 − a)(v + a·e·e), e = x − μ. */
    private static void plain(ByteBuffer x, int xAt, ByteBuffer mean, int meanAt, ByteBuffer var, int varAt, int from,
            int to, float af, float bf) {
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            int b = 4 * i;
            FloatVector mi = FloatVector.fromByteBuffer(S, mean, meanAt + b, ORDER);
            FloatVector vi = FloatVector.fromByteBuffer(S, var, varAt + b, ORDER);
            FloatVector e = FloatVector.fromByteBuffer(S, x, xAt + b, ORDER).sub(mi);
            mi.add(e.mul(af)).intoByteBuffer(mean, meanAt + b, ORDER);
            vi.add(e.mul(af).mul(e)).mul(bf).intoByteBuffer(var, varAt + b, ORDER);
        }
        for (; i < to; i++) {
            int b = 4 * i;
            float mi = mean.getFloat(meanAt + b);
            float e = x.getFloat(xAt + b) - mi;
            mean.putFloat(meanAt + b, mi + af * e);
            var.putFloat(varAt + b, bf * (var.getFloat(varAt + b) + af * e * e));
        }
    }

    /** The notebooks' mean and variance of one variable: μ + a·e, v + a·(f·f − v), e = x − μ, f = (1 − a)·e. */
    private static void notebook(ByteBuffer x, int xAt, ByteBuffer mean, int meanAt, ByteBuffer var, int varAt,
            int from, int to, float af, float bf) {
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            int b = 4 * i;
            FloatVector mi = FloatVector.fromByteBuffer(S, mean, meanAt + b, ORDER);
            FloatVector vi = FloatVector.fromByteBuffer(S, var, varAt + b, ORDER);
            FloatVector e = FloatVector.fromByteBuffer(S, x, xAt + b, ORDER).sub(mi);
            FloatVector f = e.mul(bf);
            mi.add(e.mul(af)).intoByteBuffer(mean, meanAt + b, ORDER);
            vi.add(f.mul(f).sub(vi).mul(af)).intoByteBuffer(var, varAt + b, ORDER);
        }
        for (; i < to; i++) {
            int b = 4 * i;
            float mi = mean.getFloat(meanAt + b);
            float vi = var.getFloat(varAt + b);
            float e = x.getFloat(xAt + b) - mi;
            float f = bf * e;
            mean.putFloat(meanAt + b, mi + af * e);
            var.putFloat(varAt + b, vi + af * (f * f - vi));
        }
    }
}
