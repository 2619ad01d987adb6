package dev.ogr.core.averages;

import dev.ogr.api.block.CentredTracker;
import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StrategyState;
import dev.ogr.api.array.ArrayOps;
import dev.ogr.api.array.ArrayStatistics;
import dev.ogr.api.array.ArrayStep;
import dev.ogr.core.Vectors;
import dev.ogr.api.block.CoordinateBlock;
import dev.ogr.api.block.CoordinateStatistics;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;
import dev.ogr.api.block.ProjectedTracker;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exponential moving averages, with retention β, of the position x and gradient y along each basis direction (or
 * each coordinate), from which the regression reads λ = cov(y, x)/var(x) and p = mean(x) − mean(y)/λ. Three
 * variants of the sources:
 * <ul>
 * <li>{@link Mode#PLAIN}, paper 1's averages (Alg. 1–5) bias-corrected by the weight s = 1 − β^t. The paper writes
 * the raw moments, λ = (s·avg(xy) − avg(y)·avg(x)) / (s·avg(x²) − avg(x)²); that form loses all precision once the
 * spread of x falls below about 1e-8 of |x|, so the same weighted means, variances and covariance are kept in the
 * algebraically identical incremental form of West (1979): with a = (1 − β)/s for the new point,
 * μ ← μ + a·(x − μ) and V ← (1 − a)·(V + a·(x − μ_old)²), likewise for y and the covariance.</li>
 * <li>{@link Mode#CENTERED}, paper 1's Alg. 7: positions are measured from a centre c, x = (θ − c)·v̂, and before
 * the basis rotates the centre moves to the current point: with Δ = (θ − c)·v̂ the averages shift,
 * mean(x) ← mean(x) − Δ (variances and covariance are shift-invariant), and c ← θ. λ is unchanged and p moves by
 * exactly −Δ, the same point in space. For coordinate-wise models nothing rotates, and this equals plain.</li>
 * <li>{@link Mode#NOTEBOOK}, the author's reference notebooks: no bias correction, state starting at
 * mean(x) = mean(y) = 0 and var(x) = var(y) = 1, and each step updates the means, then the (co)variances about the
 * updated means: μ += r(x − μ), V += r((x − μ)² − V), with the notebooks' rate r = 1 − β.</li>
 * </ul>
 * For a subspace of d directions the model is diagonal in the basis (one independent parabola per direction).
 */
public final class MovingAverages implements AverageTracker, ProjectedTracker, CentredTracker {

    /** The variants. */
    public enum Mode {
        /** Paper 1, Alg. 1–5. */
        PLAIN("plain"),
        /** Paper 1, Alg. 7. */
        CENTERED("centered"),
        /** The reference notebooks. */
        NOTEBOOK("notebook");

        private final String strategyName;

        Mode(String strategyName) {
            this.strategyName = strategyName;
        }

        /** The strategy name in recipes. */
        public String strategyName() {
            return strategyName;
        }
    }

    /** The retention β of the averages. */
    public static final ParameterSpec BETA = ParameterSpec.real("beta", 0.9, 0, true, 1, false,
            "retention of the moving averages: avg <- beta*avg + (1-beta)*new (the notebooks' rate r = 1-beta)");

    /** The parameters of every variant. */
    public static final List<ParameterSpec> PARAMETERS = List.of(BETA);

    private final Mode mode;
    private final Parameters parameters;
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
    private INDArray centre;
    // The latest observation: scratch, re-derived by every observe().
    private double[] lastX;
    private double[] lastY;
    private INDArray dx;
    private INDArray dy;
    private INDArray scratch;
    // Element views of the statistics, and of the latest θ and g (re-made only when the caller's arrays change).
    private Vec meanXv;
    private Vec meanYv;
    private Vec varXv;
    private Vec varYv;
    private Vec covXYv;
    private DiagonalStats stats;
    private INDArray seenTheta;
    private INDArray seenGradient;
    private Vec thetaV;
    private Vec gradientV;
    private final RegressionModel model = new Model();

    /** Averages of the given variant with retention {@code beta} in [0, 1). */
    public MovingAverages(Mode mode, double beta) {
        this.mode = mode;
        this.parameters = Parameters.inOrder(PARAMETERS, "averages '" + mode.strategyName() + "'", beta);
        this.beta = parameters.real("beta");
    }

    /** Paper 1's plain averages with retention {@code beta}. */
    public static MovingAverages plain(double beta) {
        return new MovingAverages(Mode.PLAIN, beta);
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
        // a coordinate-wise model whose step rule never reads the covariance does not keep it (D floats less)
        covXY = coordinates && !layout.covariance() ? null : state.create("cov-xy", type, rank);
        if (mode == Mode.NOTEBOOK) {
            varX.assign(1);
            varY.assign(1);
        }
        if (mode == Mode.CENTERED && !coordinates) {
            centre = state.create("centre", layout.parameterType(), layout.dimension());
        }
        meanXv = Vec.of(meanX);
        meanYv = Vec.of(meanY);
        varXv = Vec.of(varX);
        varYv = Vec.of(varY);
        covXYv = covXY == null ? null : Vec.of(covXY);
        stats = new DiagonalStats(meanXv, meanYv, varXv, varYv, covXYv, mode == Mode.NOTEBOOK);
        if (coordinates) {
            dx = Nd4j.createUninitialized(type, rank);
            dy = Nd4j.createUninitialized(type, rank);
            scratch = Nd4j.createUninitialized(type, rank);
        } else {
            lastX = new double[(int) rank];
            lastY = new double[(int) rank];
        }
    }

    /** The weight a of the new observation and the factor (1 − a) of the old (co)variances. */
    private double newWeight() {
        if (mode == Mode.NOTEBOOK) {
            return 1 - beta;
        }
        double s = beta * weight.getDouble(0) + (1 - beta);
        weight.putScalar(0, s);
        return (1 - beta) / s;
    }

    @Override
    public void observe(INDArray theta, INDArray gradient, Basis basis) {
        double a = newWeight();
        count.putScalar(0, count.getLong(0) + 1);
        if (coordinates) {
            if (theta != seenTheta || gradient != seenGradient) {
                seenTheta = theta;
                seenGradient = gradient;
                thetaV = Vec.of(theta);
                gradientV = Vec.of(gradient);
            }
            if (Kernels.direct(theta) && Kernels.direct(gradient) && Kernels.direct(meanX)) {
                observeFused(a);
            } else {
                observeCoordinates(theta.reshape(rank), gradient.reshape(rank), a);
            }
            return;
        }
        for (int j = 0; j < rank; j++) {
            INDArray v = basis.column(j);
            // (θ − c)·v = θ·v − c·v: no temporary D-vector
            double x = centre == null ? Vectors.dot(theta, v) : Vectors.dot(theta, v) - Vectors.dot(centre, v);
            observeAlong(j, x, Vectors.dot(gradient, v), a);
        }
    }

    /** Whether observations can be given as projections: along a basis, without a centre (not centred mode). */
    @Override
    public boolean projects() {
        return !coordinates && centre == null;
    }

    @Override
    public void observeProjections(double[] x, double[] y) {
        if (!projects()) {
            throw new IllegalStateException(mode.strategyName() + " averages "
                    + (coordinates ? "of coordinates" : "about a centre") + " cannot observe projections");
        }
        observeAll(x, y);
    }

    private void observeAll(double[] x, double[] y) {
        double a = newWeight();
        count.putScalar(0, count.getLong(0) + 1);
        for (int j = 0; j < rank; j++) {
            observeAlong(j, x[j], y[j], a);
        }
    }

    @Override
    public INDArray centre() {
        return centre;
    }

    @Override
    public void observeCentred(double[] x, double[] y) {
        if (centre == null) {
            throw new IllegalStateException(mode.strategyName() + " averages keep no centre");
        }
        observeAll(x, y);
    }

    @Override
    public void centreMoved(double[] shift) {
        if (centre == null) {
            throw new IllegalStateException(mode.strategyName() + " averages keep no centre");
        }
        for (int j = 0; j < rank; j++) {
            meanX.putScalar(j, meanX.getDouble(j) - shift[j]);
        }
    }

    /** Nothing to re-express: without a centre these averages keep their values when the basis moves. */
    @Override
    public void rotateBasis(double[] transition) {
        // as beforeRotation without a centre
    }

    /** Adds the observation x = θ·vⱼ (about the centre, if any), y = g·vⱼ along basis vector j with weight a. */
    private void observeAlong(int j, double x, double y, double a) {
        lastX[j] = x;
        lastY[j] = y;
        double mx = meanX.getDouble(j);
        double my = meanY.getDouble(j);
        double ex = x - mx;
        double ey = y - my;
        if (mode == Mode.NOTEBOOK) {
            // means first, then the (co)variances about the updated means
            mx += a * ex;
            my += a * ey;
            double fx = x - mx;
            double fy = y - my;
            meanX.putScalar(j, mx);
            meanY.putScalar(j, my);
            varX.putScalar(j, varX.getDouble(j) + a * (fx * fx - varX.getDouble(j)));
            varY.putScalar(j, varY.getDouble(j) + a * (fy * fy - varY.getDouble(j)));
            covXY.putScalar(j, covXY.getDouble(j) + a * (fx * fy - covXY.getDouble(j)));
        } else {
            meanX.putScalar(j, mx + a * ex);
            meanY.putScalar(j, my + a * ey);
            varX.putScalar(j, (1 - a) * (varX.getDouble(j) + a * ex * ex));
            varY.putScalar(j, (1 - a) * (varY.getDouble(j) + a * ey * ey));
            covXY.putScalar(j, (1 - a) * (covXY.getDouble(j) + a * ex * ey));
        }
    }

    /** One pass over θ, g and the five statistics in host memory (the CPU backend's kernel). */
    private void observeFused(double a) {
        DiagonalStats st = stats;
        Vec x = thetaV;
        Vec y = gradientV;
        int n = (int) rank;
        for (int i = 0; i < n; i++) {
            st.update(i, x.get(i), y.get(i), a);
        }
    }

    /**
     * For fused kernels of coordinate-wise models: advances the bias weight and the observation count as
     * {@link #observe} does, and returns the weight a of the new observation; the caller then updates every
     * coordinate through {@link #stats()} itself.
     */
    public double beginObservation() {
        double a = newWeight();
        count.putScalar(0, count.getLong(0) + 1);
        return a;
    }

    /** The number of observations so far. */
    public long observations() {
        return count.getLong(0);
    }

    /** The statistics as element views, for fused kernels; null unless the model is coordinate-wise. */
    public DiagonalStats stats() {
        return coordinates ? stats : null;
    }

    /** The per-coordinate statistics as the fused pass updates them; null unless the model is coordinate-wise. */
    @Override
    public CoordinateStatistics coordinateStatistics() {
        return coordinates && stats != null ? blockStatistics : null;
    }

    private final CoordinateStatistics blockStatistics = new BlockStatistics();

    /** The per-coordinate statistics as whole-array ND4J ops; null unless the model is coordinate-wise. */
    @Override
    public ArrayStatistics arrayStatistics() {
        return coordinates ? arrayForm : null;
    }

    private final ArrayStatistics arrayForm = new ArrayForm();

    /**
     * The array-op form of the coordinate-wise update (see the class comment for the two forms), on the scratch
     * arrays s0 = x − μx, s1 = y − μy, s2: per variance three ops (plain: e², V += a·e², V ·= 1 − a; notebook: e²,
     * V − b²·e², V −= a·(V − b²·e²) with b = 1 − a, the deviation f = b·e from the updated mean folded in as b²; with
     * β = 0, b = 0, f = b·e is formed first, two ops more), the covariance likewise from e_x·e_y.
     */
    private final class ArrayForm implements ArrayStatistics {
        @Override
        public double beginObservation() {
            return MovingAverages.this.beginObservation();
        }

        @Override
        public long observations() {
            return MovingAverages.this.observations();
        }

        @Override
        public int scratchArrays() {
            return 3;
        }

        @Override
        public int opsPerStep() {
            boolean unfolded = mode == Mode.NOTEBOOK && !(1 - (1 - beta) > 0); // b = 1 − a as update computes it
            return 4 + (unfolded ? 2 : 0) + 2 * 3 + (covXY == null ? 0 : 3);
        }

        @Override
        public void update(ArrayStep step, double a) {
            INDArray ex = step.scratch(0);
            INDArray ey = step.scratch(1);
            ArrayOps.sub(step.theta(), meanX, ex);
            ArrayOps.sub(step.gradient(), meanY, ey);
            ArrayOps.axpy(a, ex, meanX, meanX);
            ArrayOps.axpy(a, ey, meanY, meanY);
            double b = 1 - a;
            if (mode == Mode.NOTEBOOK && b > 0) {
                // deviations from the updated means, f = b·e with b = 1 − a: V ← V − a·(V − b²·e²), the fused form's
                // V + a·(f² − V) with b folded into the products (two ops fewer; also NaN where V and f² are ∞)
                double b2 = b * b;
                if (covXY != null) {
                    INDArray p = step.scratch(2);
                    ArrayOps.mul(ex, ey, p);
                    ArrayOps.axpy(-b2, p, covXY, p);
                    ArrayOps.axpy(-a, p, covXY, covXY);
                }
                foldedNotebookMoment(ex, varX, a, b2);
                foldedNotebookMoment(ey, varY, a, b2);
            } else if (mode == Mode.NOTEBOOK) {
                // b = 0 (β = 0): f = 0·e, which is 0 also where e² would overflow, so f is formed first
                ArrayOps.scale(b, ex, ex);
                ArrayOps.scale(b, ey, ey);
                if (covXY != null) {
                    INDArray p = step.scratch(2);
                    ArrayOps.mul(ex, ey, p);
                    ArrayOps.sub(p, covXY, p);
                    ArrayOps.axpy(a, p, covXY, covXY);
                }
                notebookMoment(ex, varX, a);
                notebookMoment(ey, varY, a);
            } else {
                // V ← (1 − a)·(V + a·e²)
                if (covXY != null) {
                    INDArray p = step.scratch(2);
                    ArrayOps.mul(ex, ey, p);
                    ArrayOps.axpy(a, p, covXY, covXY);
                    ArrayOps.scale(b, covXY, covXY);
                }
                ArrayOps.mul(ex, ex, ex);
                ArrayOps.axpy(a, ex, varX, varX);
                ArrayOps.scale(b, varX, varX);
                ArrayOps.mul(ey, ey, ey);
                ArrayOps.axpy(a, ey, varY, varY);
                ArrayOps.scale(b, varY, varY);
            }
        }

        private void foldedNotebookMoment(INDArray e, INDArray var, double a, double b2) {
            ArrayOps.mul(e, e, e);
            ArrayOps.axpy(-b2, e, var, e);
            ArrayOps.axpy(-a, e, var, var);
        }

        private void notebookMoment(INDArray f, INDArray var, double a) {
            ArrayOps.mul(f, f, f);
            ArrayOps.sub(f, var, f);
            ArrayOps.axpy(a, f, var, var);
        }

        @Override
        public INDArray meanTheta() {
            return meanX;
        }

        @Override
        public INDArray meanGradient() {
            return meanY;
        }

        @Override
        public INDArray varTheta() {
            return varX;
        }

        @Override
        public INDArray varGradient() {
            return varY;
        }

        @Override
        public INDArray covariance() {
            return covXY;
        }

        @Override
        public String toString() {
            return MovingAverages.this.toString();
        }
    }

    /** The statistics of a coordinate-wise tracker for the fused pass, in lanes and in the Vector API. */
    private final class BlockStatistics implements CoordinateStatistics, dev.ogr.core.exec.DirectFloatStatistics.Source {
        @Override
        public dev.ogr.core.exec.DirectFloatStatistics directFloats() {
            return stats.directFloats();
        }

        @Override
        public double beginObservation() {
            return MovingAverages.this.beginObservation();
        }

        @Override
        public long observations() {
            return MovingAverages.this.observations();
        }

        @Override
        public boolean isFloat() {
            return stats.isFloat();
        }

        @Override
        public void updateBlock(int from, CoordinateBlock block, double weight) {
            stats.updateBlock(from, block.count(), block.lane(CoordinateBlock.THETA),
                    block.lane(CoordinateBlock.GRADIENT), weight, Scratch.current());
        }

        @Override
        public void updateFloatBlock(int from, CoordinateBlock block, double weight) {
            stats.updateFloatBlock(from, block.count(), block.floatLane(CoordinateBlock.THETA),
                    block.floatLane(CoordinateBlock.GRADIENT), weight, Scratch.current());
        }

        @Override
        public String toString() {
            return MovingAverages.this.toString();
        }
    }

    /** The same update through ND4J ops, for backends whose memory is not host memory. */
    private void observeCoordinates(INDArray x, INDArray y, double a) {
        dx.assign(x).subi(meanX);
        dy.assign(y).subi(meanY);
        Vectors.axpy(a, dx, meanX);
        Vectors.axpy(a, dy, meanY);
        if (mode == Mode.NOTEBOOK) {
            // deviations from the updated means: (x − μ_new) = (1 − a)(x − μ_old)
            dx.muli(1 - a);
            dy.muli(1 - a);
            blend(varX, scratch.assign(dx).muli(dx), a);
            blend(varY, scratch.assign(dy).muli(dy), a);
            if (covXY != null) {
                blend(covXY, scratch.assign(dx).muli(dy), a);
            }
        } else {
            moment(varX, scratch.assign(dx).muli(dx), a);
            moment(varY, scratch.assign(dy).muli(dy), a);
            if (covXY != null) {
                moment(covXY, scratch.assign(dx).muli(dy), a);
            }
        }
    }

    /** m ← (1 − a)·(m + a·product). */
    private static void moment(INDArray m, INDArray product, double a) {
        Vectors.axpy(a, product, m);
        m.muli(1 - a);
    }

    /** m ← m + a·(product − m). */
    private static void blend(INDArray m, INDArray product, double a) {
        m.muli(1 - a);
        Vectors.axpy(a, product, m);
    }

    @Override
    public void beforeRotation(INDArray theta, Basis current, Basis next) {
        if (centre == null) {
            return;
        }
        for (int j = 0; j < rank; j++) {
            INDArray v = current.column(j);
            double shift = Vectors.dot(theta, v) - Vectors.dot(centre, v);
            meanX.putScalar(j, meanX.getDouble(j) - shift);
        }
        Vectors.copy(theta, centre);
    }

    @Override
    public RegressionModel model() {
        return model;
    }

    @Override
    public String toString() {
        return mode.strategyName() + "(" + parameters.canonical() + ")";
    }

    /** The regression read from the weighted moments. */
    private final class Model implements RegressionModel {
        @Override
        public long size() {
            return rank;
        }

        @Override
        public boolean defined(long i) {
            return count.getLong(0) >= 2 && varXv.get((int) i) > 0 && Double.isFinite(curvature(i));
        }

        @Override
        public double position(long i) {
            return coordinates ? thetaV.get((int) i) : lastX[(int) i];
        }

        @Override
        public double gradient(long i) {
            return coordinates ? gradientV.get((int) i) : lastY[(int) i];
        }

        @Override
        public double meanPosition(long i) {
            return meanXv.get((int) i);
        }

        @Override
        public double meanGradient(long i) {
            return meanYv.get((int) i);
        }

        @Override
        public double positionVariance(long i) {
            return varXv.get((int) i);
        }

        @Override
        public double gradientVariance(long i) {
            return varYv.get((int) i);
        }

        @Override
        public double covariance(long i) {
            return covXYv == null ? Double.NaN : covXYv.get((int) i);
        }
    }
}
