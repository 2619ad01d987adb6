package dev.ogr.core.averages;

import dev.ogr.api.block.CoordinateBlock;
import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;
import java.util.Arrays;

/**
 * The per-coordinate statistics of a coordinate-wise {@link MovingAverages} as element views, with the update of one
 * coordinate, so that a step rule can update the averages and step in a single pass over memory (a fused kernel).
 * A final class: its methods inline into the caller's loop. The covariance is absent (null, read as NaN) when the
 * step rule does not read it. Block kernels use {@link #updateBlock}, which leaves the
 * updated statistics of the block in the {@link Scratch} lanes {@link #MEAN_X} to {@link #COVARIANCE}.
 */
public final class DiagonalStats {

    /** The scratch lane of the block's mean positions. */
    public static final int MEAN_X = CoordinateBlock.MEAN_THETA;
    /** The scratch lane of the block's mean gradients. */
    public static final int MEAN_Y = CoordinateBlock.MEAN_GRADIENT;
    /** The scratch lane of the block's var(θ). */
    public static final int VAR_X = CoordinateBlock.VAR_THETA;
    /** The scratch lane of the block's var(g). */
    public static final int VAR_Y = CoordinateBlock.VAR_GRADIENT;
    /** The scratch lane of the block's cov(g, θ). */
    public static final int COVARIANCE = CoordinateBlock.COVARIANCE;

    final Vec meanX;
    final Vec meanY;
    final Vec varX;
    final Vec varY;
    final Vec covXY;
    final boolean notebook;

    DiagonalStats(Vec meanX, Vec meanY, Vec varX, Vec varY, Vec covXY, boolean notebook) {
        this.meanX = meanX;
        this.meanY = meanY;
        this.varX = varX;
        this.varY = varY;
        this.covXY = covXY;
        this.notebook = notebook;
    }

    /**
     * Adds the observation (x, y) to coordinate i with weight a for the new point (see {@link MovingAverages} for
     * the two forms of the update).
     */
    public void update(int i, double x, double y, double a) {
        double ex = x - meanX.get(i);
        double ey = y - meanY.get(i);
        meanX.set(i, meanX.get(i) + a * ex);
        meanY.set(i, meanY.get(i) + a * ey);
        double b = 1 - a;
        if (notebook) {
            double fx = b * ex; // x − the updated mean
            double fy = b * ey;
            varX.set(i, varX.get(i) + a * (fx * fx - varX.get(i)));
            varY.set(i, varY.get(i) + a * (fy * fy - varY.get(i)));
            if (covXY != null) {
                covXY.set(i, covXY.get(i) + a * (fx * fy - covXY.get(i)));
            }
        } else {
            varX.set(i, b * (varX.get(i) + a * ex * ex));
            varY.set(i, b * (varY.get(i) + a * ey * ey));
            if (covXY != null) {
                covXY.set(i, b * (covXY.get(i) + a * ex * ey));
            }
        }
    }

    /**
     * Adds the observations (x[k], y[k]) to coordinates {@code from + k}, k &lt; count, exactly as {@link #update}
     * does each: reads the block of each statistic into its lane of {@code s}, updates it, stores it, and leaves in
     * the lanes the values as stored (rounded to the arrays' type).
     */
    public void updateBlock(int from, int count, double[] x, double[] y, double a, Scratch s) {
        float[] f = s.floats();
        double[] mx = s.lane(MEAN_X);
        double[] my = s.lane(MEAN_Y);
        double[] vx = s.lane(VAR_X);
        double[] vy = s.lane(VAR_Y);
        double[] cxy = s.lane(COVARIANCE);
        meanX.read(from, count, mx, f);
        meanY.read(from, count, my, f);
        varX.read(from, count, vx, f);
        varY.read(from, count, vy, f);
        if (covXY != null) {
            covXY.read(from, count, cxy, f);
        } else {
            Arrays.fill(cxy, 0, count, 0);
        }
        double b = 1 - a;
        if (notebook) {
            for (int i = 0; i < count; i++) {
                double ex = x[i] - mx[i];
                double ey = y[i] - my[i];
                mx[i] = mx[i] + a * ex;
                my[i] = my[i] + a * ey;
                double fx = b * ex;
                double fy = b * ey;
                vx[i] = vx[i] + a * (fx * fx - vx[i]);
                vy[i] = vy[i] + a * (fy * fy - vy[i]);
                cxy[i] = cxy[i] + a * (fx * fy - cxy[i]);
            }
        } else {
            for (int i = 0; i < count; i++) {
                double ex = x[i] - mx[i];
                double ey = y[i] - my[i];
                mx[i] = mx[i] + a * ex;
                my[i] = my[i] + a * ey;
                vx[i] = b * (vx[i] + a * ex * ex);
                vy[i] = b * (vy[i] + a * ey * ey);
                cxy[i] = b * (cxy[i] + a * ex * ey);
            }
        }
        meanX.write(from, count, mx, f);
        meanY.write(from, count, my, f);
        varX.write(from, count, vx, f);
        varY.write(from, count, vy, f);
        if (covXY != null) {
            covXY.write(from, count, cxy, f);
        } else {
            Arrays.fill(cxy, 0, count, Double.NaN); // not kept: whoever reads it sees NaN
        }
    }

    /** Whether all five statistics are float vectors (then {@link #updateFloatBlock} applies). */
    public boolean isFloat() {
        return meanX.isFloat() && meanY.isFloat() && varX.isFloat() && varY.isFloat()
                && (covXY == null || covXY.isFloat());
    }

    /**
     * {@link #updateBlock} for float statistics, in the float lanes of {@code s}: the same formulas in float
     * arithmetic (agreeing with {@link #update} to float rounding).
     */
    public void updateFloatBlock(int from, int count, float[] x, float[] y, double a, Scratch s) {
        float[] mx = s.floatLane(MEAN_X);
        float[] my = s.floatLane(MEAN_Y);
        float[] vx = s.floatLane(VAR_X);
        float[] vy = s.floatLane(VAR_Y);
        float[] cxy = s.floatLane(COVARIANCE);
        meanX.readFloats(from, count, mx);
        meanY.readFloats(from, count, my);
        varX.readFloats(from, count, vx);
        varY.readFloats(from, count, vy);
        boolean covariance = covXY != null;
        if (covariance) {
            covXY.readFloats(from, count, cxy);
        } else {
            Arrays.fill(cxy, 0, count, Float.NaN); // not kept: whoever reads it sees NaN
        }
        // float arithmetic in short loops of few arrays each, which the JIT vectorises (on JDK 17 one loop over all
        // seven arrays was not vectorised and took 3 to 6 times as long); the covariance first, from the old means
        float af = (float) a;
        float bf = (float) (1 - a);
        if (notebook) {
            for (int i = 0; covariance && i < count; i++) {
                float fx = bf * (x[i] - mx[i]);
                float fy = bf * (y[i] - my[i]);
                cxy[i] = cxy[i] + af * (fx * fy - cxy[i]);
            }
            notebookMoments(count, x, mx, vx, af, bf);
            notebookMoments(count, y, my, vy, af, bf);
        } else {
            for (int i = 0; covariance && i < count; i++) {
                cxy[i] = bf * (cxy[i] + af * (x[i] - mx[i]) * (y[i] - my[i]));
            }
            plainMoments(count, x, mx, vx, af, bf);
            plainMoments(count, y, my, vy, af, bf);
        }
        meanX.writeFloats(from, count, mx);
        meanY.writeFloats(from, count, my);
        varX.writeFloats(from, count, vx);
        varY.writeFloats(from, count, vy);
        if (covariance) {
            covXY.writeFloats(from, count, cxy);
        }
    }

    /** The mean and variance of one variable, in float, the notebooks' form (see {@link MovingAverages}). */
    private static void notebookMoments(int count, float[] v, float[] mean, float[] var, float af, float bf) {
        for (int i = 0; i < count; i++) {
            float e = v[i] - mean[i];
            mean[i] = mean[i] + af * e;
            float f = bf * e;
            var[i] = var[i] + af * (f * f - var[i]);
        }
    }

    /** The mean and variance of one variable, in float, paper 1's form (see {@link MovingAverages}). */
    private static void plainMoments(int count, float[] v, float[] mean, float[] var, float af, float bf) {
        for (int i = 0; i < count; i++) {
            float e = v[i] - mean[i];
            mean[i] = mean[i] + af * e;
            var[i] = bf * (var[i] + af * e * e);
        }
    }

    /**
     * The Vector API form of {@link #updateFloatBlock} (docs/performance.md), or null when a statistic is not float;
     * only when {@link dev.ogr.core.kernel.Kernels#simd(long)}.
     */
    public dev.ogr.core.exec.DirectFloatStatistics directFloats() {
        return isFloat() ? new DiagonalStatsSimd(this) : null;
    }

    /** The mean position of coordinate i. */
    public double meanPosition(int i) {
        return meanX.get(i);
    }

    /** The mean gradient of coordinate i. */
    public double meanGradient(int i) {
        return meanY.get(i);
    }

    /** var(θ) of coordinate i. */
    public double positionVariance(int i) {
        return varX.get(i);
    }

    /** var(g) of coordinate i. */
    public double gradientVariance(int i) {
        return varY.get(i);
    }

    /** cov(g, θ) of coordinate i. */
    public double covariance(int i) {
        return covXY == null ? Double.NaN : covXY.get(i);
    }
}
