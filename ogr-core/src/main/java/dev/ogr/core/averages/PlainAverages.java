package dev.ogr.core.averages;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StrategyState;
import dev.ogr.core.Vectors;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Paper 1's plain averages: exponential moving averages, with retention β, of the position x, the gradient y,
 * x², x·y and y² along each basis direction (or each coordinate), with the bias weight s = 1 − β^t. The
 * regression then reads, per coordinate (paper 1, eq. 2):
 * λ = (s·avg(xy) − avg(y)·avg(x)) / (s·avg(x²) − avg(x)²) and p = (λ·avg(x) − avg(y)) / (s·λ).
 *
 * <p>The notebooks' update rate r is 1 − β. For a subspace of d directions the model is diagonal in the basis
 * (one independent parabola per direction).
 */
public final class PlainAverages implements AverageTracker {

    /** The retention β of the averages. */
    public static final ParameterSpec BETA = ParameterSpec.real("beta", 0.9, 0, true, 1, false,
            "retention of the moving averages: avg <- beta*avg + (1-beta)*new (the notebooks' rate r = 1-beta)");

    /** The parameters of {@code plain}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(BETA);

    private final double beta;

    private boolean coordinates;
    private long rank;
    private INDArray weight;
    private INDArray count;
    private INDArray meanX;
    private INDArray meanY;
    private INDArray meanXX;
    private INDArray meanXY;
    private INDArray meanYY;
    // Latest observation: scratch, re-derived by every observe().
    private double[] lastX;
    private double[] lastY;
    private INDArray lastTheta;
    private INDArray lastGradient;
    private INDArray scratch;
    private final RegressionModel model = new Model();

    /** Plain averages with retention {@code beta} in [0, 1). */
    public PlainAverages(double beta) {
        this.beta = (Double) BETA.validate(beta, "parameter 'beta' of averages 'plain'");
    }

    @Override
    public void init(ModelLayout layout, StrategyState state) {
        coordinates = layout.geometry() == Geometry.COORDINATES;
        rank = layout.rank();
        DataType type = coordinates ? layout.parameterType() : DataType.DOUBLE;
        weight = state.scalar("weight");
        count = state.create("count", DataType.LONG, 1);
        meanX = state.create("mean-x", type, rank);
        meanY = state.create("mean-y", type, rank);
        meanXX = state.create("mean-xx", type, rank);
        meanXY = state.create("mean-xy", type, rank);
        meanYY = state.create("mean-yy", type, rank);
        if (coordinates) {
            scratch = Nd4j.createUninitialized(type, rank);
        } else {
            lastX = new double[(int) rank];
            lastY = new double[(int) rank];
        }
    }

    @Override
    public void observe(INDArray theta, INDArray gradient, Basis basis) {
        double r = 1 - beta;
        weight.putScalar(0, beta * weight.getDouble(0) + r);
        count.putScalar(0, count.getLong(0) + 1);
        if (coordinates) {
            INDArray x = theta.reshape(rank);
            INDArray y = gradient.reshape(rank);
            lastTheta = x;
            lastGradient = y;
            update(meanX, x);
            update(meanY, y);
            update(meanXX, scratch.assign(x).muli(x));
            update(meanXY, scratch.assign(x).muli(y));
            update(meanYY, scratch.assign(y).muli(y));
            return;
        }
        for (int j = 0; j < rank; j++) {
            INDArray v = basis.column(j);
            double x = Vectors.dot(theta, v);
            double y = Vectors.dot(gradient, v);
            lastX[j] = x;
            lastY[j] = y;
            ema(meanX, j, x, r);
            ema(meanY, j, y, r);
            ema(meanXX, j, x * x, r);
            ema(meanXY, j, x * y, r);
            ema(meanYY, j, y * y, r);
        }
    }

    private void update(INDArray avg, INDArray value) {
        avg.muli(beta);
        Vectors.axpy(1 - beta, value, avg);
    }

    private void ema(INDArray avg, int j, double value, double r) {
        avg.putScalar(j, beta * avg.getDouble(j) + r * value);
    }

    @Override
    public RegressionModel model() {
        return model;
    }

    @Override
    public String toString() {
        return "plain(beta=" + ParameterSpec.format(beta) + ")";
    }

    /** The regression read from the raw moments, bias-corrected by the weight s. */
    private final class Model implements RegressionModel {
        @Override
        public long size() {
            return rank;
        }

        @Override
        public boolean defined(long i) {
            double var = positionVariance(i);
            return count.getLong(0) >= 2 && var > 0 && Double.isFinite(curvature(i));
        }

        @Override
        public double position(long i) {
            return coordinates ? lastTheta.getDouble(i) : lastX[(int) i];
        }

        @Override
        public double gradient(long i) {
            return coordinates ? lastGradient.getDouble(i) : lastY[(int) i];
        }

        @Override
        public double meanPosition(long i) {
            return meanX.getDouble(i) / weight.getDouble(0);
        }

        @Override
        public double meanGradient(long i) {
            return meanY.getDouble(i) / weight.getDouble(0);
        }

        @Override
        public double positionVariance(long i) {
            double s = weight.getDouble(0);
            double mx = meanX.getDouble(i);
            return (s * meanXX.getDouble(i) - mx * mx) / (s * s);
        }

        @Override
        public double gradientVariance(long i) {
            double s = weight.getDouble(0);
            double my = meanY.getDouble(i);
            return (s * meanYY.getDouble(i) - my * my) / (s * s);
        }

        @Override
        public double covariance(long i) {
            double s = weight.getDouble(0);
            return (s * meanXY.getDouble(i) - meanY.getDouble(i) * meanX.getDouble(i)) / (s * s);
        }

        @Override
        public double curvature(long i) {
            // Paper 1, eq. (2): the s² factors of covariance and variance cancel.
            double s = weight.getDouble(0);
            double mx = meanX.getDouble(i);
            return (s * meanXY.getDouble(i) - meanY.getDouble(i) * mx) / (s * meanXX.getDouble(i) - mx * mx);
        }

        @Override
        public double minimum(long i) {
            double s = weight.getDouble(0);
            double lambda = curvature(i);
            return (lambda * meanX.getDouble(i) - meanY.getDouble(i)) / (s * lambda);
        }
    }
}
