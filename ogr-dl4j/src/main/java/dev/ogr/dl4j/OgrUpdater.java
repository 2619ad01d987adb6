package dev.ogr.dl4j;

import dev.ogr.api.StrategyKind;
import dev.ogr.core.recipe.ResolvedRecipe;
import dev.ogr.core.recipe.ResolvedStrategy;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * A Deeplearning4j updater that runs a coordinate-wise ogr recipe ({@code asgd}, {@code asgdc}, {@code dogr},
 * {@code idogr}, {@code cdogr}, or any recipe with {@code direction=coordinates} and a {@code fixed} learning rate):
 * <pre>{@code
 * new NeuralNetConfiguration.Builder().updater(new OgrUpdater("asgdc"))...
 * }</pre>
 *
 * <p><b>Learning rate.</b> The recipe's {@code lr=fixed(eta=...)} unless a learning rate or an {@link ISchedule} is
 * set here (a schedule wins over a rate), as for DL4J's own updaters; {@code net.setLearningRate(...)} works too.
 *
 * <p><b>θ without the parameters.</b> DL4J never shows an updater the parameters, only the gradient. The updater
 * therefore tracks θ itself, relative to where training started (θ = 0 at the first step), from the updates it
 * emits: it moves its tracked θ exactly as the recipe moves θ and hands DL4J the difference as the update, so the
 * network's parameters are the start point plus the tracked θ. Every coordinate-wise rule depends on positions only
 * through differences (means, variances, covariances, p − θ), so the offset changes nothing. Gradient
 * normalisation, clipping and L1/L2 regularisation act on the gradient before the updater and are seen as part of
 * the loss. DL4J's {@code WeightDecay} (and anything else that changes the parameters after the updater) moves the
 * parameters by an amount the tracked θ does not see: the regression then fits gradients against positions that
 * lag the true ones by the accumulated decay. Prefer L2 regularisation (which enters the gradient) with these
 * recipes; with small decay rates the error is small.
 *
 * <p><b>Presets in Java.</b> {@link #asgd(double)}, {@link #asgdc(double)}, {@link #dogr(double)},
 * {@link #idogr(double)}, {@link #cdogr(double)} and {@link #adam(double)} are the coordinate-wise presets with a
 * learning rate, the same as {@code new OgrUpdater("dogr", 1.0)}.
 *
 * <p><b>Saved configurations.</b> The configuration stores the recipe in canonical form (every strategy with every
 * parameter, {@link #getRecipe()}), so a saved network keeps the optimizer it was trained with even if a later ogr
 * version changes what a preset name means. Files that hold a preset name or a partial recipe (as written before
 * this) still load: the name is resolved when read.
 *
 * <p><b>State.</b> Everything lives in DL4J's flat updater state view (tracked θ, the averages and the rule's arrays,
 * {@code numParams} elements each, plus a few exactly encoded scalars), so {@code ModelSerializer.writeModel(net,
 * file, true)} and restoring continue training bit for bit. The configuration round-trips through
 * {@code toJson()}/{@code fromJson()}.
 */
public final class OgrUpdater implements IUpdater {

    private static final long serialVersionUID = 1L;

    /** The recipe of {@link #OgrUpdater()}. */
    public static final String DEFAULT_RECIPE = "asgdc";

    private String recipe;
    private Double learningRate;
    private ISchedule learningRateSchedule;

    @JsonIgnore
    private transient ResolvedRecipe resolved;
    @JsonIgnore
    private transient String resolvedFrom;
    @JsonIgnore
    private transient FlatStateLayout layout;
    @JsonIgnore
    private transient double recipeEta;

    /** The default recipe, {@value #DEFAULT_RECIPE} (also what JSON deserialisation starts from). */
    public OgrUpdater() {
        this.recipe = DEFAULT_RECIPE; // resolved on first use: deserialisation sets the field next
    }

    /**
     * An updater running {@code recipe}.
     *
     * @throws dev.ogr.api.ConfigurationException if the recipe does not resolve
     * @throws IllegalArgumentException           if it is not coordinate-wise or its learning rate is not fixed
     */
    public OgrUpdater(String recipe) {
        setRecipe(recipe);
    }

    /** An updater running {@code recipe} with learning rate {@code learningRate} in place of the recipe's. */
    public OgrUpdater(String recipe, double learningRate) {
        this(recipe);
        setLearningRate(learningRate);
    }

    /** An updater running {@code recipe} with its learning rate from {@code schedule}. */
    public OgrUpdater(String recipe, ISchedule schedule) {
        this(recipe);
        setLearningRateSchedule(schedule);
    }

    /** Paper 1's ASGD (Alg. 8, preset {@code asgd}) at learning rate {@code learningRate}. */
    public static OgrUpdater asgd(double learningRate) {
        return new OgrUpdater("asgd", learningRate);
    }

    /** Paper 1's ASGD with a confidence level (Alg. 9, preset {@code asgdc}) at learning rate {@code learningRate}. */
    public static OgrUpdater asgdc(double learningRate) {
        return new OgrUpdater("asgdc", learningRate);
    }

    /** The notebooks' diagonal OGR (preset {@code dogr}) at learning rate {@code learningRate}. */
    public static OgrUpdater dogr(double learningRate) {
        return new OgrUpdater("dogr", learningRate);
    }

    /** The notebooks' idOGR, diagonal with curvature sqrt(dgg/dθθ) (preset {@code idogr}), at learning rate {@code learningRate}. */
    public static OgrUpdater idogr(double learningRate) {
        return new OgrUpdater("idogr", learningRate);
    }

    /** The notebooks' cdOGR, a capped ratio step (preset {@code cdogr}), at learning rate {@code learningRate}. */
    public static OgrUpdater cdogr(double learningRate) {
        return new OgrUpdater("cdogr", learningRate);
    }

    /** Adam as an ogr recipe (preset {@code adam}) at learning rate {@code learningRate}. */
    public static OgrUpdater adam(double learningRate) {
        return new OgrUpdater("adam", learningRate);
    }

    /** The recipe in canonical form: every strategy with every parameter, whatever preset or shorthand was given. */
    public String getRecipe() {
        return recipe;
    }

    /**
     * Sets the recipe (a preset name, a preset with overrides, or a full recipe), checking that it resolves to a
     * coordinate-wise recipe with a fixed learning rate; it is kept, and saved, in canonical form.
     */
    public void setRecipe(String recipe) {
        Objects.requireNonNull(recipe, "recipe");
        ResolvedRecipe r = Recipes.resolve(recipe);
        ResolvedStrategy lr = r.strategy(StrategyKind.LEARNING_RATE).orElseThrow();
        if (!lr.factory().name().equals("fixed")) {
            throw new IllegalArgumentException("recipe '" + recipe + "' learns its learning rate with "
                    + lr.canonical() + ", which needs extra loss evaluations an updater cannot make;"
                    + " expected lr=fixed(...) here, or train with OgrTrainer");
        }
        if (r.options().real("decay") > 0) {
            throw new IllegalArgumentException("recipe '" + recipe + "' has a decoupled weight decay, which needs the"
                    + " parameters themselves; a DL4J updater sees only gradients (it would shrink the distance from"
                    + " the start instead). Configure DL4J's own decoupled decay on the layers (.weightDecay(lambda)),"
                    + " or train with OgrTrainer");
        }
        FlatStateLayout l = FlatStateLayout.of(r);
        this.recipe = r.canonical();
        this.resolved = r;
        this.resolvedFrom = this.recipe;
        this.layout = l;
        this.recipeEta = lr.parameters().real("eta");
    }

    /** The learning rate set here, or {@code null} to use the recipe's. */
    public Double getLearningRate() {
        return learningRate;
    }

    /** Sets the learning rate (finite, {@code >= 0}), or {@code null} to use the recipe's. */
    public void setLearningRate(Double learningRate) {
        if (learningRate != null && (!(learningRate >= 0) || learningRate.isInfinite())) {
            throw new IllegalArgumentException("learning rate " + learningRate + ", expected a finite value >= 0");
        }
        this.learningRate = learningRate;
    }

    /** The learning-rate schedule, or {@code null}. */
    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    /** Sets the learning-rate schedule ({@code null}: none). */
    public void setLearningRateSchedule(ISchedule learningRateSchedule) {
        this.learningRateSchedule = learningRateSchedule;
    }

    /** The resolved recipe. */
    ResolvedRecipe resolved() {
        if (resolved == null || !recipe.equals(resolvedFrom)) { // after Java or JSON deserialisation
            setRecipe(recipe);
        }
        return resolved;
    }

    FlatStateLayout layout() {
        resolved();
        return layout;
    }

    @Override
    public long stateSize(long numParams) {
        return layout().stateSize(numParams);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        OgrGradientUpdater u = new OgrGradientUpdater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        OgrGradientUpdater u = new OgrGradientUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public OgrUpdater clone() {
        OgrUpdater c = new OgrUpdater(recipe);
        c.learningRate = learningRate;
        c.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        return c;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        if (learningRateSchedule != null) {
            return learningRateSchedule.valueAt(iteration, epoch);
        }
        if (learningRate != null) {
            return learningRate;
        }
        resolved();
        return recipeEta;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        setLearningRate(Double.isNaN(lr) ? null : lr);
        setLearningRateSchedule(lrSchedule);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof OgrUpdater u && resolved().canonical().equals(u.resolved().canonical())
                && Objects.equals(learningRate, u.learningRate)
                && Objects.equals(learningRateSchedule, u.learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resolved().canonical(), learningRate, learningRateSchedule);
    }

    @Override
    public String toString() {
        return "OgrUpdater(" + recipe + (learningRate != null ? ", lr=" + learningRate : "")
                + (learningRateSchedule != null ? ", schedule=" + learningRateSchedule : "") + ")";
    }
}
