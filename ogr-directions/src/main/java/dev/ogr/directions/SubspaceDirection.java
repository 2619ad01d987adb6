package dev.ogr.directions;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.ConfigurationException;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.Geometry;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.StrategyState;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A d-dimensional subspace that follows the gradients by online PCA (paper 1, Sec. IV.C; the notebooks' sOGR): after
 * each step V ← orth(V + γ·ĝ·(ĝᵀV)) with ĝ = g/‖g‖ (Oja's subspace rule on normalised gradients, orthonormalised by
 * modified Gram–Schmidt), so V drifts towards the directions the gradients keep taking; γ is the rate of direction
 * change. It starts from a seeded random orthonormal basis, or, with {@code d=0}, from the coordinate axes of all D
 * dimensions (the notebooks' full OGR, for small problems; with {@code rate=0} it never rotates).
 */
public final class SubspaceDirection implements DirectionProvider {

    static final ParameterSpec D = ParameterSpec.integer("d", 4, 0, 64,
            "number of directions (at most D); 0: all D dimensions, starting from the coordinate axes");
    static final ParameterSpec RATE = ParameterSpec.real("rate", 0.1, 0, true, 10, true,
            "rate gamma of direction change: V <- orth(V + gamma*g^(g^'V)), g^ = g/|g|");
    static final ParameterSpec SEED = ParameterSpec.integer("seed", 1, 0, Long.MAX_VALUE, "seed of the initial basis");

    /** The parameters of {@code subspace}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(D, RATE, SEED);

    private final long d;
    private final double rate;
    private final long seed;
    private int k;
    private INDArray current;
    private INDArray next;
    private INDArray lastGradient;
    private Basis basis;
    private Basis upcoming;

    /** A subspace of {@code d} directions (0: all) rotating at {@code rate}. */
    public SubspaceDirection(long d, double rate, long seed) {
        this.d = (Long) D.validate(d, "parameter 'd' of direction 'subspace'");
        this.rate = (Double) RATE.validate(rate, "parameter 'rate' of direction 'subspace'");
        this.seed = (Long) SEED.validate(seed, "parameter 'seed' of direction 'subspace'");
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
            throw new ConfigurationException("direction 'subspace' with d=0 (all dimensions) is for problems of at"
                    + " most 64 parameters, this one has " + dimension + "; give d, e.g. subspace(d=8)");
        }
        k = (int) rank(dimension);
        current = state.create("basis", type, dimension, k);
        next = Nd4j.zeros(type, dimension, k);
        lastGradient = Nd4j.zeros(type, dimension, 1);
        if (d == 0) {
            for (int j = 0; j < k; j++) {
                current.putScalar(j, j, 1.0);
            }
        } else {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < dimension; i++) {
                for (int j = 0; j < k; j++) {
                    current.putScalar(i, j, r.nextDouble() - 0.5);
                }
            }
            orthonormalise(current);
        }
        basis = Basis.of(current);
        upcoming = Basis.of(next);
    }

    @Override
    public void accumulate(INDArray theta, INDArray gradient) {
        lastGradient.assign(gradient.reshape(lastGradient.shape()));
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
    public void rotate(INDArray theta, AverageTracker tracker) {
        double norm = lastGradient.norm2Number().doubleValue();
        if (rate == 0 || !(norm > 0) || !Double.isFinite(norm)) {
            return;
        }
        // next = V + γ ĝ (ĝᵀ V), then orthonormalised; column by column with dot/axpy, no D-sized allocation
        next.assign(current);
        INDArray g = lastGradient.reshape(lastGradient.length());
        for (int j = 0; j < k; j++) {
            INDArray column = next.getColumn(j);
            double projection = Nd4j.getBlasWrapper().dot(g, current.getColumn(j)) / norm;
            Nd4j.getBlasWrapper().level1().axpy(g.length(), rate * projection / norm, g, column);
        }
        orthonormalise(next);
        tracker.beforeRotation(theta, basis, upcoming);
        current.assign(next);
    }

    /** Modified Gram–Schmidt on the columns of {@code m}, in place. */
    private static void orthonormalise(INDArray m) {
        int k = (int) m.columns();
        for (int j = 0; j < k; j++) {
            INDArray cj = m.getColumn(j);
            for (int p = 0; p < j; p++) {
                INDArray cp = m.getColumn(p);
                Nd4j.getBlasWrapper().level1().axpy(cj.length(), -Nd4j.getBlasWrapper().dot(cp, cj), cp, cj);
            }
            double n = cj.norm2Number().doubleValue();
            cj.divi(n > 0 ? n : 1);
        }
    }

    @Override
    public String toString() {
        return "subspace(d=" + d + ", rate=" + ParameterSpec.format(rate) + ", seed=" + seed + ")";
    }
}
