package dev.ogr.core.exec;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.ConfigurationException;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.NonFiniteException;
import dev.ogr.api.OutsideRule;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StepRule;
import dev.ogr.api.StrategyState;
import dev.ogr.api.array.ArrayKernel;
import dev.ogr.api.array.ArrayStatistics;
import dev.ogr.api.block.CoordinateKernel;
import dev.ogr.api.block.CoordinateStatistics;
import dev.ogr.core.Vectors;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Vec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How one step of a composition runs: the one place that chooses, once, from what the strategies declare, between
 * the fused coordinate pass ({@link FusedCoordinatePass}: a step rule's {@link CoordinateKernel} and a tracker's
 * {@link CoordinateStatistics}, parameters in host memory), the two-pass step along a normalised momentum
 * ({@link MomentumStep}) or its array-op form ({@link ArrayMomentumStep}), the two-pass subspace step
 * ({@link SubspaceStep}) or its array-op form ({@link ArraySubspaceStep}), and the general path of the strategies' own
 * methods, which is the reference the others are tested against; and that runs it. The model's rotation U (the
 * eigenbasis of a full subspace model) is applied here, in {@link #applyModelStep}, for the general path. See
 * docs/architecture.md.
 */
public final class Execution {

    private final DirectionProvider direction;
    private final AverageTracker tracker;
    private final StepRule stepRule;
    private final ModelLayout layout;
    private final long warmup;
    private final boolean orthogonalDescent;
    // the outside rule when it takes steps of its own (form OWN), else null
    private final OutsideRule outside;
    private final INDArray theta;
    private final INDArray delta;
    private final FusedCoordinatePass fused;
    // the last advance's ‖update‖² where its pass summed it, else NaN
    private double updateSquaredNorm = Double.NaN;
    private final ArrayCoordinatePass arrays;
    private final Vec thetaVec;
    private final SubspaceStep subspace;
    private final MomentumStep momentumStep;
    private final ArrayMomentumStep arrayMomentum;
    private final ArraySubspaceStep arraySubspace;
    // the general path's move of a GradientRotation basis, done by the core (else the direction's own rotate)
    private final BasisTurn turn;
    // With inside=momentum: the model seen by the step rule, and Vᵀm.
    private final MomentumModel momentumModel;
    private final double[] basisMomentum;
    private final INDArray insideGradient;
    private final double[] moves;
    private final double[] rotatedMoves;

    /**
     * The execution of a composition at θ. {@code direction}, {@code tracker}, {@code stepRule}, {@code outsideRule},
     * {@code layout} and {@code delta} are null for plain first-order descent; the strategies are already initialised.
     *
     * @throws ConfigurationException if the outside rule takes steps of its own but nothing is outside the model
     */
    public Execution(DirectionProvider direction, AverageTracker tracker, StepRule stepRule, OutsideRule outsideRule,
            ModelLayout layout, long warmup, INDArray theta, INDArray delta) {
        this(direction, tracker, stepRule, outsideRule, layout, warmup, theta, delta, StrategyState.Allocator.ZEROS);
    }

    /**
     * As the constructor above, with the scratch arrays of the array-op path ({@link ArrayCoordinatePass}) taken from
     * {@code allocator}'s {@link StrategyState.Allocator#scratch}.
     *
     * @throws ConfigurationException if the outside rule takes steps of its own but nothing is outside the model
     */
    public Execution(DirectionProvider direction, AverageTracker tracker, StepRule stepRule, OutsideRule outsideRule,
            ModelLayout layout, long warmup, INDArray theta, INDArray delta, StrategyState.Allocator allocator) {
        this.direction = direction;
        this.tracker = tracker;
        this.stepRule = stepRule;
        this.layout = layout;
        this.warmup = warmup;
        this.theta = theta;
        this.delta = delta;
        OutsideRule.Form form = outsideRule == null ? OutsideRule.Form.NONE : outsideRule.form();
        this.orthogonalDescent = form == OutsideRule.Form.DESCENT;
        this.outside = form == OutsideRule.Form.OWN ? outsideRule : null;
        if (outside != null && layout.geometry() == Geometry.COORDINATES) {
            throw new ConfigurationException("outside=" + outsideRule + " needs a momentum or subspace direction:"
                    + " direction '" + direction + "' models every coordinate, nothing is outside");
        }
        INDArray inside = outside == null ? null : outside.insideGradient();
        this.momentumModel = inside != null ? new MomentumModel((int) layout.rank()) : null;
        this.basisMomentum = inside != null ? new double[(int) layout.rank()] : null;
        this.insideGradient = inside;
        OutsideRowHooks hooks = outside instanceof OutsideRowHooks h ? h : null;

        CoordinateKernel kernel = layout != null && layout.geometry() == Geometry.COORDINATES
                ? stepRule.coordinateKernel() : null;
        CoordinateStatistics statistics = kernel != null ? tracker.coordinateStatistics() : null;
        arrays = arrayPass(stepRule, tracker, kernel, layout, theta, allocator);
        boolean fusable = arrays == null && kernel != null && statistics != null && Kernels.direct(theta)
                && Kernels.direct(delta);
        fused = fusable ? new FusedCoordinatePass(kernel, statistics) : null;
        thetaVec = fusable ? Vec.of(theta) : null;
        int small = layout != null && layout.geometry() != Geometry.COORDINATES ? (int) layout.rank() : 0;
        moves = new double[small];
        rotatedMoves = new double[small];
        // the two-pass steps run the outside rule through its row hooks, so one of its own needs them
        boolean arrayOps = Kernels.program() == Kernels.Program.ARRAYS;
        ArrayNotebookOutside arrayOutside = outside instanceof ArrayNotebookOutside a ? a : null;
        arraySubspace = small > 0 && (outside == null || arrayOutside != null) && arrayOps ? ArraySubspaceStep.of(
                direction, tracker, stepRule, orthogonalDescent, arrayOutside, momentumModel, theta, delta, allocator)
                : null;
        subspace = small > 0 && arraySubspace == null && (outside == null || hooks != null) ? SubspaceStep.of(direction,
                tracker, stepRule, hooks, orthogonalDescent, momentumModel, theta, delta) : null;
        arrayMomentum = small == 1 && outside == null && arrayOps ? ArrayMomentumStep.of(direction, tracker,
                stepRule, orthogonalDescent, theta, delta, allocator) : null;
        momentumStep = small == 1 && outside == null && !arrayOps ? MomentumStep.of(direction, tracker, stepRule,
                orthogonalDescent, theta, delta) : null;
        turn = small > 0 && subspace == null && arraySubspace == null ? BasisTurn.of(direction, direction.basis(), theta) : null;
    }

    /**
     * The array-op path of a coordinate-wise composition when {@link Kernels#program()} asks for it: the step rule's
     * and the tracker's array forms, or, for a rule with only the block form, the staged fallback; null when the
     * tracker has no array form (then the fused pass or the general path runs).
     */
    private static ArrayCoordinatePass arrayPass(StepRule stepRule, AverageTracker tracker, CoordinateKernel kernel,
            ModelLayout layout, INDArray theta, StrategyState.Allocator allocator) {
        if (layout == null || layout.geometry() != Geometry.COORDINATES
                || Kernels.program() != Kernels.Program.ARRAYS) {
            return null;
        }
        ArrayStatistics statistics = tracker.arrayStatistics();
        if (statistics == null) {
            return null;
        }
        ArrayKernel program = stepRule.arrayKernel();
        if (program != null && (!program.readsStatistics() || statistics.keepsStatistics())) {
            return ArrayCoordinatePass.of(program, statistics, theta, allocator);
        }
        return kernel != null ? ArrayCoordinatePass.staged(stepRule, kernel, statistics, theta, allocator) : null;
    }

    /**
     * Whether steps run as whole-array ND4J ops: {@link ArrayCoordinatePass} (an array-op program or staged), the
     * array-op momentum step ({@link ArrayMomentumStep}) or the array-op subspace step ({@link ArraySubspaceStep}).
     */
    public boolean arrayProgram() {
        return arrays != null || arrayMomentum != null || arraySubspace != null;
    }

    /** The coordinate-wise array-op path, or null when steps do not run on it. */
    public ArrayCoordinatePass arrayPass() {
        return arrays;
    }

    /** The array-op momentum step, or null when model steps do not run on it. */
    public ArrayMomentumStep arrayMomentum() {
        return arrayMomentum;
    }

    /** Whether the array-op path runs a block kernel through the staged fallback. */
    public boolean stagedFallback() {
        return arrays != null && arrays.stagedFallback();
    }

    /**
     * The ND4J op calls of one model step on the array-op path as its parts declare them (the update output and the
     * caller's finiteness check not counted), or -1 when not on it or undeclared.
     */
    public int declaredArrayOps() {
        if (arrayMomentum != null) {
            return arrayMomentum.declaredOps();
        }
        if (arraySubspace != null) {
            return arraySubspace.declaredOps();
        }
        return arrays == null ? -1 : arrays.declaredOps();
    }

    /** Whether steps run as one fused pass over memory (coordinate-wise recipes on the CPU backend). */
    public boolean fused() {
        return fused != null;
    }

    /** Whether the fused pass's float steps run in the Vector API over host memory ({@link DirectFloatKernel}). */
    public boolean directFloats() {
        return fused != null && fused.direct(theta.length());
    }

    /** Whether steps of this subspace model run in two passes over memory ({@link SubspaceStep}). */
    public boolean twoPassSubspace() {
        return subspace != null;
    }

    /** Whether model steps along a normalised momentum run in two passes over memory ({@link MomentumStep}). */
    public boolean twoPassMomentum() {
        return momentumStep != null;
    }

    /** Whether the step reads the gradient through an element view ({@link #advance}'s {@code gv}). */
    public boolean readsViews() {
        return fused != null || momentumStep != null;
    }

    /**
     * Whether step {@code t} runs a pass that writes the update output itself and checks the gradient's finiteness
     * on the way (the momentum's measuring pass does; the fused pass needs the caller's check).
     */
    public boolean passes(long t) {
        return t >= warmup && (fused != null || momentumStep != null || arrays != null || arrayMomentum != null
                || arraySubspace != null)
                && direction.ready();
    }

    /**
     * Whether the next {@link #advance} can also write θ before the step and θ_new − θ_old into two vectors
     * ({@link #keepNextStep}), so that a step cap needs neither a copy of θ nor a pass to find the step: the subspace
     * step's applying pass, which reads θ anyway.
     */
    public boolean keepsStep() {
        return subspace != null && subspace.keepsStep();
    }

    /**
     * Makes the next {@link #advance} write θ before the step into {@code before} and θ_new − θ_old into
     * {@code displacement} (vectors of θ's type and length); only when {@link #keepsStep()}.
     */
    public void keepNextStep(Vec before, Vec displacement) {
        subspace.keepNextStep(before, displacement);
    }

    /** Whether step {@code t}'s pass checks the gradient itself (the two-pass momentum step's measuring pass). */
    public boolean checksFiniteness(long t) {
        return passes(t) && momentumStep != null;
    }

    /**
     * ‖θ_old − θ_new‖² of the update output the last {@link #advance} wrote, with the bits of
     * {@link Vectors#squaredNorm(Vec)}, where its pass summed it while writing (the fused float pass in the Vector API
     * on one thread: {@link FusedCoordinatePass#updateSquaredNorm}); NaN where it did not, or where it wrote no update.
     */
    public double updateSquaredNorm() {
        return updateSquaredNorm;
    }

    /**
     * Moves θ by one step from {@code g} (its element view {@code gv} when {@link #readsViews()}); true for a model
     * step. {@code updateVec}, when not null, receives θ_old − θ_new from the pass; only when {@link #passes}.
     *
     * @throws NonFiniteException if the two-pass momentum step finds a NaN or infinite gradient entry (nothing changed)
     */
    public boolean advance(long t, double eta, INDArray g, Vec gv, Vec updateVec) {
        updateSquaredNorm = Double.NaN;
        if (direction == null) {
            Vectors.axpy(-eta, g, theta);
            return false;
        }
        if (momentumStep != null && t >= warmup && direction.ready()) {
            if (!momentumStep.step(eta, gv, updateVec)) {
                throw new NonFiniteException("step " + t + ": the gradient has NaN or infinite entries;"
                        + " the optimizer state is unchanged");
            }
            return true;
        }
        if (arrayMomentum != null && t >= warmup && direction.ready()) {
            arrayMomentum.step(eta, g, updateVec == null ? null : updateVec.array());
            return true;
        }
        direction.accumulate(theta, g);
        if (arraySubspace != null) {
            return arraySubspace.step(eta, g, t < warmup, updateVec == null ? null : updateVec.array());
        }
        if (subspace != null) {
            if (updateVec != null) {
                throw new IllegalStateException("step " + t + ": the update output needs the fused pass");
            }
            return subspace.step(eta, g, t < warmup);
        }
        boolean modelStep = false;
        boolean ready = direction.ready();
        boolean warm = !ready || t < warmup;
        if (arrays != null && !warm) {
            arrays.step(g, eta, updateVec == null ? null : updateVec.array());
            modelStep = true;
        } else if (fused != null && !warm) {
            fused.step(thetaVec, gv, eta, updateVec);
            updateSquaredNorm = updateVec == null ? Double.NaN : fused.updateSquaredNorm();
            modelStep = true;
        } else {
            if (updateVec != null) { // step(gradient, eta, update) asks for the fused pass only when it runs
                throw new IllegalStateException("step " + t + ": the update output needs the fused pass");
            }
            if (ready) {
                tracker.observe(theta, g, direction.basis());
            }
            if (outside != null) {
                outside.observe(theta, g);
            }
            if (warm) {
                Vectors.axpy(-eta, direction.warmupDirection(g), theta);
            } else {
                modelStep = true;
                applyModelStep(eta, g);
            }
        }
        if (turn != null) {
            turn.turn(theta, g, tracker);
        } else {
            direction.rotate(theta, tracker);
        }
        return modelStep;
    }

    /** The general path's model step: δ from the step rule, then θ += V·U·δ and the step outside V. */
    private void applyModelStep(double eta, INDArray g) {
        RegressionModel model = tracker.model();
        if (momentumModel != null && !direction.basis().isCoordinates()) {
            Basis b = direction.basis();
            for (int j = 0; j < basisMomentum.length; j++) {
                basisMomentum[j] = Vectors.dot(insideGradient, b.column(j));
            }
            stepRule.step(momentumModel.wrap(model, basisMomentum), eta, delta);
        } else {
            stepRule.step(model, eta, delta);
        }
        Basis basis = direction.basis();
        if (basis.isCoordinates()) {
            Vectors.axpy(1.0, delta, theta);
            return;
        }
        int k = (int) layout.rank();
        double[] move = moves;
        for (int j = 0; j < k; j++) {
            move[j] = delta.getDouble(j) + (orthogonalDescent ? eta * model.gradient(j) : 0);
        }
        move = inBasis(model.rotation(), move, rotatedMoves, k);
        if (k == 1 && orthogonalDescent) { // one pass: θ ← θ + move·v − η·g
            Vectors.combine(move[0], basis.column(0), -eta, g, 1, theta);
            return;
        }
        for (int j = 0; j < k; j++) {
            Vectors.axpy(move[j], basis.column(j), theta);
        }
        if (orthogonalDescent) {
            Vectors.axpy(-eta, g, theta);
        } else if (outside != null) {
            outside.apply(theta, eta, basis);
        }
    }

    /**
     * The coefficients along the basis V of a move given in model coordinates: U·move when the model reports the
     * rotation U (its coordinates are the eigen-directions V·U[:, i]), written into {@code out}; {@code move} itself
     * when it reports none. The one place the rotation is applied, for the general path and the subspace passes.
     */
    static double[] inBasis(double[][] u, double[] move, double[] out, int k) {
        if (u == null) {
            return move;
        }
        for (int r = 0; r < k; r++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += u[r][c] * move[c];
            }
            out[r] = sum;
        }
        return out;
    }
}
