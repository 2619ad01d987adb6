package dev.ogr.core.exec;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StepRule;
import dev.ogr.api.StrategyState;
import dev.ogr.api.array.ArrayOps;
import dev.ogr.api.block.GradientRotation;
import dev.ogr.api.block.ProjectedTracker;
import dev.ogr.core.subspace.BasisRotation;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One optimizer step of a subspace model ({@code ogr-pca}, {@code full-ogr}, {@code sogr}: a direction that turns by
 * a gradient rule, averages that observe projections, and outside the subspace a descent, nothing or the notebooks'
 * step, momentum or blended with dOGR's ({@link ArrayNotebookOutside}: {@code sogr}, {@code dsogr})) as whole-array
 * ND4J ops on the
 * arrays where they live: the array-op form of {@link SubspaceStep}, for backends other than the CPU's and
 * {@code OGR_KERNELS=nd4j}. The basis is the direction's k×D array Vᵀ. Each step, in the fused step's order:
 *
 * <ol>
 *   <li>with the notebooks' outside step: m ← (1 − r)·m + r·g (two ops; for dOGR twelve more for the means,
 *       variance and covariance, {@link ArrayNotebookOutside#observeArrays}) and Vᵀm as one more reduction over all
 *       pairs;</li>
 *   <li>x = Vᵀθ and y = Vᵀg as two reductions over all pairs (ND4J's dot product of every basis vector with θ or g)
 *       and ‖g‖² as one more, each into a small double array made once (so float data is summed in double, as the
 *       fused step's sums end), and G = VᵀV as a matrix product in θ's type (its orthonormalisation needs no more);
 *       those k² + 2k + 1 numbers are then read on the host;</li>
 *   <li>the observation, the model, the step rule, the rotation into the model's eigenbasis and the plan of the next
 *       basis V′ = orth(V + g·bᵀ) ({@link BasisRotation}), k×k work on the host;</li>
 *   <li>θ ← θ + V·c (one matrix product accumulated into θ, after the k coefficients are written to a small array)
 *       and θ ← θ − η·g (one axpy), and, when the basis turns, V′ᵀ = AᵀVᵀ + c′·gᵀ (two matrix products into a
 *       scratch basis, after A and c′ are written to small arrays) copied into the basis (one op); with the
 *       notebooks' outside step, on model steps, θ ← θ + u − V·(Vᵀu) with u = −a·m − w·d, a = (1 − w)·η, as
 *       V·(c + a·Vᵀm + w·Vᵀd) in the same matrix product and the axpys θ ← θ − a·m and θ ← θ − w·d; for w &gt; 0 the
 *       diagonal step d (five ops, {@link ArrayNotebookOutside#diagonalStep}) and Vᵀd (one reduction) come
 *       first.</li>
 * </ol>
 *
 * <p>No element of a D-length array is read or written from Java and nothing is allocated per step. The k-length and
 * k×k arrays are made by ND4J once, on the backend's device.
 */
public final class ArraySubspaceStep {

    private static final MMulTranspose SECOND_TRANSPOSED = MMulTranspose.builder().transposeB(true).build();
    private static final MMulTranspose FIRST_TRANSPOSED = MMulTranspose.builder().transposeA(true).build();

    private final GradientRotation rotation;
    private final ProjectedTracker projected;
    private final AverageTracker tracker;
    private final StepRule stepRule;
    private final boolean descent;
    private final ArrayNotebookOutside outside;
    private final MomentumModel momentumModel;
    private final INDArray momentum;
    private final INDArray momentumRow;
    private final INDArray momentumProjections;
    private final double[] vm;
    private final double blend;
    private final INDArray[] outsideScratch;
    private final INDArray diagonal;
    private final INDArray diagonalRow;
    private final INDArray diagonalProjections;
    private final int k;
    private final INDArray delta;
    private final INDArray theta;
    private final INDArray thetaColumn;
    private final INDArray thetaRow;
    private final INDArray basis;
    private final INDArray nextBasis;
    private final INDArray positions;
    private final INDArray gradients;
    private final INDArray gram;
    private final INDArray normSum;
    private final INDArray coefficientColumn;
    private final INDArray transform;
    private final INDArray gradientRowColumn;
    private final StrategyState.Allocator allocator;
    private final UpdateOutput output;
    private final BasisRotation plan;
    private final double[] x;
    private final double[] y;
    private final double[] g2;
    private final double[] move;
    private final double[] coefficients;
    private final double[] b;
    private INDArray seenGradient;
    private INDArray gradient;
    private INDArray gradientColumn;
    private INDArray gradientRow;

    private ArraySubspaceStep(GradientRotation rotation, ProjectedTracker projected, AverageTracker tracker,
            StepRule stepRule, boolean descent, ArrayNotebookOutside outside, MomentumModel momentumModel,
            INDArray theta, INDArray delta, StrategyState.Allocator allocator) {
        this.rotation = rotation;
        this.outside = outside;
        this.momentumModel = momentumModel;
        this.projected = projected;
        this.tracker = tracker;
        this.stepRule = stepRule;
        this.descent = descent;
        this.delta = delta;
        this.allocator = allocator;
        this.output = new UpdateOutput(allocator);
        this.k = (int) delta.length();
        long n = theta.length();
        DataType type = theta.dataType();
        this.theta = theta.reshape(n);
        this.thetaColumn = theta.reshape(n, 1);
        this.basis = rotation.basisVectors();
        this.nextBasis = allocator.scratch(type, k * n).reshape('c', k, n);
        this.thetaRow = theta.reshape(1, n);
        this.positions = Nd4j.create(DataType.DOUBLE, k, 1);
        this.gradients = Nd4j.create(DataType.DOUBLE, k, 1);
        this.gram = Nd4j.create(type, k, k);
        this.normSum = Nd4j.create(DataType.DOUBLE, 1);
        this.coefficientColumn = Nd4j.create(type, k, 1);
        this.transform = Nd4j.create(type, k, k);
        this.gradientRowColumn = Nd4j.create(type, k, 1);
        this.plan = new BasisRotation(k);
        this.x = new double[k];
        this.y = new double[k];
        this.g2 = new double[k * k];
        this.move = new double[k];
        this.coefficients = new double[k];
        this.b = new double[k];
        this.momentum = outside == null ? null : outside.momentumArray().reshape(n);
        this.momentumRow = outside == null ? null : momentum.reshape(1, n);
        this.momentumProjections = outside == null ? null : Nd4j.create(DataType.DOUBLE, k, 1);
        this.vm = new double[k];
        this.blend = outside == null ? 0 : outside.blend();
        this.outsideScratch = blend > 0 ? new INDArray[] {allocator.scratch(type, n), allocator.scratch(type, n)}
                : new INDArray[0];
        this.diagonal = blend > 0 ? outsideScratch[0] : null; // written after the observation is done with it
        this.diagonalRow = blend > 0 ? diagonal.reshape(1, n) : null;
        this.diagonalProjections = blend > 0 ? Nd4j.create(DataType.DOUBLE, k, 1) : null;
    }

    /**
     * The array-op subspace step for this composition, or null when it does not apply: a direction that turns by a
     * gradient rule, whose basis is a dense row-major k×D array of θ's type, and a tracker that observes projections.
     */
    static ArraySubspaceStep of(DirectionProvider direction, AverageTracker tracker, StepRule stepRule,
            boolean descent, ArrayNotebookOutside outside, MomentumModel momentumModel, INDArray theta, INDArray delta,
            StrategyState.Allocator allocator) {
        if (!(direction instanceof GradientRotation rotation) || !(tracker instanceof ProjectedTracker projected)
                || !projected.projects()) {
            return null;
        }
        INDArray v = rotation.basisVectors();
        if (v.rank() != 2 || v.ordering() != 'c' || v.elementWiseStride() != 1 || v.rows() != delta.length()
                || v.columns() != theta.length() || v.dataType() != theta.dataType()) {
            return null;
        }
        if (outside != null && (outside.momentumArray() == null || outside.momentumArray().length() != theta.length()
                || outside.momentumArray().dataType() != theta.dataType())) {
            return null;
        }
        return new ArraySubspaceStep(rotation, projected, tracker, stepRule, descent, outside, momentumModel, theta,
                delta, allocator);
    }

    /**
     * The ND4J op calls of one model step without an update output: 9 when the basis turns and the optimizer
     * descends outside it ({@code ogr-pca}), 3 fewer while the basis stays, 1 fewer without the descent
     * ({@code full-ogr}: 5), with the notebooks' outside step its observation's ops, Vᵀm and θ ← θ − a·m
     * ({@code sogr}: 2 + 2, 12), and with the dOGR blend the diagonal step's ops, Vᵀd and θ ← θ − w·d ({@code dsogr}:
     * 14 + 2 + 5 + 2, 31). Whether the rule turns the basis at all is asked once, with a zero projection.
     */
    public int declaredOps() {
        return 5 + (descent ? 1 : 0) + (outside != null ? outside.observeOps() + 2 : 0)
                + (blend > 0 ? outside.diagonalStepOps() + 2 : 0)
                + (rotation.rotationCoefficients(new double[k], 1, new double[k]) ? 3 : 0);
    }

    /**
     * Moves θ by one step from the finite gradient {@code g} at learning rate {@code eta} (a first-order step −η·g
     * during warm-up), then turns the basis; {@code update}, when not null, receives θ_old − θ_new. True for a model
     * step.
     */
    public boolean step(double eta, INDArray g, boolean warm, INDArray update) {
        if (g != seenGradient) {
            seenGradient = g;
            gradient = g.reshape(g.length());
            gradientColumn = g.reshape(g.length(), 1);
            gradientRow = g.reshape(1, g.length());
        }
        output.begin(theta, update);
        if (outside != null) { // the notebooks' m += r·(g − m) (and dOGR's averages), every step, then Vᵀm
            outside.observeArrays(theta, gradient, outsideScratch);
            Nd4j.exec(new Dot(basis, momentumRow, momentumProjections, false, true, 1));
            for (int j = 0; j < k; j++) {
                vm[j] = momentumProjections.getDouble(j, 0);
            }
        }
        Nd4j.exec(new Dot(basis, thetaRow, positions, false, true, 1));
        Nd4j.exec(new Dot(basis, gradientRow, gradients, false, true, 1));
        Nd4j.exec(new Mmul(basis, basis, gram, SECOND_TRANSPOSED));
        Nd4j.exec(new SquaredNorm(gradient, normSum));
        for (int j = 0; j < k; j++) {
            x[j] = positions.getDouble(j, 0);
            y[j] = gradients.getDouble(j, 0);
            for (int i = 0; i < k; i++) {
                g2[j * k + i] = gram.getDouble(j, i);
            }
        }
        double s = normSum.getDouble(0);
        projected.observeProjections(x, y);

        double[] c = null;
        if (!warm) {
            RegressionModel model = tracker.model();
            stepRule.step(momentumModel == null ? model : momentumModel.wrap(model, vm), eta, delta);
            for (int j = 0; j < k; j++) {
                move[j] = delta.getDouble(j) + (descent ? eta * model.gradient(j) : 0);
            }
            c = Execution.inBasis(model.rotation(), move, coefficients, k);
            if (outside != null) { // u − V·(Vᵀu) with u = −a·m − w·d: V·(a·Vᵀm + w·Vᵀd) here, u below
                double a = (1 - blend) * eta;
                for (int j = 0; j < k; j++) {
                    c[j] += a * vm[j];
                }
                if (blend > 0) {
                    outside.diagonalStep(eta, diagonal);
                    Nd4j.exec(new Dot(basis, diagonalRow, diagonalProjections, false, true, 1));
                    for (int j = 0; j < k; j++) {
                        c[j] += blend * diagonalProjections.getDouble(j, 0);
                    }
                }
            }
        }
        boolean rotates = rotation.rotationCoefficients(y, s, b) && plan.plan(g2, y, s, b);
        if (rotates) {
            projected.rotateBasis(plan.transition());
        }

        if (c != null) { // θ ← θ + V·c
            for (int j = 0; j < k; j++) {
                coefficientColumn.putScalar(j, 0, c[j]);
            }
            Nd4j.exec(new Mmul(basis, coefficientColumn, thetaColumn, 1.0, 1.0, FIRST_TRANSPOSED));
        }
        if (warm || descent) {
            ArrayOps.axpy(-eta, gradient, theta, theta);
        }
        if (!warm && outside != null) {
            ArrayOps.axpy(-((1 - blend) * eta), momentum, theta, theta);
            if (blend > 0) {
                ArrayOps.axpy(-blend, diagonal, theta, theta);
            }
        }
        output.finish(theta);
        if (rotates) { // V′ᵀ = AᵀVᵀ + c′·gᵀ
            double[] a = plan.rowTransform();
            double[] row = plan.gradientRow();
            for (int i = 0; i < k; i++) {
                gradientRowColumn.putScalar(i, 0, row[i]);
                for (int j = 0; j < k; j++) {
                    transform.putScalar(i, j, a[i * k + j]);
                }
            }
            Nd4j.exec(new Mmul(transform, basis, nextBasis, FIRST_TRANSPOSED));
            Nd4j.exec(new Mmul(gradientRowColumn, gradientColumn, nextBasis, 1.0, 1.0, SECOND_TRANSPOSED));
            basis.assign(nextBasis);
        }
        return !warm;
    }
}
