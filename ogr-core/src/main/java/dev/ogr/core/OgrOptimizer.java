package dev.ogr.core;

import dev.ogr.api.block.NormalisedMomentum;
import dev.ogr.api.AverageTracker;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.Geometry;
import dev.ogr.api.LearnerInput;
import dev.ogr.api.LearningRateLearner;
import dev.ogr.api.LearningRateSchedule;
import dev.ogr.api.LossProbe;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.NonFiniteException;
import dev.ogr.api.Optimizer;
import dev.ogr.api.OutsideRule;
import dev.ogr.api.Parameters;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.Sample;
import dev.ogr.api.StepResult;
import dev.ogr.api.StepRule;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyState;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Vec;
import dev.ogr.core.recipe.ResolvedRecipe;
import dev.ogr.core.exec.Execution;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The optimizer that composes the four strategies into the general model of docs/architecture.md: in the basis V
 * of the direction provider it regresses gradients on positions (average tracker), moves along V by the step
 * rule's displacement, and takes a first-order step −η(g − VVᵀg) in the remaining directions, with η from the
 * learning-rate learner (or, with the outside rule {@code momentum} or {@code dogr}, the notebooks' momentum or blended dOGR step
 * projected off V; or none). Without a direction provider it is plain first-order descent
 * θ ← θ − ηg.
 *
 * <p>One step: the learner chooses η (it may probe the loss); the direction provider accumulates g; if its basis
 * is ready the tracker observes θ and g in it; during warm-up (or before the basis exists) θ moves by
 * −η·(warm-up direction), otherwise by the model step; finally the basis rotates.
 *
 * <p>It holds the composition, the state and the public methods; how a step runs (the fused coordinate pass, the
 * two-pass momentum or subspace step, or the general path of the strategies' own methods, all the same step) is
 * decided once, from what the strategies declare, by its {@link Execution}.
 *
 * <p>All state lives in named arrays ({@link #exportState()}), so a restored optimizer continues bit for bit. A
 * NaN or infinite loss or gradient is rejected before anything changes.
 */
public final class OgrOptimizer implements Optimizer {

    private static final String OPTIMIZER = "optimizer";

    private final String recipe;
    private final DirectionProvider direction;
    private final AverageTracker tracker;
    private final StepRule stepRule;
    private final LearningRateLearner learner;
    private final StepTransforms transforms;
    private final Execution execution;
    // the array-op path's count of non-finite gradient entries (a LONG scalar), else null
    private final INDArray nonFinite;
    // the array-op path's squared length of a step, for the step cap
    private final INDArray squaredLength;

    private final Map<String, StrategyState> states = new LinkedHashMap<>();
    private final StrategyState.Allocator allocator;
    private final INDArray theta;
    private final INDArray stepCounter;
    // The gradient buffer of step(Sample), made on first use: a host that supplies gradients never needs one.
    private INDArray gradient;
    private final INDArray delta;
    private final ModelLayout layout;
    // The last gradient array checked for finiteness and its element view (null off the CPU backend).
    private INDArray checkedGradient;
    private Vec checkedView;
    // Element views of the last gradient and update arrays a host supplied, and θ before a step on the ND4J path.
    private Vec gradientVec;
    private INDArray hostGradient;
    private Vec hostGradientVec;
    private INDArray hostUpdate;
    private Vec hostUpdateVec;
    private INDArray thetaBefore;
    private INDArray displacement;
    // element views of thetaBefore and displacement, for a step that writes them itself (made with them)
    private Vec thetaBeforeVec;
    private Vec displacementVec;
    // the update output of step(Sample) when the step's cap is taken from it
    private INDArray ownUpdate;
    private Vec ownUpdateVec;

    OgrOptimizer(String recipe, DirectionProvider direction, AverageTracker tracker, StepRule stepRule,
            OutsideRule outside, LearningRateLearner learner, long warmup, StepTransforms transforms,
            INDArray initialPoint, StrategyState.Allocator allocator) {
        Objects.requireNonNull(initialPoint, "initialPoint");
        if (initialPoint.length() < 1 || !initialPoint.isVector() && !initialPoint.isScalar()) {
            throw new IllegalArgumentException("the initial point must be a non-empty vector, got shape "
                    + java.util.Arrays.toString(initialPoint.shape()));
        }
        if (!initialPoint.dataType().isFPType()) {
            throw new IllegalArgumentException("parameters must be floating point, got " + initialPoint.dataType());
        }
        this.recipe = recipe;
        this.direction = direction;
        this.tracker = tracker;
        this.stepRule = stepRule;
        this.learner = Objects.requireNonNull(learner, "a learning-rate learner is required");
        this.transforms = Objects.requireNonNull(transforms, "transforms");
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        if (direction != null && (tracker == null || stepRule == null || outside == null)) {
            throw new IllegalArgumentException("a direction provider needs an average tracker, a step rule and an"
                    + " outside rule");
        }

        long dim = initialPoint.length();
        DataType type = initialPoint.dataType();
        StrategyState own = new StrategyState(OPTIMIZER, allocator);
        states.put(OPTIMIZER, own);
        theta = own.create("theta", type, initialPoint.shape());
        theta.assign(initialPoint);
        stepCounter = own.create("step", DataType.LONG, 1);

        if (direction != null) {
            Geometry geometry = direction.geometry();
            long rank = direction.rank(dim);
            layout = new ModelLayout(geometry, dim, rank, type, stepRule.readsCovariance());
            direction.init(dim, type, state(StrategyKind.DIRECTION));
            tracker.init(layout, state(StrategyKind.AVERAGES));
            stepRule.init(layout, state(StrategyKind.STEP));
            outside.init(dim, type, state(StrategyKind.OUTSIDE));
            delta = Nd4j.zeros(geometry == Geometry.COORDINATES ? type : DataType.DOUBLE, rank);
        } else {
            layout = null;
            delta = null;
        }
        learner.init(dim, type, state(StrategyKind.LEARNING_RATE));
        execution = new Execution(direction, tracker, stepRule, direction == null ? null : outside, layout, warmup,
                theta, delta, allocator);
        nonFinite = execution.arrayProgram() ? allocator.scratch(DataType.LONG, 1) : null;
        squaredLength = execution.arrayProgram() ? allocator.scratch(type, 1) : null;
    }

    /**
     * Whether steps run on the array-op path: whole-array ND4J ops where the arrays live (on backends other than the
     * CPU's, or with {@code OGR_KERNELS=nd4j}; docs/gpu.md), an array-op program or the staged fallback.
     */
    public boolean arrayProgram() {
        return execution.arrayProgram();
    }

    /** Whether the array-op path runs a block kernel through the staged fallback (docs/gpu.md). */
    public boolean stagedFallback() {
        return execution.stagedFallback();
    }

    /**
     * The ND4J op calls of one {@link #step(INDArray, double, INDArray)} without an update output on the array-op
     * program: those its strategies declare and, with a step cap ({@code max-step}), the update output (two: θ_old
     * kept, θ_old − θ_new), not counting the two more of a step the cap shortens; -1 when not on the array-op program
     * or undeclared. The finiteness check and the update's length are BLAS calls, not ND4J ops
     * ({@link dev.ogr.api.array.ArrayOps#allFinite}, {@link dev.ogr.api.array.ArrayOps#length}); the check adds one op
     * only on a step whose gradient it refuses or whose sum of |g| overflows.
     */
    public int declaredArrayOps() {
        int ops = execution.declaredArrayOps();
        return ops < 0 ? -1 : ops + (transforms.maxStep() > 0 && transforms.decay() == 0 ? 2 : 0);
    }

    /** Whether steps run as one fused pass over memory (coordinate-wise recipes on the CPU backend). */
    public boolean fused() {
        return execution.fused();
    }

    /**
     * Whether the fused pass's float steps run in the JDK's Vector API directly over host memory
     * ({@link dev.ogr.core.kernel.Kernels#simd(long)} and a step rule and tracker that have that form; docs/performance.md).
     */
    public boolean directFloats() {
        return execution.directFloats();
    }

    /**
     * Whether steps of this subspace model run in two passes over memory (the execution layer's subspace step: a direction that turns
     * by a gradient rule, such as {@code online-pca}, with averages that observe projections: {@code full},
     * {@code plain}, {@code notebook} or {@code dual} of them).
     */
    public boolean twoPassSubspace() {
        return execution.twoPassSubspace();
    }

    /**
     * Whether model steps along a normalised momentum ({@code ogr1d}, {@code ogr1ds}, {@code ogr1dc}) run in two passes
     * over memory (the execution layer's momentum step: a {@link NormalisedMomentum} direction whose tracker observes projections, or
     * projections from a centre it keeps, on the CPU backend).
     */
    public boolean twoPassMomentum() {
        return execution.twoPassMomentum();
    }

    /** Builds the optimizer a resolved recipe describes, starting at {@code initialPoint} (which is copied). */
    public static OgrOptimizer create(ResolvedRecipe recipe, INDArray initialPoint) {
        return create(recipe, initialPoint, StrategyState.Allocator.ZEROS);
    }

    /**
     * Builds the optimizer a resolved recipe describes, starting at {@code initialPoint}, with every state array
     * (θ included, named {@code optimizer/theta}) taken from {@code allocator}: a host that owns the memory of the
     * optimizer state, such as a Deeplearning4j updater's flat state view, supplies views of it.
     */
    public static OgrOptimizer create(ResolvedRecipe recipe, INDArray initialPoint,
            StrategyState.Allocator allocator) {
        Parameters options = recipe.options();
        return new OgrOptimizer(recipe.canonical(),
                recipe.strategy(StrategyKind.DIRECTION).map(s -> s.create(DirectionProvider.class)).orElse(null),
                recipe.strategy(StrategyKind.AVERAGES).map(s -> s.create(AverageTracker.class)).orElse(null),
                recipe.strategy(StrategyKind.STEP).map(s -> s.create(StepRule.class)).orElse(null),
                recipe.strategy(StrategyKind.OUTSIDE).map(s -> s.create(OutsideRule.class)).orElse(null),
                recipe.strategy(StrategyKind.LEARNING_RATE).orElseThrow().create(LearningRateLearner.class),
                options.integer(OptimizerOptions.WARMUP.name()),
                new StepTransforms(recipe.strategy(StrategyKind.SCHEDULE)
                        .map(s -> s.create(LearningRateSchedule.class)).orElse(null),
                        options.real(OptimizerOptions.CLIP_VALUE.name()), options.real(OptimizerOptions.CLIP_NORM.name()),
                        options.real(OptimizerOptions.DECAY.name()), options.real(OptimizerOptions.MAX_STEP.name())),
                initialPoint, allocator);
    }

    /** A builder that composes strategy instances made in Java. */
    public static OgrOptimizerBuilder builder() {
        return new OgrOptimizerBuilder();
    }

    private StrategyState state(StrategyKind kind) {
        StrategyState s = new StrategyState(kind.key(), allocator);
        states.put(kind.key(), s);
        return s;
    }

    @Override
    public INDArray parameters() {
        return theta;
    }

    /**
     * The step rule's {@link StepRule#evaluationPoint()} once a step was taken (Schedule-Free's x, DoG's average),
     * otherwise θ.
     */
    @Override
    public INDArray evaluationPoint() {
        INDArray point = stepRule == null || iteration() == 0 ? null : stepRule.evaluationPoint();
        return point == null ? theta : point.reshape(theta.shape());
    }

    @Override
    public long iteration() {
        return stepCounter.getLong(0);
    }

    /** The model layout, or {@code null} for plain first-order descent. */
    public ModelLayout layout() {
        return layout;
    }

    /** The tracker's current regression model, or {@code null} without a direction provider. */
    public RegressionModel model() {
        return tracker == null ? null : tracker.model();
    }

    @Override
    public StepResult step(Sample sample, LossProbe validation) {
        long t = iteration();
        if (gradient == null) {
            gradient = Nd4j.createUninitialized(theta.dataType(), theta.shape());
            gradientVec = execution.readsViews() ? Vec.of(gradient) : null;
        }
        double loss = sample.lossAndGradient(theta, gradient);
        if (!Double.isFinite(loss)) {
            throw new NonFiniteException("step " + t + ": the loss is " + loss + "; the optimizer state is unchanged");
        }
        if (!finite(gradient)) {
            throw nonFiniteGradient(t);
        }
        transforms.clip(gradient);
        double learned = learner.learningRate(new LearnerInput(t, theta, gradient, loss, sample, validation));
        if (!(learned >= 0) || Double.isInfinite(learned)) {
            throw new IllegalStateException("step " + t + ": learning-rate learner " + learner
                    + " returned " + learned + ", expected a finite value >= 0");
        }
        double eta = transforms.rate(learned, t);
        boolean modelStep;
        if (transforms.maxStep() > 0 && transforms.decay() == 0 && execution.passes(t)) {
            // the pass writes θ_old − θ_new, from which the cap follows without a copy of θ
            ownUpdate();
            modelStep = execution.advance(t, eta, gradient, gradientVec, ownUpdateVec);
            capFromUpdate(ownUpdate);
        } else {
            boolean kept = keepStep();
            if (!kept) {
                rememberTheta();
            }
            modelStep = execution.advance(t, eta, gradient, gradientVec, null);
            afterStep(eta, kept);
        }
        stepCounter.putScalar(0, t + 1);
        return new StepResult(t, loss, eta, modelStep);
    }

    /**
     * Takes one step from a gradient computed elsewhere, with the learning rate {@code eta} chosen by the caller:
     * the recipe's learning-rate learner is not consulted. This is how a host that owns the gradient (a
     * Deeplearning4j updater) drives a recipe whose learner is a fixed rate.
     *
     * @param gradient the gradient at the current parameters, a vector as long as them, of the same type; read only,
     *                 unless it is also {@code update}
     * @param eta      the learning rate, finite and {@code >= 0}
     * @param update   when not null, receives θ before the step minus θ after it (it may be {@code gradient}
     *                 itself: each gradient element is read before it is overwritten)
     * @return the step, with a NaN loss (none was computed)
     * @throws NonFiniteException if the gradient has NaN or infinite entries; nothing is then changed
     */
    public StepResult step(INDArray gradient, double eta, INDArray update) {
        long t = iteration();
        checkHostVector("gradient", gradient);
        if (update != null) {
            checkHostVector("update", update);
        }
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("step " + t + ": learning rate " + eta + ", expected a finite value >= 0");
        }
        boolean passes = execution.passes(t);
        // the momentum's measuring pass finds NaN and infinite entries itself, before it changes anything; clipping
        // must not see them (a clamp would hide a NaN)
        if ((transforms.clips() || !execution.checksFiniteness(t)) && !finite(gradient)) {
            throw nonFiniteGradient(t);
        }
        transforms.clip(gradient);
        eta = transforms.rate(eta, t);
        if (gradient != hostGradient) {
            hostGradient = gradient;
            hostGradientVec = execution.readsViews() ? Vec.of(gradient) : null;
        }
        boolean modelStep;
        if (update == null && passes && transforms.maxStep() > 0 && transforms.decay() == 0) {
            // no update asked for: the cap reads the step's length from the pass's own update, without a copy of θ
            INDArray out = ownUpdate();
            modelStep = execution.advance(t, eta, gradient, hostGradientVec, ownUpdateVec);
            capFromUpdate(out);
        } else if (transforms.actsAfterStep()) {
            // the cap and the decay need θ before the step; the update is then θ_old − θ_new exactly
            boolean kept = keepStep();
            if (!kept) {
                scratchTheta();
                Vectors.copy(theta, thetaBefore);
            }
            modelStep = execution.advance(t, eta, gradient, hostGradientVec, null);
            afterStep(eta, kept);
            if (update != null) {
                Vectors.difference(thetaBefore, theta, update);
            }
        } else if (update == null) {
            modelStep = execution.advance(t, eta, gradient, hostGradientVec, null);
        } else if (passes) {
            // the fused pass (or the momentum's applying pass) writes θ_old − θ_new itself
            if (update != hostUpdate) {
                hostUpdate = update;
                hostUpdateVec = Vec.of(update);
            }
            modelStep = execution.advance(t, eta, gradient, hostGradientVec, hostUpdateVec);
        } else {
            scratchTheta();
            Vectors.copy(theta, thetaBefore);
            modelStep = execution.advance(t, eta, gradient, hostGradientVec, null);
            Vectors.difference(thetaBefore, theta, update);
        }
        stepCounter.putScalar(0, t + 1);
        return new StepResult(t, Double.NaN, eta, modelStep);
    }

    private void scratchTheta() {
        if (thetaBefore == null) {
            thetaBefore = execution.arrayProgram() ? allocator.scratch(theta.dataType(), theta.length()).reshape(
                    theta.shape()) : Nd4j.createUninitialized(theta.dataType(), theta.shape());
        }
    }

    /**
     * With a step cap, has the composition's step write θ before it and the displacement θ_new − θ_old itself when it
     * can (the subspace step's applying pass: no copy of θ, no pass to find the step); true when it will.
     */
    private boolean keepStep() {
        if (transforms.maxStep() <= 0 || !execution.keepsStep()) {
            return false;
        }
        scratchTheta();
        displacement();
        if (thetaBeforeVec == null || thetaBeforeVec.array() != thetaBefore) {
            thetaBeforeVec = Vec.of(thetaBefore);
        }
        execution.keepNextStep(thetaBeforeVec, displacementVec);
        return true;
    }

    private void displacement() {
        if (displacement == null) {
            displacement = Nd4j.createUninitialized(theta.dataType(), theta.shape());
            displacementVec = Vec.of(displacement);
        }
    }

    /** Keeps θ before the step when the step's cap or a decoupled weight decay will need it. */
    private void rememberTheta() {
        if (transforms.actsAfterStep()) {
            scratchTheta();
            Vectors.copy(theta, thetaBefore);
        }
    }

    /** The update buffer of steps whose caller asks for none, when the cap is read from the pass's update. */
    private INDArray ownUpdate() {
        if (ownUpdate == null) {
            ownUpdate = execution.arrayProgram() ? allocator.scratch(theta.dataType(), theta.length()).reshape(
                    theta.shape()) : Nd4j.createUninitialized(theta.dataType(), theta.shape());
            ownUpdateVec = Vec.of(ownUpdate);
        }
        return ownUpdate;
    }

    /**
     * The cap on the displacement from the step's output {@code update} = θ_old − θ_new: when ‖update‖ > r, with
     * θ_old = θ_new + update, θ becomes θ_old − s·update (s = r/‖update‖). The update is left as the pass wrote it:
     * it is the optimizer's own buffer, which nothing reads after the cap (one array written less per shortened step).
     */
    private void capFromUpdate(INDArray update) { // always the optimizer's own update (viewed by ownUpdateVec)
        if (nonFinite != null) { // the array-op path: one BLAS length, and array ops if it is long
            double length = dev.ogr.api.array.ArrayOps.length(update, squaredLength);
            if (length > transforms.maxStep()) {
                double s = transforms.maxStep() / length;
                scratchTheta();
                INDArray old = thetaBefore;
                dev.ogr.api.array.ArrayOps.add(theta, update, old);
                dev.ogr.api.array.ArrayOps.axpy(-s, update, old, theta);
            }
            return;
        }
        double squared = execution.updateSquaredNorm(); // summed by the pass where it could, with the same bits
        double length = Math.sqrt(Double.isNaN(squared) ? Vectors.squaredNorm(ownUpdateVec) : squared);
        if (length > transforms.maxStep()) {
            double s = transforms.maxStep() / length;
            scratchTheta();
            Vectors.shortenTheta(theta, update, s, thetaBefore);
        }
    }

    /**
     * What follows the composition's step at rate {@code eta} when θ before it was copied to {@code thetaBefore}:
     * the cap on the displacement, then the decoupled weight decay θ ← θ − η·λ·θ_before. {@code kept}: the step
     * wrote θ before it and the displacement itself ({@link #keepStep}).
     */
    private void afterStep(double eta, boolean kept) {
        if (transforms.maxStep() > 0) {
            if (!kept) {
                displacement();
                Vectors.difference(theta, thetaBefore, displacement);
            }
            double length = Math.sqrt(Vectors.squaredNorm(displacementVec));
            if (length > transforms.maxStep()) {
                Vectors.combine(1, thetaBefore, transforms.maxStep() / length, displacement, 0, theta);
            }
        }
        if (transforms.decay() > 0) {
            Vectors.axpy(-eta * transforms.decay(), thetaBefore, theta);
        }
    }

    private static NonFiniteException nonFiniteGradient(long t) {
        return new NonFiniteException("step " + t + ": the gradient has NaN or infinite entries;"
                + " the optimizer state is unchanged");
    }

    /**
     * Whether every gradient entry is finite, through a view of the last array checked (no allocation per step); on
     * the array-op path by one ND4J reduction where the gradient lives, read back as one host scalar.
     */
    private boolean finite(INDArray g) {
        if (nonFinite != null) {
            return dev.ogr.api.array.ArrayOps.allFinite(g, nonFinite);
        }
        if (g != checkedGradient) {
            checkedGradient = g;
            checkedView = Kernels.direct(g) ? Vec.of(g) : null;
        }
        return checkedView != null ? checkedView.allFinite() : Vectors.allFinite(g);
    }

    private void checkHostVector(String what, INDArray array) {
        if (array == null || array.length() != theta.length() || array.dataType() != theta.dataType()
                || !array.isVectorOrScalar()) {
            throw new IllegalArgumentException("the " + what + " must be a " + theta.dataType() + " vector of length "
                    + theta.length() + ", got " + (array == null ? "null"
                            : array.dataType() + " " + java.util.Arrays.toString(array.shape())));
        }
    }

    @Override
    public Map<String, INDArray> exportState() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        states.forEach((prefix, s) -> s.exportTo(prefix, out));
        return out;
    }

    /**
     * Restores a state from {@link #exportState()} (of an optimizer with the same recipe, dimension and type).
     * Refused, with the array named and nothing changed, when the map is null, an array is missing, null, of another
     * type or shape, an array this optimizer does not have is present, or the parameters θ
     * ({@code optimizer/theta}) hold NaN or infinite values.
     */
    @Override
    public void restoreState(Map<String, INDArray> saved) {
        if (saved == null) {
            throw new IllegalArgumentException("saved state is null, expected the map exportState() returned");
        }
        for (Map.Entry<String, INDArray> e : saved.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("saved state maps " + (e.getKey() == null ? "a null key"
                        : "'" + e.getKey() + "'") + " to " + (e.getValue() == null ? "null" : "an array")
                        + ", expected an array under every name exportState() gave");
            }
        }
        Set<String> expected = new HashSet<>();
        states.forEach((prefix, s) -> s.arrays().keySet().forEach(n -> expected.add(prefix + "/" + n)));
        List<String> unknown = new ArrayList<>();
        for (String key : saved.keySet()) {
            if (!expected.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("saved state has arrays this optimizer does not have: " + unknown
                    + " (was it saved from a different recipe? this one is '" + recipe + "')");
        }
        // Check every part before changing any, so that a failed restore changes nothing.
        states.forEach((prefix, s) -> s.checkRestorable(prefix, saved));
        String thetaKey = OPTIMIZER + "/theta";
        INDArray savedTheta = saved.get(thetaKey);
        if (!Vectors.allFinite(savedTheta)) {
            throw new IllegalArgumentException("saved array '" + thetaKey + "' (the parameters) holds NaN or infinite"
                    + " values, expected finite ones; the optimizer state is unchanged");
        }
        states.forEach((prefix, s) -> s.restoreFrom(prefix, saved));
    }

    @Override
    public String recipe() {
        return recipe;
    }

    /**
     * The learning-rate learner that {@link #step(Sample, LossProbe)} consults (a host that chooses the rate itself,
     * through {@link #step(INDArray, double, INDArray)}, checks with it that the recipe's rate is a fixed one).
     */
    public LearningRateLearner learningRateLearner() {
        return learner;
    }

    @Override
    public String toString() {
        return "OgrOptimizer[" + recipe + "]";
    }
}
