package dev.ogr.core.exec;

import dev.ogr.core.OgrOptimizer;
import dev.ogr.api.AverageTracker;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StepRule;
import dev.ogr.core.kernel.Vec;
import dev.ogr.core.subspace.BasisRotation;
import dev.ogr.api.block.GradientRotation;
import dev.ogr.api.block.ProjectedTracker;
import dev.ogr.core.subspace.SubspaceKernel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One optimizer step of a subspace model in two passes over memory, when the direction rotates by a gradient rule
 * ({@link GradientRotation}) and the tracker observes projections ({@link ProjectedTracker}): the measuring pass
 * gives x = Vᵀθ, y = Vᵀg, ‖g‖², G = VᵀV and, with the notebooks' outside step, updates its per-coordinate state and
 * gives Vᵀu; then the model, the step rule and the orthonormalisation of the next basis are k×k work
 * ({@link BasisRotation}); the applying pass moves θ (inside and outside the subspace at once) and writes the next
 * basis. The same step, state and arithmetic as the general path of {@link OgrOptimizer} in its order of operations:
 * observe, step in the current basis, then rotate, telling the tracker T = V′ᵀV first.
 */
final class SubspaceStep {

    private final GradientRotation rotation;
    private final ProjectedTracker projected;
    private final AverageTracker tracker;
    private final StepRule stepRule;
    private final OutsideRowHooks outside;
    private final boolean descent;
    private final int k;
    private final SubspaceKernel kernel;
    private final BasisRotation plan;
    private final Vec basisVectors;
    private final Vec thetaV;
    private final INDArray delta;
    private final Vec deltaV;
    private final double[] move;
    private final double[] coefficients;
    private final double[] b;
    private final SubspaceKernel.RowHook observeHook;
    private final SubspaceKernel.RowHook stepHook;
    private final MomentumModel momentumModel;
    private INDArray seenGradient;
    private Vec gradientV;

    private SubspaceStep(GradientRotation rotation, ProjectedTracker projected, AverageTracker tracker,
            StepRule stepRule, OutsideRowHooks outside, boolean descent, MomentumModel momentumModel, Vec basisVectors,
            INDArray theta, INDArray delta) {
        this.momentumModel = momentumModel;
        this.rotation = rotation;
        this.projected = projected;
        this.tracker = tracker;
        this.stepRule = stepRule;
        this.outside = outside;
        this.descent = descent;
        this.k = (int) delta.length();
        this.basisVectors = basisVectors;
        this.thetaV = Vec.of(theta.reshape(theta.length()));
        this.delta = delta;
        this.deltaV = Vec.of(delta);
        kernel = new SubspaceKernel(theta.length(), k, outside == null ? 0 : 2, true);
        plan = new BasisRotation(k);
        move = new double[k];
        coefficients = new double[k];
        b = new double[k];
        observeHook = outside == null ? null : outside.observeHook();
        stepHook = outside == null ? null : outside.stepHook();
    }

    /**
     * The fused step for this composition, or null when it does not apply (the general path then runs): a direction
     * that rotates by a gradient rule, and a tracker that observes projections.
     */
    static SubspaceStep of(DirectionProvider direction, AverageTracker tracker, StepRule stepRule, OutsideRowHooks outside,
            boolean descent, MomentumModel momentumModel, INDArray theta, INDArray delta) {
        if (!(direction instanceof GradientRotation rotation) || !(tracker instanceof ProjectedTracker projected)
                || !projected.projects()) {
            return null;
        }
        INDArray vectors = rotation.basisVectors();
        Vec basis = SubspaceKernel.vectorsOf(vectors);
        if (basis == null || vectors.columns() != theta.length() || vectors.rows() != delta.length()) {
            return null;
        }
        return new SubspaceStep(rotation, projected, tracker, stepRule, outside, descent, momentumModel, basis, theta,
                delta);
    }

    /**
     * Whether {@link #keepNextStep} applies: θ and the basis are of one type, so the applying pass stores the values
     * it computes.
     */
    boolean keepsStep() {
        return basisVectors.holdsFloats() == thetaV.holdsFloats();
    }

    /**
     * Makes the next step's applying pass also write θ before the step into {@code before} and θ_new − θ_old into
     * {@code displacement} (see {@link SubspaceKernel#keepStep}).
     */
    void keepNextStep(Vec before, Vec displacement) {
        kernel.keepStep(before, displacement);
    }

    /**
     * Moves θ by one step from the gradient {@code g} at learning rate {@code eta} (a first-order step −η·g during
     * warm-up), then rotates the basis; true for a model step.
     */
    boolean step(double eta, INDArray g, boolean warm) {
        if (g != seenGradient) {
            seenGradient = g;
            gradientV = Vec.of(g.reshape(g.length()));
        }
        if (outside != null) {
            outside.learningRate(eta);
        }
        kernel.measure(basisVectors, thetaV, gradientV, observeHook);
        double[] y = kernel.gradients();
        projected.observeProjections(kernel.positions(), y);

        double[] c = null;
        double scale = 0;
        SubspaceKernel.RowHook hook = null;
        boolean modelStep = !warm;
        if (warm) {
            scale = -eta;
        } else {
            RegressionModel model = tracker.model();
            // inside=momentum: the outside step's hook measured Vᵀm of the momentum just updated
            stepRule.step(momentumModel == null ? model : momentumModel.wrap(model, kernel.extra(1)), eta, delta);
            for (int j = 0; j < k; j++) {
                move[j] = deltaV.get(j) + (descent ? eta * model.gradient(j) : 0);
            }
            c = Execution.inBasis(model.rotation(), move, coefficients, k);
            if (descent) {
                scale = -eta;
            } else if (outside != null) {
                hook = stepHook;
            }
        }
        boolean rotates = rotation.rotationCoefficients(y, kernel.squaredNorm(), b)
                && plan.plan(kernel.gram(), y, kernel.squaredNorm(), b);
        if (rotates) {
            projected.rotateBasis(plan.transition());
        }
        kernel.apply(basisVectors, thetaV, gradientV, c, scale, hook, hook == null ? null : kernel.extra(0),
                rotates ? plan.rowTransform() : null, plan.gradientRow(), basisVectors);
        return modelStep;
    }
}
