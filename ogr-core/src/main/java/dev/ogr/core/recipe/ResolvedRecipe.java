package dev.ogr.core.recipe;

import dev.ogr.api.Parameters;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.StrategyKind;
import dev.ogr.core.OptimizerOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recipe whose names are resolved and whose parameters are validated: what an optimizer is built from. Its
 * {@link #canonical()} form parses back to an equal recipe.
 */
public final class ResolvedRecipe {

    private final Map<StrategyKind, ResolvedStrategy> strategies;
    private final Parameters options;

    /** A recipe of the given slots and optimizer options; see {@link RecipeResolver} for the checks made. */
    public ResolvedRecipe(Map<StrategyKind, ResolvedStrategy> strategies, Parameters options) {
        this.strategies = Collections.unmodifiableMap(new EnumMap<>(strategies));
        this.options = options;
    }

    /** The resolved strategy in {@code kind}'s slot, if the recipe fills it. */
    public Optional<ResolvedStrategy> strategy(StrategyKind kind) {
        return Optional.ofNullable(strategies.get(kind));
    }

    /** The optimizer options ({@link OptimizerOptions}). */
    public Parameters options() {
        return options;
    }

    /** The canonical text: every filled slot in fixed order with every parameter, then the options. */
    public String canonical() {
        List<String> clauses = new ArrayList<>();
        for (StrategyKind kind : StrategyKind.values()) {
            ResolvedStrategy s = strategies.get(kind);
            if (s != null) {
                clauses.add(kind.key() + "=" + s.canonical());
            }
        }
        boolean model = strategies.containsKey(StrategyKind.DIRECTION);
        for (ParameterSpec spec : OptimizerOptions.ALL) {
            Object v = options.values().get(spec.name());
            boolean transform = OptimizerOptions.TRANSFORMS.contains(spec);
            // warmup is written for every model recipe; the transforms wherever they are set
            if (v != null && (transform ? !v.equals(spec.defaultValue()) : model)) {
                clauses.add(spec.name() + "=" + spec.format(v));
            }
        }
        return String.join("; ", clauses);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResolvedRecipe r && r.canonical().equals(canonical());
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
