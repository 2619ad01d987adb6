package dev.ogr.core.exec;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.block.GradientRotation;
import dev.ogr.api.block.ProjectedTracker;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Vec;
import dev.ogr.core.subspace.BasisRotation;
import dev.ogr.core.subspace.SubspaceKernel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The general path's move of a {@link GradientRotation} basis, V′ = orth(V + g·bᵀ), done by the core on host memory
 * (one measuring pass for y = Vᵀg, s = ‖g‖² and G = VᵀV, the k×k plan of {@link BasisRotation}, one applying pass),
 * for the compositions whose tracker does not observe projections (so the two-pass {@link SubspaceStep} does not
 * apply). A tracker that works from projections hears T = V′ᵀV; any other is told {@code beforeRotation(θ, V, V′)}
 * with V′ written to a second array first.
 */
final class BasisTurn {

    private final GradientRotation rotation;
    private final INDArray vectors;
    private final Vec rows;
    private final Basis current;
    private final int k;
    private final SubspaceKernel kernel;
    private final BasisRotation plan;
    private final double[] b;
    private INDArray next;
    private Vec nextRows;
    private Basis upcoming;
    private INDArray seenGradient;
    private Vec gradientV;

    private BasisTurn(GradientRotation rotation, INDArray vectors, Vec rows, Basis current) {
        this.rotation = rotation;
        this.vectors = vectors;
        this.rows = rows;
        this.current = current;
        this.k = (int) vectors.rows();
        kernel = new SubspaceKernel(vectors.columns(), k, 0, true);
        plan = new BasisRotation(k);
        b = new double[k];
    }

    /**
     * The core's turn of this direction's basis, or null when the direction does not declare {@link GradientRotation}
     * or its basis is not a dense host array of k rows of θ's length, or θ is not in host memory (then the direction's own {@code rotate} runs).
     */
    static BasisTurn of(Object direction, Basis current, INDArray theta) {
        if (!(direction instanceof GradientRotation rotation)) {
            return null;
        }
        INDArray vectors = rotation.basisVectors();
        if (!Kernels.direct(theta) || vectors.dataType() != theta.dataType() || vectors.columns() != theta.length()) {
            return null;
        }
        Vec rows = SubspaceKernel.vectorsOf(vectors);
        if (rows == null) {
            return null;
        }
        return new BasisTurn(rotation, vectors, rows, current);
    }

    /** Moves the basis by the latest gradient {@code g} (unchanged since it was observed), telling the tracker first. */
    void turn(INDArray theta, INDArray g, AverageTracker tracker) {
        if (g != seenGradient) {
            seenGradient = g;
            gradientV = Vec.of(g.reshape(g.length()));
        }
        kernel.measure(rows, gradientV, gradientV, null);
        double[] y = kernel.gradients();
        double s = kernel.squaredNorm();
        if (!rotation.rotationCoefficients(y, s, b) || !plan.plan(kernel.gram(), y, s, b)) {
            return;
        }
        if (tracker instanceof ProjectedTracker p && p.projects()) {
            p.rotateBasis(plan.transition());
            kernel.apply(rows, null, gradientV, null, 0, null, null, plan.rowTransform(), plan.gradientRow(), rows);
            return;
        }
        if (next == null) {
            next = Nd4j.zeros(vectors.dataType(), vectors.shape());
            nextRows = SubspaceKernel.vectorsOf(next);
            upcoming = Basis.of(next.transpose());
        }
        kernel.apply(rows, null, gradientV, null, 0, null, null, plan.rowTransform(), plan.gradientRow(), nextRows);
        tracker.beforeRotation(theta, current, upcoming);
        vectors.assign(next);
    }
}
