package dev.ogr.core.averages;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StrategyState;
import dev.ogr.api.block.CoordinateStatistics;
import dev.ogr.core.Vectors;
import dev.ogr.core.kernel.Vec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * No averages: only the latest gradient along each model coordinate is kept, for step rules that need no
 * regression (the first-order baselines heavy-ball, Nesterov, Adam), so that they run through the same optimizer.
 * The model is never {@linkplain RegressionModel#defined defined}.
 */
public final class NoAverages implements AverageTracker {

    private boolean coordinates;
    private long rank;
    private double[] lastX;
    private double[] lastY;
    private INDArray seenTheta;
    private INDArray seenGradient;
    private Vec lastTheta;
    private Vec lastGradient;
    private final RegressionModel model = new Model();

    @Override
    public void init(ModelLayout layout, StrategyState state) {
        coordinates = layout.geometry() == Geometry.COORDINATES;
        rank = layout.rank();
        if (!coordinates) {
            lastX = new double[(int) rank];
            lastY = new double[(int) rank];
        }
    }

    @Override
    public void observe(INDArray theta, INDArray gradient, Basis basis) {
        if (coordinates) {
            if (theta != seenTheta || gradient != seenGradient) {
                seenTheta = theta;
                seenGradient = gradient;
                lastTheta = Vec.of(theta);
                lastGradient = Vec.of(gradient);
            }
            return;
        }
        for (int j = 0; j < rank; j++) {
            lastX[j] = Vectors.dot(theta, basis.column(j));
            lastY[j] = Vectors.dot(gradient, basis.column(j));
        }
    }

    @Override
    public RegressionModel model() {
        return model;
    }

    /** Coordinate-wise it keeps nothing the fused pass must update ({@link CoordinateStatistics#NONE}). */
    @Override
    public CoordinateStatistics coordinateStatistics() {
        return coordinates ? CoordinateStatistics.NONE : null;
    }

    /** No statistics on the array-op path either. */
    @Override
    public dev.ogr.api.array.ArrayStatistics arrayStatistics() {
        return coordinates ? dev.ogr.api.array.ArrayStatistics.NONE : null;
    }

    @Override
    public String toString() {
        return "none";
    }

    /** Latest observation only; every statistic is NaN. */
    private final class Model implements RegressionModel {
        @Override
        public long size() {
            return rank;
        }

        @Override
        public boolean defined(long i) {
            return false;
        }

        @Override
        public double position(long i) {
            return coordinates ? lastTheta.get((int) i) : lastX[(int) i];
        }

        @Override
        public double gradient(long i) {
            return coordinates ? lastGradient.get((int) i) : lastY[(int) i];
        }

        @Override
        public double meanPosition(long i) {
            return Double.NaN;
        }

        @Override
        public double meanGradient(long i) {
            return Double.NaN;
        }

        @Override
        public double positionVariance(long i) {
            return Double.NaN;
        }

        @Override
        public double gradientVariance(long i) {
            return Double.NaN;
        }

        @Override
        public double covariance(long i) {
            return Double.NaN;
        }
    }
}
