package dev.ogr.core.averages;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StrategyState;
import dev.ogr.core.Vectors;
import dev.ogr.core.kernel.Vec;
import dev.ogr.core.linalg.SymmetricEigen;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Full averages in a subspace of k directions (paper 1, Sec. IV.C; the notebooks' full OGR): bias-corrected moving
 * means of x = Vᵀθ and y = Vᵀg and the k×k covariances Σxx, Σyx, Σyy (the incremental form of {@link MovingAverages}
 * with outer products). The Hessian estimate H is the symmetric solution of the Lyapunov equation
 * H·Σxx + Σxx·H = Σyx + Σyxᵀ, solved in the eigenbasis Q of Σxx = Q·diag(e)·Qᵀ, where entry (i, j) of QᵀHQ is
 * (Qᵀ(Σyx + Σyxᵀ)Q)ᵢⱼ / (eᵢ + eⱼ). For exact gradients of a quadratic Σyx = H·Σxx and the solve returns H itself.
 *
 * <p>The model is reported in the eigenbasis U of H = U·diag(λ)·Uᵀ, so every step rule sees k independent parabolas
 * with curvatures λᵢ ({@link RegressionModel#rotation()} is U). When the basis rotates from V to V′ the averages are
 * carried along by R = V′ᵀV: means ← R·means, covariances ← R·Σ·Rᵀ.
 */
public final class FullAverages implements AverageTracker {

    /** The retention β of the averages. */
    public static final ParameterSpec BETA = MovingAverages.BETA;

    /** The parameters of {@code full}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(BETA);

    /** The largest subspace the dense k×k model is made for. */
    public static final int MAX_RANK = 64;

    private final double beta;
    private int k;
    private INDArray weight;
    private INDArray count;
    private Vec meanX;
    private Vec meanY;
    private Vec covXX;
    private Vec covYX;
    private Vec covYY;
    // Derived each observation (scratch): the model in H's eigenbasis.
    private double[] x;
    private double[] y;
    private double[] lambda;
    private double[][] u;
    private double[] xe;
    private double[] ye;
    private double[] meanXe;
    private double[] meanYe;
    private double[] varXe;
    private double[] varYe;
    private double[] covE;
    private boolean positive;
    private final RegressionModel model = new Model();

    /** Full averages with retention {@code beta} in [0, 1). */
    public FullAverages(double beta) {
        this.beta = (Double) BETA.validate(beta, "parameter 'beta' of averages 'full'");
    }

    @Override
    public void init(ModelLayout layout, StrategyState state) {
        if (layout.geometry() == Geometry.COORDINATES || layout.rank() > MAX_RANK) {
            throw new ConfigurationException("averages 'full' need a basis of at most " + MAX_RANK
                    + " directions (a momentum or subspace direction), got " + layout.geometry().name().toLowerCase()
                    + " with " + layout.rank() + " model coordinates");
        }
        k = (int) layout.rank();
        weight = state.scalar("weight");
        count = state.create("count", DataType.LONG, 1);
        meanX = Vec.of(state.create("mean-x", DataType.DOUBLE, k));
        meanY = Vec.of(state.create("mean-y", DataType.DOUBLE, k));
        covXX = Vec.of(state.create("cov-xx", DataType.DOUBLE, (long) k * k));
        covYX = Vec.of(state.create("cov-yx", DataType.DOUBLE, (long) k * k));
        covYY = Vec.of(state.create("cov-yy", DataType.DOUBLE, (long) k * k));
        x = new double[k];
        y = new double[k];
        xe = new double[k];
        ye = new double[k];
        meanXe = new double[k];
        meanYe = new double[k];
        varXe = new double[k];
        varYe = new double[k];
        covE = new double[k];
    }

    @Override
    public void observe(INDArray theta, INDArray gradient, Basis basis) {
        double s = beta * weight.getDouble(0) + (1 - beta);
        double a = (1 - beta) / s;
        weight.putScalar(0, s);
        count.putScalar(0, count.getLong(0) + 1);
        double[] ex = new double[k];
        double[] ey = new double[k];
        for (int j = 0; j < k; j++) {
            INDArray v = basis.column(j);
            x[j] = Vectors.dot(theta, v);
            y[j] = Vectors.dot(gradient, v);
            ex[j] = x[j] - meanX.get(j);
            ey[j] = y[j] - meanY.get(j);
            meanX.set(j, meanX.get(j) + a * ex[j]);
            meanY.set(j, meanY.get(j) + a * ey[j]);
        }
        double b = 1 - a;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                int ij = i * k + j;
                covXX.set(ij, b * (covXX.get(ij) + a * ex[i] * ex[j]));
                covYX.set(ij, b * (covYX.get(ij) + a * ey[i] * ex[j]));
                covYY.set(ij, b * (covYY.get(ij) + a * ey[i] * ey[j]));
            }
        }
        solve();
    }

    /** The Lyapunov solve and the model in H's eigenbasis. */
    private void solve() {
        double[][] sxx = matrix(covXX);
        double[][] syx = matrix(covYX);
        SymmetricEigen ex = SymmetricEigen.of(sxx);
        double[] e = ex.values();
        double[][] q = ex.vectors();
        double emax = 0;
        double emin = Double.POSITIVE_INFINITY;
        for (double v : e) {
            emax = Math.max(emax, v);
            emin = Math.min(emin, v);
        }
        positive = emin > 1e-12 * emax && emax > 0;
        double[][] sym = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                sym[i][j] = syx[i][j] + syx[j][i];
            }
        }
        double[][] hq = multiply(transpose(q), multiply(sym, q));
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double denominator = e[i] + e[j];
                hq[i][j] = denominator > 1e-12 * emax ? hq[i][j] / denominator : 0;
            }
        }
        double[][] h = multiply(q, multiply(hq, transpose(q)));
        SymmetricEigen eh = SymmetricEigen.of(h);
        lambda = eh.values();
        u = eh.vectors();
        double[][] ut = transpose(u);
        double[][] vx = multiply(ut, multiply(sxx, u));
        double[][] vy = multiply(ut, multiply(matrix(covYY), u));
        double[][] cv = multiply(ut, multiply(sym, u));
        double[] mx = new double[k];
        double[] my = new double[k];
        for (int j = 0; j < k; j++) {
            mx[j] = meanX.get(j);
            my[j] = meanY.get(j);
        }
        for (int i = 0; i < k; i++) {
            xe[i] = dot(ut[i], x);
            ye[i] = dot(ut[i], y);
            meanXe[i] = dot(ut[i], mx);
            meanYe[i] = dot(ut[i], my);
            varXe[i] = vx[i][i];
            varYe[i] = vy[i][i];
            covE[i] = 0.5 * cv[i][i];
        }
    }

    /** The current Hessian estimate H = U·diag(λ)·Uᵀ in basis coordinates (a copy). */
    public double[][] hessian() {
        double[][] d = new double[k][k];
        for (int i = 0; i < k; i++) {
            d[i][i] = lambda[i];
        }
        return multiply(u, multiply(d, transpose(u)));
    }

    @Override
    public void beforeRotation(INDArray theta, Basis current, Basis next) {
        double[][] r = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                r[i][j] = Vectors.dot(next.column(i), current.column(j));
            }
        }
        double[] mx = new double[k];
        double[] my = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                mx[i] += r[i][j] * meanX.get(j);
                my[i] += r[i][j] * meanY.get(j);
            }
        }
        for (int i = 0; i < k; i++) {
            meanX.set(i, mx[i]);
            meanY.set(i, my[i]);
        }
        double[][] rt = transpose(r);
        store(covXX, multiply(r, multiply(matrix(covXX), rt)));
        store(covYX, multiply(r, multiply(matrix(covYX), rt)));
        store(covYY, multiply(r, multiply(matrix(covYY), rt)));
    }

    private double[][] matrix(Vec flat) {
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                m[i][j] = flat.get(i * k + j);
            }
        }
        return m;
    }

    private void store(Vec flat, double[][] m) {
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                flat.set(i * k + j, m[i][j]);
            }
        }
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        int l = b.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < l; p++) {
                double aip = a[i][p];
                for (int j = 0; j < m; j++) {
                    c[i][j] += aip * b[p][j];
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public RegressionModel model() {
        return model;
    }

    @Override
    public String toString() {
        return "full(beta=" + ParameterSpec.format(beta) + ")";
    }

    /** The model in the eigenbasis of H. */
    private final class Model implements RegressionModel {
        @Override
        public long size() {
            return k;
        }

        @Override
        public boolean defined(long i) {
            return count.getLong(0) > k && positive && Double.isFinite(lambda[(int) i]) && lambda[(int) i] != 0;
        }

        @Override
        public double position(long i) {
            return xe[(int) i];
        }

        @Override
        public double gradient(long i) {
            return ye[(int) i];
        }

        @Override
        public double meanPosition(long i) {
            return meanXe[(int) i];
        }

        @Override
        public double meanGradient(long i) {
            return meanYe[(int) i];
        }

        @Override
        public double positionVariance(long i) {
            return varXe[(int) i];
        }

        @Override
        public double gradientVariance(long i) {
            return varYe[(int) i];
        }

        @Override
        public double covariance(long i) {
            return covE[(int) i];
        }

        @Override
        public double curvature(long i) {
            return lambda[(int) i];
        }

        @Override
        public double[][] rotation() {
            return u;
        }
    }
}
