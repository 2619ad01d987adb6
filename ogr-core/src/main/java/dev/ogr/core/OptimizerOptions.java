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
            List.of("descent", "none", "momentum", "dogr"),
            "outside the modelled subspace: a gradient-descent step at the learning rate, no step, a momentum step"
                    + " -eta*m (the notebooks' sOGR), or that blended with the diagonal dOGR step (dsOGR)");

    /** What the model step along the basis divides: the latest gradient or the notebooks' momentum. */
    public static final ParameterSpec INSIDE = ParameterSpec.choice("inside", "gradient", List.of("gradient", "momentum"),
            "with orthogonal=momentum or dogr: the gradient coordinates the model step uses, those of the latest"
                    + " gradient, or those of the momentum m of the outside step (the notebooks' full OGR,"
                    + " -Q.diag(1/max(|lambda|, floor)).Q'.m)");

    /** The retention of the outside step's momentum and averages. */
    public static final ParameterSpec OUTSIDE_BETA = ParameterSpec.real("outside-beta", 0.9, 0, true, 1, false,
            "with orthogonal=momentum or dogr: retention of the momentum m (used outside, and inside with"
                    + " inside=momentum) and of dOGR's per-coordinate averages (the notebooks' rate is 1 - outside-beta)");

    /** The weight of the dOGR step outside the subspace. */
    public static final ParameterSpec BLEND = ParameterSpec.real("blend", 0.5, 0, true, 1, true,
            "with orthogonal=dogr: weight w of the dOGR step -m/max(|cov/var theta|, 1/eta) against the momentum"
                    + " step -eta*m outside the subspace");

    /** The floor on the curvature of the dOGR step outside the subspace. */
    public static final ParameterSpec OUTSIDE_CUT = ParameterSpec.real("outside-cut", 0, 0, true, 1e6, true,
            "with orthogonal=dogr: floor on |cov/var theta| in the dOGR step -m/max(|cov/var theta|, cut), bounding it"
                    + " to |m|/cut; 0: cut = 1/eta, so flat coordinates take momentum steps eta*m");

    /** All options, in canonical order. */
    public static final List<ParameterSpec> ALL = List.of(WARMUP, ORTHOGONAL, INSIDE, OUTSIDE_BETA, BLEND, OUTSIDE_CUT);

    /**
     * Whether option {@code name} takes part in an optimizer whose {@code orthogonal} option is {@code orthogonal}:
     * {@code inside} and {@code outside-beta} only with {@code momentum} or {@code dogr} (which keep the momentum),
     * {@code blend} and {@code outside-cut} only with {@code dogr}, the others always. Canonical recipes print only
     * the options that take part.
     */
    public static boolean applies(String name, String orthogonal) {
        if (name.equals(OUTSIDE_BETA.name()) || name.equals(INSIDE.name())) {
            return orthogonal.equals("momentum") || orthogonal.equals("dogr");
        }
        if (name.equals(BLEND.name()) || name.equals(OUTSIDE_CUT.name())) {
            return orthogonal.equals("dogr");
        }
        return true;
    }

    private OptimizerOptions() {
    }
}
