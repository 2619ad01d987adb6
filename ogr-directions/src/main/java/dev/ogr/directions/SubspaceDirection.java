package dev.ogr.directions;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.ConfigurationException;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.Geometry;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.StrategyState;
import dev.ogr.api.VectorMath;
import dev.ogr.api.block.GradientRotation;
import dev.ogr.api.block.ProjectedTracker;
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
 * orth is the Q factor of the QR decomposition (what modified Gram–Schmidt gives). The direction declares
 * {@link GradientRotation}, so on host memory the core moves the basis itself (from k×k quantities, in its own pass
 * over memory or its subspace step's); elsewhere {@link #rotate} does it in whole-array operations. The basis starts as a seeded random orthonormal
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
    private Basis basis;
    private INDArray lastGradient;
    // rotate's own arrays (the whole-array path): the next basis, and y = Vᵀg
    private INDArray next;
    private Basis upcoming;
    private INDArray projection;
    private double[] y;
    private double[] b;
    private INDArray coefficients;

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
        int n = (int) dimension;
        boolean floats = type == DataType.FLOAT;
        double[] rows = new double[k * n];
        if (d == 0) {
            for (int j = 0; j < k; j++) {
                rows[j * n + j] = 1.0;
            }
        } else {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < n; i++) { // entry (i, j) of V in the order of the earlier D x d layout
                for (int j = 0; j < k; j++) {
                    rows[j * n + i] = stored(r.nextDouble() - 0.5, floats);
                }
            }
            orthonormalise(rows, n, k, floats);
        }
        current.assign(Nd4j.createFromArray(rows).reshape('c', k, n));
        basis = Basis.of(current.transpose());
    }

    /** x as the basis array stores it: rounded to float for a float basis (wider types keep the double). */
    private static double stored(double x, boolean floats) {
        return floats ? (float) x : x;
    }

    /**
     * Modified Gram–Schmidt with one re-orthogonalisation ("twice is enough") on the k vectors of length n stored one
     * after the other in {@code m}, in place, each entry rounded as the basis stores it whenever it is written; for the
     * initial basis only.
     */
    static void orthonormalise(double[] m, int n, int k, boolean floats) {
        for (int j = 0; j < k; j++) {
            int vj = j * n;
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < j; p++) {
                    int vp = p * n;
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += m[vp + i] * m[vj + i];
                    }
                    for (int i = 0; i < n; i++) {
                        m[vj + i] = stored(m[vj + i] - dot * m[vp + i], floats);
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double v = m[vj + i];
                norm += v * v;
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 1;
            for (int i = 0; i < n; i++) {
                m[vj + i] = stored(m[vj + i] * scale, floats);
            }
        }
    }

    /** Remembers the gradient, which the optimizer leaves unchanged until {@link #rotate} returns. */
    @Override
    public void accumulate(INDArray theta, INDArray gradient) {
        lastGradient = gradient;
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

    /**
     * Moves the basis to V′ = orth(V + g·bᵀ) in whole-array ND4J operations: y = Vᵀg and ‖g‖² as products, the rank-one
     * sum by one GEMM into a second array, then modified Gram–Schmidt (with one re-orthogonalisation) row by row. This
     * is what runs where the core cannot move the basis itself on host memory (see {@link GradientRotation}); it gives
     * the core's basis up to rounding. A degenerate sum (a vector of zero or non-finite norm) leaves the basis as it
     * is.
     */
    @Override
    public void rotate(INDArray theta, AverageTracker tracker) {
        if (rate == 0 || lastGradient == null) {
            return;
        }
        if (next == null) {
            next = Nd4j.zeros(current.dataType(), current.shape());
            upcoming = Basis.of(next.transpose());
            projection = Nd4j.zeros(current.dataType(), k, 1);
            coefficients = Nd4j.zeros(current.dataType(), k, 1);
            y = new double[k];
            b = new double[k];
        }
        INDArray g = lastGradient.reshape('c', lastGradient.length(), 1);
        Nd4j.gemm(current, g, projection, false, false, 1.0, 0.0);
        for (int j = 0; j < k; j++) {
            y[j] = projection.getDouble(j);
        }
        double s = VectorMath.dot(g, g);
        if (!rotationCoefficients(y, s, b)) {
            return;
        }
        for (int j = 0; j < k; j++) {
            coefficients.putScalar(j, b[j]);
        }
        next.assign(current);
        Nd4j.gemm(coefficients, g, next, false, true, 1.0, 1.0);
        for (int j = 0; j < k; j++) {
            INDArray row = next.getRow(j);
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < j; p++) {
                    INDArray earlier = next.getRow(p);
                    VectorMath.axpy(-VectorMath.dot(earlier, row), earlier, row);
                }
            }
            double norm = Math.sqrt(VectorMath.dot(row, row));
            if (!(norm > 0) || !Double.isFinite(norm)) {
                return;
            }
            row.muli(1 / norm);
        }
        if (tracker instanceof ProjectedTracker p && p.projects()) {
            INDArray t = next.mmul(current.transpose()); // entry (i, j) = v′ᵢ·vⱼ
            double[] transition = new double[k * k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    transition[i * k + j] = t.getDouble(i, j);
                }
            }
            p.rotateBasis(transition);
        } else {
            tracker.beforeRotation(theta, basis, upcoming);
        }
        current.assign(next);
    }

    @Override
    public String toString() {
        return "online-pca(" + parameters.canonical() + ")";
    }
}
