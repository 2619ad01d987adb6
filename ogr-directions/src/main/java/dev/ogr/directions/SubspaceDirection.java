package dev.ogr.directions;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.ConfigurationException;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.Geometry;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.StrategyState;
import dev.ogr.core.kernel.Vec;
import dev.ogr.core.subspace.BasisRotation;
import dev.ogr.api.block.GradientRotation;
import dev.ogr.api.block.ProjectedTracker;
import dev.ogr.core.subspace.SubspaceKernel;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code online-pca} direction (also named {@code subspace}): a d-dimensional subspace that follows the gradients
 * (paper 1, Sec. IV.C; the notebooks' sOGR). After each step the basis V (D×d, orthonormal columns) moves to
 * V ← orth(V + g·bᵀ), by one of two rules ({@code rule}), with ĝ = g/‖g‖ and γ the rate of direction change:
 * <ul>
 *   <li>{@code oja} (the default): b = γ·Vᵀĝ/‖g‖, i.e. V ← orth(V + γ·ĝ(ĝᵀV)), Oja's subspace rule on normalised
 *       gradients: online PCA, each direction pulled towards ĝ in proportion to how much of ĝ it already holds, so V
 *       tends to the span of the directions the gradients keep taking (the top eigenvectors of E[ĝĝᵀ]);</li>
 *   <li>{@code plain}: the notebooks' V ← orth(V + Γ·g), read as numpy would broadcast it: the same γ·ĝ added to
 *       every column, V ← orth(V + γ·ĝ·1ᵀ). Here too the gradient is normalised, so that γ is a rate of turning
 *       whatever the scale of the loss (with the raw g of the formula the turn would be γ·‖g‖: large far from a
 *       minimum, vanishing near one).</li>
 * </ul>
 * orth is the Q factor of the QR decomposition (what modified Gram–Schmidt gives), computed from k×k quantities by
 * {@link BasisRotation}; with a subspace model the optimizer moves the basis in its own pass over memory
 * ({@link GradientRotation}), otherwise {@link #rotate} does it. The basis starts as a seeded random orthonormal
 * one, or, with {@code d=0}, as the coordinate axes of all D dimensions (the notebooks' full OGR, for small problems;
 * with {@code rate=0} it never turns).
 *
 * <p>The state array {@code basis} is the d×D array Vᵀ, one basis vector per row, so that each vector is contiguous in
 * memory ({@code basis().columns()} is its D×d transpose, a view). {@link #rotate} reads again the gradient given to
 * {@link #accumulate}, which the optimizer leaves unchanged in between.
 */
public final class SubspaceDirection implements DirectionProvider, GradientRotation {

    static final ParameterSpec D = ParameterSpec.integer("d", 4, 0, 64,
            "number of directions (at most D); 0: all D dimensions, starting from the coordinate axes");
    static final ParameterSpec RULE = ParameterSpec.choice("rule", "oja", List.of("oja", "plain"),
            "oja: V <- orth(V + rate*g^(g^'V)), online PCA; plain: the notebooks' V <- orth(V + rate*g^), g^ = g/|g|"
                    + " added to every column");
    static final ParameterSpec RATE = ParameterSpec.real("rate", 0.1, 0, true, 10, true,
            "rate gamma of direction change (0: the basis never turns)");
    static final ParameterSpec SEED = ParameterSpec.integer("seed", 1, 0, Long.MAX_VALUE, "seed of the initial basis");

    /** The parameters of {@code online-pca}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(D, RULE, RATE, SEED);

    private final Parameters parameters;
    private final long d;
    private final boolean oja;
    private final double rate;
    private final long seed;
    private int k;
    private INDArray current;
    private Vec rows;
    private Basis basis;
    private INDArray lastGradient;
    private Vec lastGradientV;
    // the general path (rotate): its own measuring pass, and the next basis for trackers that need it as a matrix
    private SubspaceKernel kernel;
    private BasisRotation plan;
    private double[] b;
    private INDArray next;
    private Vec nextRows;
    private Basis upcoming;

    /** A subspace of {@code d} directions (0: all) turning at {@code rate} by Oja's rule. */
    public SubspaceDirection(long d, double rate, long seed) {
        this(d, "oja", rate, seed);
    }

    /** A subspace of {@code d} directions (0: all) turning at {@code rate} by {@code rule} ({@code oja}, {@code plain}). */
    public SubspaceDirection(long d, String rule, double rate, long seed) {
        String owner = "direction 'online-pca'";
        this.parameters = Parameters.inOrder(PARAMETERS, owner, d, rule, rate, seed);
        this.d = parameters.integer("d");
        this.oja = parameters.choice("rule").equals("oja");
        this.rate = parameters.real("rate");
        this.seed = parameters.integer("seed");
    }

    @Override
    public Geometry geometry() {
        return Geometry.SUBSPACE;
    }

    @Override
    public long rank(long dimension) {
        return d == 0 ? dimension : Math.min(d, dimension);
    }

    @Override
    public void init(long dimension, DataType type, StrategyState state) {
        if (d == 0 && dimension > 64) {
            throw new ConfigurationException("direction 'online-pca' with d=0 (all dimensions) is for problems of at"
                    + " most 64 parameters, this one has " + dimension + "; give d, e.g. online-pca(d=8)");
        }
        if (dimension * rank(dimension) > Integer.MAX_VALUE) {
            throw new ConfigurationException("direction 'online-pca' keeps a D x d basis of at most 2^31 - 1 entries,"
                    + " got D = " + dimension + " and d = " + rank(dimension) + "; give a smaller d");
        }
        k = (int) rank(dimension);
        current = state.create("basis", type, k, dimension);
        rows = SubspaceKernel.vectorsOf(current);
        if (rows == null) {
            throw new IllegalStateException("the basis state array must be a dense row-major " + k + " x " + dimension
                    + " array, got order '" + current.ordering() + "' with strides "
                    + java.util.Arrays.toString(current.stride()));
        }
        int n = (int) dimension;
        if (d == 0) {
            for (int j = 0; j < k; j++) {
                rows.set(j * n + j, 1.0);
            }
        } else {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < n; i++) { // entry (i, j) of V in the order of the earlier D x d layout
                for (int j = 0; j < k; j++) {
                    rows.set(j * n + i, r.nextDouble() - 0.5);
                }
            }
            orthonormalise(rows, n, k);
        }
        basis = Basis.of(current.transpose());
    }

    /**
     * Modified Gram–Schmidt with one re-orthogonalisation ("twice is enough") on the k vectors of length n stored one
     * after the other in {@code m}, in place; for the initial basis only.
     */
    static void orthonormalise(Vec m, int n, int k) {
        for (int j = 0; j < k; j++) {
            int vj = j * n;
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < j; p++) {
                    int vp = p * n;
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += m.get(vp + i) * m.get(vj + i);
                    }
                    for (int i = 0; i < n; i++) {
                        m.set(vj + i, m.get(vj + i) - dot * m.get(vp + i));
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double v = m.get(vj + i);
                norm += v * v;
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 1;
            for (int i = 0; i < n; i++) {
                m.set(vj + i, m.get(vj + i) * scale);
            }
        }
    }

    /** Remembers the gradient, which the optimizer leaves unchanged until {@link #rotate} returns. */
    @Override
    public void accumulate(INDArray theta, INDArray gradient) {
        if (gradient != lastGradient) {
            lastGradient = gradient;
            lastGradientV = Vec.of(gradient.reshape(gradient.length()));
        }
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public Basis basis() {
        return basis;
    }

    @Override
    public INDArray basisVectors() {
        return current;
    }

    @Override
    public boolean rotationCoefficients(double[] projection, double squaredNorm, double[] coefficients) {
        if (rate == 0 || !(squaredNorm > 0) || !Double.isFinite(squaredNorm)) {
            return false;
        }
        if (oja) { // γ·ĝ(ĝᵀV) = g·(γ·Vᵀg/‖g‖²)ᵀ
            double f = rate / squaredNorm;
            for (int j = 0; j < k; j++) {
                coefficients[j] = f * projection[j];
            }
        } else { // γ·ĝ·1ᵀ = g·(γ/‖g‖·1)ᵀ
            double f = rate / Math.sqrt(squaredNorm);
            for (int j = 0; j < k; j++) {
                coefficients[j] = f;
            }
        }
        return true;
    }

    @Override
    public void rotate(INDArray theta, AverageTracker tracker) {
        if (rate == 0 || lastGradient == null) {
            return;
        }
        if (kernel == null) {
            kernel = new SubspaceKernel(current.columns(), k, 0, true);
            plan = new BasisRotation(k);
            b = new double[k];
        }
        kernel.measure(rows, lastGradientV, lastGradientV, null);
        double[] y = kernel.gradients();
        double s = kernel.squaredNorm();
        if (!rotationCoefficients(y, s, b) || !plan.plan(kernel.gram(), y, s, b)) {
            return;
        }
        if (tracker instanceof ProjectedTracker p && p.projects()) {
            p.rotateBasis(plan.transition());
            kernel.apply(rows, null, lastGradientV, null, 0, null, null, plan.rowTransform(), plan.gradientRow(), rows);
            return;
        }
        if (next == null) {
            next = Nd4j.zeros(current.dataType(), current.shape());
            nextRows = SubspaceKernel.vectorsOf(next);
            upcoming = Basis.of(next.transpose());
        }
        kernel.apply(rows, null, lastGradientV, null, 0, null, null, plan.rowTransform(), plan.gradientRow(),
                nextRows);
        tracker.beforeRotation(theta, basis, upcoming);
        int n = rows.length();
        for (int i = 0; i < n; i++) {
            rows.set(i, nextRows.get(i));
        }
    }

    @Override
    public String toString() {
        return "online-pca(" + parameters.canonical() + ")";
    }
}
