package dev.ogr.core.exec;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StepRule;
import dev.ogr.api.block.CentredTracker;
import dev.ogr.api.block.ProjectedTracker;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The scalar half of a model step along the normalised momentum, the same in its fused form ({@link MomentumStep})
 * and its array-op form ({@link ArrayMomentumStep}): the tracker observes θ and g along v̂ (as projections, or from
 * its centre), the step rule gives the move along v̂, and the tracker's basis turns to the next direction. The two
 * forms differ only in how they compute the sums and move the vectors.
 */
final class MomentumRegression {

    /** The tracker when it observes projections, else null. */
    final ProjectedTracker projected;
    /** The tracker when it observes from a centre, else null. */
    final CentredTracker centred;
    private final AverageTracker tracker;
    private final StepRule stepRule;
    private final boolean descent;
    private final INDArray delta;
    private final double[] x = new double[1];
    private final double[] y = new double[1];
    private final double[] transition = new double[1];
    private final double[] shift = new double[1];

    private MomentumRegression(ProjectedTracker projected, CentredTracker centred, AverageTracker tracker,
            StepRule stepRule, boolean descent, INDArray delta) {
        this.projected = projected;
        this.centred = centred;
        this.tracker = tracker;
        this.stepRule = stepRule;
        this.descent = descent;
        this.delta = delta;
    }

    /**
     * The regression of {@code tracker} with {@code stepRule} writing its one-coordinate step into {@code delta}, or
     * null when the tracker neither observes projections nor has a centre (or {@code delta} is not one coordinate).
     */
    static MomentumRegression of(AverageTracker tracker, StepRule stepRule, boolean descent, INDArray delta) {
        if (delta.length() != 1) {
            return null;
        }
        ProjectedTracker projected = tracker instanceof ProjectedTracker p && p.projects() ? p : null;
        CentredTracker centred = projected == null && tracker instanceof CentredTracker c && c.centre() != null ? c
                : null;
        return projected == null && centred == null ? null
                : new MomentumRegression(projected, centred, tracker, stepRule, descent, delta);
    }

    /** Whether the optimizer's own descent −η·g is applied outside the direction. */
    boolean descent() {
        return descent;
    }

    /**
     * Observes θ's coordinate {@code position} and g's {@code along} v̂ and returns the move along v̂ the step rule
     * takes at rate {@code eta} (the descent's component along v̂ added back, as it is applied on its own).
     */
    double move(double position, double along, double eta) {
        x[0] = position;
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
        return move;
    }

    /**
     * The norm of the next momentum (of squared norm {@code squaredNorm}) when the direction turns to it, turning a
     * projecting tracker's basis by v̂′·v̂ ({@code nextAlong}/norm); NaN when it does not turn (the momentum is 0 or
     * not finite: v̂ is kept).
     */
    double turn(double squaredNorm, double nextAlong) {
        double norm = Math.sqrt(squaredNorm);
        if (!(norm > 0 && Double.isFinite(norm))) {
            return Double.NaN;
        }
        if (projected != null) {
            transition[0] = nextAlong / norm;
            projected.rotateBasis(transition);
        }
        return norm;
    }

    /** Tells a centred tracker that its centre moved to θ, by {@code along} along the direction before it turned. */
    void centreMoved(double along) {
        if (centred != null) {
            shift[0] = along;
            centred.centreMoved(shift);
        }
    }
}
