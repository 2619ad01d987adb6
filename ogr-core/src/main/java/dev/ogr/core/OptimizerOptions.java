package dev.ogr.core;

import dev.ogr.api.ParameterSpec;
import java.util.List;
import java.util.Map;

/** The optimizer-level options of a recipe, next to its five strategy slots. */
public final class OptimizerOptions {

    /** Number of first steps that descend along the direction provider's warm-up direction without the model. */
    public static final ParameterSpec WARMUP = ParameterSpec.integer("warmup", 0, 0, 1_000_000_000L,
            "steps taken as first-order (momentum) steps before the regression model is used");

    /** Gradient clipping by norm: g ← g·min(1, c/‖g‖) before anything sees the gradient; 0: off. */
    public static final ParameterSpec CLIP_NORM = ParameterSpec.real("clip-norm", 0, 0, true, Double.POSITIVE_INFINITY, true,
            "largest gradient norm: a longer gradient is scaled down to it before the step (0: off)");

    /** Gradient clipping by value: each gᵢ clamped to [−c, c] before anything sees the gradient; 0: off. */
    public static final ParameterSpec CLIP_VALUE = ParameterSpec.real("clip-value", 0, 0, true, Double.POSITIVE_INFINITY,
            true, "largest |g_i|: each gradient entry is clamped to [-c, c] before the step (0: off)");

    /** Decoupled weight decay λ: after the step, θ ← θ − η_t·λ·θ_t (θ_t the parameters before it); 0: off. */
    public static final ParameterSpec DECAY = ParameterSpec.real("decay", 0, 0, true, 1, true,
            "decoupled weight decay lambda: theta <- theta - eta*lambda*theta_before after each step (0: off)");

    /** A trust radius: the composition's displacement per step is capped at this length; 0: off. */
    public static final ParameterSpec MAX_STEP = ParameterSpec.real("max-step", 0, 0, true, Double.POSITIVE_INFINITY, true,
            "longest step |theta_new - theta|: a longer one is shortened to it, same direction (0: off)");

    /** All options, in canonical order. */
    public static final List<ParameterSpec> ALL = List.of(WARMUP, CLIP_NORM, CLIP_VALUE, MAX_STEP, DECAY);

    /** The options that act on any recipe (the others need a regression model); written only when set. */
    public static final List<ParameterSpec> TRANSFORMS = List.of(CLIP_NORM, CLIP_VALUE, MAX_STEP, DECAY);

    /**
     * The options that described the step outside the modelled subspace before it became the slot {@code outside},
     * each with the parameter it became: {@code orthogonal=M} is {@code outside=M}, and {@code inside},
     * {@code outside-beta}, {@code blend} and {@code outside-cut} are the parameters {@code inside}, {@code beta},
     * {@code blend} and {@code cut} of {@code outside=momentum} or {@code outside=dogr}. Recipes that use them are
     * read as the same composition ({@link dev.ogr.core.recipe.RecipeResolver}).
     */
    public static final Map<String, String> FORMER_OUTSIDE_OPTIONS = Map.of("orthogonal", "", "inside", "inside",
            "outside-beta", "beta", "blend", "blend", "outside-cut", "cut");

    private OptimizerOptions() {
    }
}
