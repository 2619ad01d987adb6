package dev.ogr.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed but unresolved recipe: an optional preset it starts from, the strategies it names per slot, and the
 * optimizer options ({@code warmup=5}), all as written. Slots and options given here override the preset's.
 *
 * @param preset     the preset named first in the recipe, if any
 * @param strategies the strategies named per slot
 * @param options    optimizer options as text, in order
 */
public record Recipe(Optional<String> preset, Map<StrategyKind, StrategyCall> strategies, Map<String, String> options) {

    /** Copies the maps. */
    public Recipe {
        strategies = Collections.unmodifiableMap(strategies.isEmpty()
                ? new EnumMap<>(StrategyKind.class) : new EnumMap<>(strategies));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** This recipe with {@code override}'s slots and options replacing its own, and no preset. */
    public Recipe overriddenBy(Recipe override) {
        Map<StrategyKind, StrategyCall> s = new EnumMap<>(StrategyKind.class);
        s.putAll(strategies);
        s.putAll(override.strategies);
        Map<String, String> o = new LinkedHashMap<>(options);
        o.putAll(override.options);
        return new Recipe(Optional.empty(), s, o);
    }
}
