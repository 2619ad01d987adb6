package dev.ogr.core.averages;

import dev.ogr.core.kernel.Vec;

/**
 * The per-coordinate statistics of a coordinate-wise {@link MovingAverages} as element views, with the update of one
 * coordinate, so that a step rule can update the averages and step in a single pass over memory (a fused kernel).
 * A final class: its methods inline into the caller's loop.
 */
public final class DiagonalStats {

    final Vec meanX;
    final Vec meanY;
    final Vec varX;
    final Vec varY;
    final Vec covXY;
    private final boolean notebook;

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
            covXY.set(i, covXY.get(i) + a * (fx * fy - covXY.get(i)));
        } else {
            varX.set(i, b * (varX.get(i) + a * ex * ex));
            varY.set(i, b * (varY.get(i) + a * ey * ey));
            covXY.set(i, b * (covXY.get(i) + a * ex * ey));
        }
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
        return covXY.get(i);
    }
}
