package dev.ogr.core.exec;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.StepRule;
import dev.ogr.api.StrategyState;
import dev.ogr.api.array.ArrayOps;
import dev.ogr.api.block.CentredTracker;
import dev.ogr.api.block.NormalisedMomentum;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One model step along paper 1's normalised momentum ({@code ogr1d}, {@code ogr1dc}, {@code ogr1ds}) as whole-array
 * ND4J ops on the arrays where they live: the array-op form of {@link MomentumStep}, for backends other than the
 * CPU's and {@code OGR_KERNELS=nd4j}. The step, in the fused step's order:
 *
 * <ol>
 *   <li>v ← γ·v + g in place (one axpy op; the optimizer has already checked g's finiteness, so nothing has to be
 *       refused after this);</li>
 *   <li>the four sums of the 1-D regression as reductions, each into a one-element array made once: x = θ·v̂ (with a
 *       centre c, x = (θ − c)·v̂ after one subtraction into a scratch array), y = g·v̂, q = ‖v‖² and r = v·v̂; the
 *       four scalars are then read on the host;</li>
 *   <li>the observation, the regression model, the step rule and the rotation of the averages (T = r/√q) on the
 *       host, as in the fused step;</li>
 *   <li>θ ← θ + c·v̂ − η·g (two axpy ops; two more, a copy and a subtraction, when θ_old − θ_new is asked for); with
 *       a centre and a direction that turns, Δ = (θ − c)·v̂ (a subtraction and a reduction, one host scalar) and
 *       c ← θ (a copy); and v̂ ← v/√q (one scale op) unless v is 0 or not finite, when v̂ is kept.</li>
 * </ol>
 *
 * <p>ND4J 1.0.0-M2 has no call that runs several reductions over different pairs of operands at once, and a single
 * matrix product would need θ, g and v copied into one stacked matrix first (a pass over memory for each), so the
 * sums are four reduction calls; no element of a vector is read or written from Java and nothing is allocated per
 * step. Only the rounding of the sums and the order of the two additions to θ differ from the fused step.
 */
public final class ArrayMomentumStep {

    private final NormalisedMomentum direction;
    private final MomentumRegression regression;
    private final CentredTracker centred;
    private final boolean descent;
    private final INDArray theta;
    private final INDArray momentum;
    private final INDArray unit;
    private final INDArray centre;
    private final INDArray difference;
    private final StrategyState.Allocator allocator;
    private final UpdateOutput output;
    private final INDArray positionSum;
    private final INDArray gradientSum;
    private final INDArray normSum;
    private final INDArray alongSum;
    private final INDArray shiftSum;
    private INDArray seenGradient;
    private INDArray gradient;

    private ArrayMomentumStep(NormalisedMomentum direction, MomentumRegression regression, INDArray theta,
            StrategyState.Allocator allocator) {
        this.direction = direction;
        this.regression = regression;
        this.centred = regression.centred;
        this.descent = regression.descent();
        this.allocator = allocator;
        this.output = new UpdateOutput(allocator);
        long n = theta.length();
        this.theta = theta.reshape(n);
        this.momentum = direction.momentumVector().reshape(n);
        this.unit = direction.unitDirection().reshape(n);
        this.centre = centred == null ? null : centred.centre().reshape(n);
        this.difference = centred == null ? null : allocator.scratch(theta.dataType(), n);
        this.positionSum = allocator.scratch(DataType.DOUBLE, 1);
        this.gradientSum = allocator.scratch(DataType.DOUBLE, 1);
        this.normSum = allocator.scratch(DataType.DOUBLE, 1);
        this.alongSum = allocator.scratch(DataType.DOUBLE, 1);
        this.shiftSum = centred == null ? null : allocator.scratch(DataType.DOUBLE, 1);
    }

    /**
     * The array-op momentum step for this composition, or null when it does not apply: a normalised momentum
     * direction, a tracker that observes projections (from a centre or not), the optimizer's own descent outside the
     * direction (or none), and the direction's (and centre's) arrays as long as θ and of its type. The arrays may
     * live anywhere.
     */
    static ArrayMomentumStep of(DirectionProvider direction, AverageTracker tracker, StepRule stepRule,
            boolean descent, INDArray theta, INDArray delta, StrategyState.Allocator allocator) {
        MomentumRegression regression = MomentumRegression.of(tracker, stepRule, descent, delta);
        if (!(direction instanceof NormalisedMomentum momentum) || regression == null) {
            return null;
        }
        CentredTracker centred = regression.centred;
        if (!likeTheta(momentum.momentumVector(), theta) || !likeTheta(momentum.unitDirection(), theta)
                || centred != null && !likeTheta(centred.centre(), theta)) {
            return null;
        }
        return new ArrayMomentumStep(momentum, regression, theta, allocator);
    }

    /** Whether {@code a} is a contiguous vector of θ's length and type (so that its flat view is a view). */
    private static boolean likeTheta(INDArray a, INDArray theta) {
        return a.length() == theta.length() && a.dataType() == theta.dataType() && a.isVectorOrScalar()
                && a.elementWiseStride() == 1;
    }

    /**
     * The ND4J op calls of one step without an update output when the direction turns: 8 with plain averages and the
     * optimizer's descent outside the direction ({@code ogr1d}, {@code ogr1ds}), 12 with a centre ({@code ogr1dc}),
     * one less without the descent (in a step whose momentum is 0 or not finite: one less, with a centre four less).
     */
    public int declaredOps() {
        return 7 + (descent ? 1 : 0) + (centred == null ? 0 : 4);
    }

    /**
     * Takes a model step from the finite gradient {@code g} at learning rate {@code eta}, writing θ_old − θ_new to
     * {@code update} when it is not null (it may be {@code g}).
     */
    public void step(double eta, INDArray g, INDArray update) {
        if (g != seenGradient) {
            seenGradient = g;
            gradient = g.reshape(g.length());
        }
        output.begin(theta, update);
        // v ← γ·v + g (the fused step's w), then the sums
        ArrayOps.axpy(direction.momentumCoefficient(), momentum, gradient, momentum);
        if (centre != null) {
            ArrayOps.sub(theta, centre, difference);
            Nd4j.exec(new Dot(difference, unit, positionSum));
        } else {
            Nd4j.exec(new Dot(theta, unit, positionSum));
        }
        Nd4j.exec(new Dot(gradient, unit, gradientSum));
        Nd4j.exec(new SquaredNorm(momentum, normSum));
        Nd4j.exec(new Dot(momentum, unit, alongSum));
        double squaredNorm = normSum.getDouble(0);
        double nextAlong = alongSum.getDouble(0);
        double move = regression.move(positionSum.getDouble(0), gradientSum.getDouble(0), eta);
        double norm = regression.turn(squaredNorm, nextAlong);
        boolean rotates = !Double.isNaN(norm);

        ArrayOps.axpy(move, unit, theta, theta);
        if (descent) {
            ArrayOps.axpy(-eta, gradient, theta, theta);
        }
        output.finish(theta);
        if (rotates && centre != null) { // Δ along the direction before it turns, then c ← θ
            ArrayOps.sub(theta, centre, difference);
            Nd4j.exec(new Dot(difference, unit, shiftSum));
            centre.assign(theta);
        }
        if (rotates) {
            ArrayOps.scale(1 / norm, momentum, unit);
        }
        if (rotates && centred != null) {
            regression.centreMoved(shiftSum.getDouble(0));
        }
    }
}
