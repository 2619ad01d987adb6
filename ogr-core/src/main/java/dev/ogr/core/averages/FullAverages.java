package dev.ogr.core.averages;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StrategyState;
import dev.ogr.core.Vectors;
import dev.ogr.core.kernel.Vec;
import dev.ogr.core.linalg.Dense;
import dev.ogr.core.linalg.SymmetricEigen;
import dev.ogr.api.block.ProjectedTracker;
import dev.ogr.core.subspace.SubspaceKernel;
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
 *
 * <p>All k×k work runs on preallocated flat arrays (the two symmetric eigenproblems through {@link SymmetricEigen}),
 * so an observation allocates nothing. With a subspace direction the optimizer measures x and y in its own pass over
 * memory and hands them over ({@link ProjectedTracker}); otherwise {@link #observe} projects θ and g itself in one
 * pass over the basis.
 */
public final class FullAverages implements AverageTracker, ProjectedTracker {

    /** The retention β of the averages. */
    public static final ParameterSpec BETA = MovingAverages.BETA;

    /** The parameters of {@code full}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(BETA);

    /** The largest subspace the dense k×k model is made for. */
    public static final int MAX_RANK = 64;

    private final Parameters parameters;
    private final double beta;
    private int k;
    private long dimension;
    private Vec weight;
    private INDArray count;
    private Vec meanX;
    private Vec meanY;
    private Vec covXX;
    private Vec covYX;
    private Vec covYY;
    private long observed;
    // The state arrays themselves: the element views above do not keep their memory alive.
    private INDArray[] held;
    // Working copies of the state and scratch, all allocated in init.
    private double[] mx;
    private double[] my;
    private double[] sxx;
    private double[] syx;
    private double[] syy;
    private double[] dx;
    private double[] dy;
    private double[] sym;
    private double[] product;
    private double[] hessianInQ;
    private double[] hessian;
    private double[] column;
    private double[] transition;
    private SymmetricEigen positionEigen;
    private SymmetricEigen hessianEigen;
    // The model in H's eigenbasis, derived from the state at each observation.
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
    // The general path: projections of θ and g measured here.
    private SubspaceKernel projector;
    private Basis seenBasis;
    private Vec basisVectors;
    private INDArray seenTheta;
    private Vec thetaV;
    private INDArray seenGradient;
    private Vec gradientV;

    /** Full averages with retention {@code beta} in [0, 1). */
    public FullAverages(double beta) {
        this.parameters = Parameters.inOrder(PARAMETERS, "averages 'full'", beta);
        this.beta = parameters.real("beta");
    }

    @Override
    public void init(ModelLayout layout, StrategyState state) {
        if (layout.geometry() == Geometry.COORDINATES || layout.rank() > MAX_RANK) {
            throw new ConfigurationException("averages 'full' need a basis of at most " + MAX_RANK
                    + " directions (a momentum or subspace direction), got " + layout.geometry().name().toLowerCase()
                    + " with " + layout.rank() + " model coordinates");
        }
        k = (int) layout.rank();
        dimension = layout.dimension();
        INDArray weightArray = state.scalar("weight");
        count = state.create("count", DataType.LONG, 1);
        INDArray[] arrays = {weightArray, state.create("mean-x", DataType.DOUBLE, k),
            state.create("mean-y", DataType.DOUBLE, k), state.create("cov-xx", DataType.DOUBLE, (long) k * k),
            state.create("cov-yx", DataType.DOUBLE, (long) k * k), state.create("cov-yy", DataType.DOUBLE, (long) k * k)};
        held = arrays;
        weight = Vec.of(arrays[0]);
        meanX = Vec.of(arrays[1]);
        meanY = Vec.of(arrays[2]);
        covXX = Vec.of(arrays[3]);
        covYX = Vec.of(arrays[4]);
        covYY = Vec.of(arrays[5]);
        int kk = k * k;
        mx = new double[k];
        my = new double[k];
        sxx = new double[kk];
        syx = new double[kk];
        syy = new double[kk];
        dx = new double[k];
        dy = new double[k];
        sym = new double[kk];
        product = new double[kk];
        hessianInQ = new double[kk];
        hessian = new double[kk];
        column = new double[k];
        transition = new double[kk];
        positionEigen = new SymmetricEigen(k);
        hessianEigen = new SymmetricEigen(k);
        x = new double[k];
        y = new double[k];
        lambda = hessianEigen.values();
        u = new double[k][k];
        xe = new double[k];
        ye = new double[k];
        meanXe = new double[k];
        meanYe = new double[k];
        varXe = new double[k];
        varYe = new double[k];
        covE = new double[k];
    }

    @Override
    public boolean projects() {
        return true;
    }

    @Override
    public void observe(INDArray theta, INDArray gradient, Basis basis) {
        if (basis != seenBasis) {
            seenBasis = basis;
            basisVectors = SubspaceKernel.columnsOf(basis.columns());
        }
        if (basisVectors == null) {
            double[] px = new double[k];
            double[] py = new double[k];
            for (int j = 0; j < k; j++) {
                INDArray v = basis.column(j);
                px[j] = Vectors.dot(theta, v);
                py[j] = Vectors.dot(gradient, v);
            }
            observeProjections(px, py);
            return;
        }
        if (theta != seenTheta) {
            seenTheta = theta;
            thetaV = Vec.of(theta.reshape(theta.length()));
        }
        if (gradient != seenGradient) {
            seenGradient = gradient;
            gradientV = Vec.of(gradient.reshape(gradient.length()));
        }
        if (projector == null) {
            projector = new SubspaceKernel(dimension, k, 0, false);
        }
        projector.measure(basisVectors, thetaV, gradientV, null);
        observeProjections(projector.positions(), projector.gradients());
    }

    @Override
    public void observeProjections(double[] px, double[] py) {
        double s = beta * weight.get(0) + (1 - beta);
        double a = (1 - beta) / s;
        weight.set(0, s);
        observed = count.getLong(0) + 1;
        count.putScalar(0, observed);
        read();
        for (int j = 0; j < k; j++) {
            x[j] = px[j];
            y[j] = py[j];
            dx[j] = x[j] - mx[j];
            dy[j] = y[j] - my[j];
            mx[j] += a * dx[j];
            my[j] += a * dy[j];
        }
        double b = 1 - a;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                int ij = i * k + j;
                sxx[ij] = b * (sxx[ij] + a * dx[i] * dx[j]);
                syx[ij] = b * (syx[ij] + a * dy[i] * dx[j]);
                syy[ij] = b * (syy[ij] + a * dy[i] * dy[j]);
            }
        }
        write();
        solve();
    }

    /** Copies the state into the working arrays. */
    private void read() {
        for (int j = 0; j < k; j++) {
            mx[j] = meanX.get(j);
            my[j] = meanY.get(j);
        }
        for (int ij = 0; ij < k * k; ij++) {
            sxx[ij] = covXX.get(ij);
            syx[ij] = covYX.get(ij);
            syy[ij] = covYY.get(ij);
        }
    }

    /** Copies the working arrays into the state. */
    private void write() {
        for (int j = 0; j < k; j++) {
            meanX.set(j, mx[j]);
            meanY.set(j, my[j]);
        }
        for (int ij = 0; ij < k * k; ij++) {
            covXX.set(ij, sxx[ij]);
            covYX.set(ij, syx[ij]);
            covYY.set(ij, syy[ij]);
        }
    }

    /** The Lyapunov solve and the model in H's eigenbasis, from the working arrays. */
    private void solve() {
        positionEigen.decompose(sxx);
        double[] e = positionEigen.values();
        double[] q = positionEigen.flatVectors();
        double emax = 0;
        double emin = Double.POSITIVE_INFINITY;
        for (double v : e) {
            emax = Math.max(emax, v);
            emin = Math.min(emin, v);
        }
        positive = emin > 1e-12 * emax && emax > 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                sym[i * k + j] = syx[i * k + j] + syx[j * k + i];
            }
        }
        // Qᵀ·(Σyx + Σyxᵀ)·Q, entry (i, j) divided by eᵢ + eⱼ, back: H = Q·(...)·Qᵀ
        Dense.multiply(sym, q, product, k);
        Dense.multiplyTransposed(q, product, hessianInQ, k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double denominator = e[i] + e[j];
                int ij = i * k + j;
                hessianInQ[ij] = denominator > 1e-12 * emax ? hessianInQ[ij] / denominator : 0;
            }
        }
        Dense.multiplyByTransposed(hessianInQ, q, product, k);
        Dense.multiply(q, product, hessian, k);
        hessianEigen.decompose(hessian);
        double[] uf = hessianEigen.flatVectors();
        for (int i = 0; i < k; i++) {
            System.arraycopy(uf, i * k, u[i], 0, k);
        }
        for (int i = 0; i < k; i++) {
            // model coordinate i is the eigenvector U[:, i]
            double pxe = 0;
            double pye = 0;
            double pmx = 0;
            double pmy = 0;
            for (int r = 0; r < k; r++) {
                double uri = uf[r * k + i];
                column[r] = uri;
                pxe += uri * x[r];
                pye += uri * y[r];
                pmx += uri * mx[r];
                pmy += uri * my[r];
            }
            xe[i] = pxe;
            ye[i] = pye;
            meanXe[i] = pmx;
            meanYe[i] = pmy;
            varXe[i] = quadratic(sxx, column);
            varYe[i] = quadratic(syy, column);
            covE[i] = 0.5 * quadratic(sym, column);
        }
    }

    /** vᵀ·m·v for a flat k×k matrix m. */
    private double quadratic(double[] m, double[] v) {
        double total = 0;
        for (int i = 0; i < k; i++) {
            double row = 0;
            for (int j = 0; j < k; j++) {
                row += m[i * k + j] * v[j];
            }
            total += v[i] * row;
        }
        return total;
    }

    /** The current Hessian estimate H = U·diag(λ)·Uᵀ in basis coordinates (a copy). */
    public double[][] hessian() {
        double[][] h = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += u[i][p] * lambda[p] * u[j][p];
                }
                h[i][j] = sum;
            }
        }
        return h;
    }

    @Override
    public void beforeRotation(INDArray theta, Basis current, Basis next) {
        double[] t = transition;
        java.util.Arrays.fill(t, 0);
        Vec a = SubspaceKernel.columnsOf(next.columns());
        Vec b = SubspaceKernel.columnsOf(current.columns());
        if (a == null || b == null) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    t[i * k + j] = Vectors.dot(next.column(i), current.column(j));
                }
            }
        } else {
            int n = (int) next.columns().rows();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double sum = 0;
                    for (int r = 0; r < n; r++) {
                        sum += a.get(i * n + r) * b.get(j * n + r);
                    }
                    t[i * k + j] = sum;
                }
            }
        }
        rotateBasis(t);
    }

    @Override
    public void rotateBasis(double[] t) {
        read();
        Dense.multiplyVector(t, mx, dx, k);
        Dense.multiplyVector(t, my, dy, k);
        System.arraycopy(dx, 0, mx, 0, k);
        System.arraycopy(dy, 0, my, 0, k);
        carry(sxx, t);
        carry(syx, t);
        carry(syy, t);
        write();
    }

    /** m ← T·m·Tᵀ. */
    private void carry(double[] m, double[] t) {
        Dense.multiplyByTransposed(m, t, product, k);
        Dense.multiply(t, product, m, k);
    }

    @Override
    public RegressionModel model() {
        return model;
    }

    @Override
    public String toString() {
        return "full(" + parameters.canonical() + ")";
    }

    /** The model in the eigenbasis of H. */
    private final class Model implements RegressionModel {
        @Override
        public long size() {
            return k;
        }

        @Override
        public boolean defined(long i) {
            return observed > k && positive && Double.isFinite(lambda[(int) i]) && lambda[(int) i] != 0;
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
