package dev.ogr.core;

import dev.ogr.api.ParameterSpec;
import java.util.List;
import java.util.Map;

/** The optimizer-level options of a recipe, next to its five strategy slots. */
public final class OptimizerOptions {

    /** Number of first steps that descend along the direction provider's warm-up direction without the model. */
    public static final ParameterSpec WARMUP = ParameterSpec.integer("warmup", 0, 0, 1_000_000_000L,
            "steps taken as first-order (momentum) steps before the regression model is used");

    /** All options, in canonical order. */
    public static final List<ParameterSpec> ALL = List.of(WARMUP);

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
