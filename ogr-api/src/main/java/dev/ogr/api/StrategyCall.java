package dev.ogr.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A strategy (or problem) as written in a recipe, before resolution: a name and textual arguments, e.g.
 * {@code momentum(beta=0.9)}.
 *
 * @param name      the strategy name
 * @param arguments the arguments as written, in order
 */
public record StrategyCall(String name, Map<String, String> arguments) {

    /** Copies the arguments, keeping their order. */
    public StrategyCall {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    @Override
    public String toString() {
        return arguments.isEmpty() ? name : name + "(" + arguments.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }
}
