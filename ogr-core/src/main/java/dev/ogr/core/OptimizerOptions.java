package dev.ogr.core;

import dev.ogr.api.ParameterSpec;
import java.util.List;

/** The optimizer-level options of a recipe, next to its four strategy slots. */
public final class OptimizerOptions {

    /** Number of first steps that descend along the direction provider's warm-up direction without the model. */
    public static final ParameterSpec WARMUP = ParameterSpec.integer("warmup", 0, 0, 1_000_000_000L,
            "steps taken as first-order (momentum) steps before the regression model is used");

    /** What happens in the directions outside the modelled subspace. */
    public static final ParameterSpec ORTHOGONAL = ParameterSpec.choice("orthogonal", "descent",
            List.of("descent", "none"),
            "outside the modelled subspace: a gradient-descent step at the learning rate, or no step");

    /** All options, in canonical order. */
    public static final List<ParameterSpec> ALL = List.of(WARMUP, ORTHOGONAL);

    private OptimizerOptions() {
    }
}
