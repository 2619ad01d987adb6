package dev.ogr.core;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StepRule;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Vec;
import dev.ogr.core.subspace.ProjectedTracker;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One model step along paper 1's normalised momentum ({@link NormalisedMomentum}, e.g. {@code ogr1d}, {@code ogr1ds})
 * in two passes over memory, when the tracker observes projections ({@link ProjectedTracker}) and the arrays are in
 * host memory: the measuring pass reads θ, v̂, g and v once for x = θ·v̂, y = g·v̂ and the norm of the next momentum;
 * the regression, the step rule and the rotation of the averages are scalar work; the applying pass writes v, θ and
 * v̂. The general path of {@link OgrOptimizer} takes six passes for the same step (accumulate, two dot products, the
 * move, the norm, the normalisation). The order of operations is the general path's: accumulate, observe along the
 * current v̂, step, then rotate (telling the tracker T = v̂′·v̂ first), and the elementwise arithmetic is the same, so
 * only the rounding of the sums differs (they are summed in blocks, in float for float data, then in double).
 */
final class MomentumStep {

    private final NormalisedMomentum direction;
    private final ProjectedTracker projected;
    private final AverageTracker tracker;
    private final StepRule stepRule;
    private final boolean descent;
    private final MomentumKernel kernel;
    private final Vec thetaV;
    private final Vec unitV;
    private final Vec momentumV;
    private final INDArray delta;
    private final double[] x = new double[1];
    private final double[] y = new double[1];
    private final double[] transition = new double[1];

    private MomentumStep(NormalisedMomentum direction, ProjectedTracker projected, AverageTracker tracker,
            StepRule stepRule, boolean descent, INDArray theta, INDArray delta) {
        this.direction = direction;
        this.projected = projected;
        this.tracker = tracker;
        this.stepRule = stepRule;
        this.descent = descent;
        this.delta = delta;
        this.kernel = new MomentumKernel((int) theta.length());
        this.thetaV = Vec.of(theta);
        this.unitV = Vec.of(direction.unitDirection());
        this.momentumV = Vec.of(direction.momentumVector());
    }

    /**
     * The two-pass step for this composition, or null when it does not apply (the general path then runs): a normalised
     * momentum direction, a tracker that observes projections, the optimizer's own descent outside the direction (or
     * none), and θ and the direction's arrays in host memory, all of θ's type.
     */
    static MomentumStep of(DirectionProvider direction, AverageTracker tracker, StepRule stepRule, OutsideStep outside,
            String orthogonal, MomentumModel momentumModel, INDArray theta, INDArray delta) {
        if (!(direction instanceof NormalisedMomentum momentum) || !(tracker instanceof ProjectedTracker projected)
                || !projected.projects() || outside != null || momentumModel != null || delta.length() != 1
                || !(orthogonal.equals("descent") || orthogonal.equals("none"))) {
            return null;
        }
        INDArray v = momentum.momentumVector();
        INDArray u = momentum.unitDirection();
        if (!Kernels.direct(theta) || !Kernels.direct(v) || !Kernels.direct(u) || v.length() != theta.length()
                || u.length() != theta.length() || v.dataType() != theta.dataType()
                || u.dataType() != theta.dataType()) {
            return null;
        }
        return new MomentumStep(momentum, projected, tracker, stepRule, orthogonal.equals("descent"), theta, delta);
    }

    /**
     * Takes a model step from the gradient {@code g} (its element view, of θ's type) at learning rate {@code eta},
     * writing θ_old − θ_new to {@code update} when it is not null (it may be {@code g}).
     *
     * @return false, with nothing changed, when {@code g} has a NaN or infinite entry
     */
    boolean step(double eta, Vec g, Vec update) {
        kernel.measure(thetaV, unitV, g, momentumV, direction.momentumCoefficient());
        double along = kernel.gradientAlong();
        double squaredNorm = kernel.nextSquaredNorm();
        // a NaN or infinite entry of g makes g·v̂ NaN or infinite (v̂ is a finite unit vector); sums that overflowed
        // from finite entries are told apart by the exact check
        if (!(Double.isFinite(along) && Double.isFinite(kernel.position()) && Double.isFinite(squaredNorm)
                && Double.isFinite(kernel.nextAlong())) && !g.allFinite()) {
            return false;
        }
        x[0] = kernel.position();
        y[0] = along;
        projected.observeProjections(x, y);
        RegressionModel model = tracker.model();
        stepRule.step(model, eta, delta);
        double move = delta.getDouble(0) + (descent ? eta * model.gradient(0) : 0);
        double[][] rotation = model.rotation();
        if (rotation != null) { // the model coordinate is the eigen-direction v̂·U[0][0]
            move = rotation[0][0] * move;
        }
        double norm = Math.sqrt(squaredNorm);
        double scale = Double.NaN; // keep v̂ while the momentum has no direction
        if (norm > 0 && Double.isFinite(norm)) {
            transition[0] = kernel.nextAlong() / norm;
            projected.rotateBasis(transition);
            scale = 1 / norm;
        }
        kernel.apply(move, descent ? eta : 0, scale, update);
        return true;
    }
}
