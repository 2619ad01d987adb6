package dev.ogr.core.exec;

import dev.ogr.api.block.NormalisedMomentum;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.api.AverageTracker;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StepRule;
import dev.ogr.api.block.CentredTracker;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Vec;
import dev.ogr.api.block.ProjectedTracker;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One model step along paper 1's normalised momentum ({@link NormalisedMomentum}: {@code ogr1d}, {@code ogr1ds},
 * {@code ogr1dc}) in two passes over memory, when the tracker observes projections ({@link ProjectedTracker}) or
 * projections from a centre it keeps ({@link CentredTracker}) and the arrays are in host memory: the measuring pass
 * reads θ, v̂, g and v (and the centre) once for x = θ·v̂ (or (θ − c)·v̂), y = g·v̂ and the norm of the next momentum;
 * the regression, the step rule and the rotation of the averages are scalar work; the applying pass writes v, θ and
 * v̂ (and moves the centre to θ, summing the shift of the averages). The general path of {@link OgrOptimizer} takes
 * seven passes for the same step (the finiteness check, accumulate, two dot products, the move, the norm, the
 * normalisation and its copy; four more with a centre); here the measuring pass is also the finiteness check. The
 * order of operations is the general path's: accumulate, observe along the current v̂, step, then rotate (telling
 * the tracker T = v̂′·v̂ first, or moving the centre), and the elementwise arithmetic is the same, so only the
 * rounding of the sums differs (they are summed in blocks, in float for float data, then in double).
 */
final class MomentumStep {

    private final NormalisedMomentum direction;
    private final ProjectedTracker projected;
    private final CentredTracker centred;
    private final AverageTracker tracker;
    private final StepRule stepRule;
    private final boolean descent;
    private final MomentumKernel kernel;
    private final Vec thetaV;
    private final Vec unitV;
    private final Vec momentumV;
    private final Vec centreV;
    private final INDArray delta;
    private final double[] x = new double[1];
    private final double[] y = new double[1];
    private final double[] transition = new double[1];
    private final double[] shift = new double[1];

    private MomentumStep(NormalisedMomentum direction, ProjectedTracker projected, CentredTracker centred,
            AverageTracker tracker, StepRule stepRule, boolean descent, INDArray theta, INDArray delta) {
        this.direction = direction;
        this.projected = projected;
        this.centred = centred;
        this.tracker = tracker;
        this.stepRule = stepRule;
        this.descent = descent;
        this.delta = delta;
        this.kernel = new MomentumKernel((int) theta.length());
        this.thetaV = Vec.of(theta);
        this.unitV = Vec.of(direction.unitDirection());
        this.momentumV = Vec.of(direction.momentumVector());
        this.centreV = centred == null ? null : Vec.of(centred.centre());
    }

    /**
     * The two-pass step for this composition, or null when it does not apply (the general path then runs): a normalised
     * momentum direction, a tracker that observes projections (from a centre or not), the optimizer's own descent
     * outside the direction (or none), and θ and the direction's (and centre's) arrays in host memory, of θ's type.
     */
    static MomentumStep of(DirectionProvider direction, AverageTracker tracker, StepRule stepRule, boolean descent,
            INDArray theta, INDArray delta) {
        if (!(direction instanceof NormalisedMomentum momentum) || delta.length() != 1) {
            return null;
        }
        ProjectedTracker projected = tracker instanceof ProjectedTracker p && p.projects() ? p : null;
        CentredTracker centred = projected == null && tracker instanceof CentredTracker c && c.centre() != null ? c
                : null;
        if (projected == null && centred == null) {
            return null;
        }
        if (!Kernels.direct(theta) || !likeTheta(momentum.momentumVector(), theta)
                || !likeTheta(momentum.unitDirection(), theta) || centred != null && !likeTheta(centred.centre(), theta)) {
            return null;
        }
        return new MomentumStep(momentum, projected, centred, tracker, stepRule, descent, theta,
                delta);
    }

    /** Whether {@code a} is a vector in host memory of θ's length and type. */
    private static boolean likeTheta(INDArray a, INDArray theta) {
        return Kernels.direct(a) && a.length() == theta.length() && a.dataType() == theta.dataType();
    }

    /**
     * Takes a model step from the gradient {@code g} (its element view, of θ's type) at learning rate {@code eta},
     * writing θ_old − θ_new to {@code update} when it is not null (it may be {@code g}).
     *
     * @return false, with nothing changed, when {@code g} has a NaN or infinite entry
     */
    boolean step(double eta, Vec g, Vec update) {
        kernel.measure(thetaV, unitV, g, momentumV, centreV, direction.momentumCoefficient());
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
        if (centred != null) {
            centred.observeCentred(x, y);
        } else {
            projected.observeProjections(x, y);
        }
        RegressionModel model = tracker.model();
        stepRule.step(model, eta, delta);
        double move = delta.getDouble(0) + (descent ? eta * model.gradient(0) : 0);
        double[][] rotation = model.rotation();
        if (rotation != null) { // the model coordinate is the eigen-direction v̂·U[0][0]
            move = rotation[0][0] * move;
        }
        double norm = Math.sqrt(squaredNorm);
        double scale = Double.NaN; // keep v̂ while the momentum has no direction
        boolean rotates = norm > 0 && Double.isFinite(norm);
        if (rotates && projected != null) {
            transition[0] = kernel.nextAlong() / norm;
            projected.rotateBasis(transition);
        }
        if (rotates) {
            scale = 1 / norm;
        }
        kernel.apply(move, descent ? eta : 0, scale, update);
        if (rotates && centred != null) { // the applying pass moved the centre to θ
            shift[0] = kernel.shift();
            centred.centreMoved(shift);
        }
        return true;
    }
}
