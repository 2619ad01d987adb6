package dev.ogr.core.recipe;

import dev.ogr.api.Parameters;
import dev.ogr.api.StrategyFactory;

/**
 * A strategy slot after resolution: the factory found in the registry and the validated parameters.
 *
 * @param factory    the factory that creates the strategy
 * @param parameters the validated parameters, defaults filled in
 */
public record ResolvedStrategy(StrategyFactory<?> factory, Parameters parameters) {

    /** A new strategy instance of type {@code type}. */
    public <T> T create(Class<T> type) {
        Object s = factory.create(parameters);
        if (!type.isInstance(s)) {
            throw new IllegalStateException(factory + " created a " + s.getClass().getName() + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(s);
    }

    /** The canonical text {@code name(k=v, ...)}. */
    public String canonical() {
        return parameters.values().isEmpty() ? factory.name() : factory.name() + "(" + parameters.canonical() + ")";
    }
}
