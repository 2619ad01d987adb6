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
 * Paper 1's plain averages: exponential moving averages with retention β of the position x and gradient y along
 * each basis direction (or each coordinate), bias-corrected by the weight s = 1 − β^t, from which the regression
 * reads λ = cov(y, x)/var(x) and p = mean(x) − mean(y)/λ (paper 1, eq. 2).
 *
 * <p>The paper writes the moments raw: λ = (s·avg(xy) − avg(y)·avg(x)) / (s·avg(x²) − avg(x)²). That form loses
 * all precision once the spread of x is below about 1e-8 of |x| (the difference of two nearly equal numbers), so
 * this tracker keeps the same weighted means, variances and covariance in the incremental form of West (1979),
 * which is algebraically identical: with a = (1 − β)/s for the new point,
 * μ ← μ + a·(x − μ) and V ← (1 − a)·(V + a·(x − μ_old)²), likewise for y and for the covariance.
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
    private INDArray varX;
    private INDArray varY;
    private INDArray covXY;
    // The latest observation: scratch, re-derived by every observe().
    private double[] lastX;
    private double[] lastY;
    private INDArray lastTheta;
    private INDArray lastGradient;
    private INDArray dx;
    private INDArray dy;
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
        varX = state.create("var-x", type, rank);
        varY = state.create("var-y", type, rank);
        covXY = state.create("cov-xy", type, rank);
        if (coordinates) {
            dx = Nd4j.createUninitialized(type, rank);
            dy = Nd4j.createUninitialized(type, rank);
            scratch = Nd4j.createUninitialized(type, rank);
        } else {
            lastX = new double[(int) rank];
            lastY = new double[(int) rank];
        }
    }

    @Override
    public void observe(INDArray theta, INDArray gradient, Basis basis) {
        double s = beta * weight.getDouble(0) + (1 - beta);
        double a = (1 - beta) / s;
        weight.putScalar(0, s);
        count.putScalar(0, count.getLong(0) + 1);
        if (coordinates) {
            observeCoordinates(theta.reshape(rank), gradient.reshape(rank), a);
            return;
        }
        for (int j = 0; j < rank; j++) {
            INDArray v = basis.column(j);
            double x = Vectors.dot(theta, v);
            double y = Vectors.dot(gradient, v);
            lastX[j] = x;
            lastY[j] = y;
            double ex = x - meanX.getDouble(j);
            double ey = y - meanY.getDouble(j);
            meanX.putScalar(j, meanX.getDouble(j) + a * ex);
            meanY.putScalar(j, meanY.getDouble(j) + a * ey);
            varX.putScalar(j, (1 - a) * (varX.getDouble(j) + a * ex * ex));
            varY.putScalar(j, (1 - a) * (varY.getDouble(j) + a * ey * ey));
            covXY.putScalar(j, (1 - a) * (covXY.getDouble(j) + a * ex * ey));
        }
    }

    private void observeCoordinates(INDArray x, INDArray y, double a) {
        lastTheta = x;
        lastGradient = y;
        dx.assign(x).subi(meanX);
        dy.assign(y).subi(meanY);
        Vectors.axpy(a, dx, meanX);
        Vectors.axpy(a, dy, meanY);
        moment(varX, scratch.assign(dx).muli(dx), a);
        moment(varY, scratch.assign(dy).muli(dy), a);
        moment(covXY, scratch.assign(dx).muli(dy), a);
    }

    /** m ← (1 − a)·(m + a·product). */
    private static void moment(INDArray m, INDArray product, double a) {
        Vectors.axpy(a, product, m);
        m.muli(1 - a);
    }

    @Override
    public RegressionModel model() {
        return model;
    }

    @Override
    public String toString() {
        return "plain(beta=" + ParameterSpec.format(beta) + ")";
    }

    /** The regression read from the weighted moments. */
    private final class Model implements RegressionModel {
        @Override
        public long size() {
            return rank;
        }

        @Override
        public boolean defined(long i) {
            return count.getLong(0) >= 2 && varX.getDouble(i) > 0 && Double.isFinite(curvature(i));
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
            return meanX.getDouble(i);
        }

        @Override
        public double meanGradient(long i) {
            return meanY.getDouble(i);
        }

        @Override
        public double positionVariance(long i) {
            return varX.getDouble(i);
        }

        @Override
        public double gradientVariance(long i) {
            return varY.getDouble(i);
        }

        @Override
        public double covariance(long i) {
            return covXY.getDouble(i);
        }
    }
}
