package dev.ogr.api;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Creates strategies of one kind and name from validated parameters; what plugins register. A new strategy
 * instance is created for every optimizer, since strategies hold per-optimizer configuration.
 *
 * @param <T> the strategy interface, as given by {@link StrategyKind#type()}
 */
public interface StrategyFactory<T> {

    /** The slot this strategy fills. */
    StrategyKind kind();

    /** The name used in recipes: lower-case words joined by dashes. */
    String name();

    /** One line saying what the strategy does and where it comes from. */
    String description();

    /** The parameters the strategy accepts, in canonical order. */
    List<ParameterSpec> parameters();

    /** Creates a strategy from parameters validated against {@link #parameters()}. */
    T create(Parameters parameters);

    /** A factory from its parts; {@code creator} receives validated parameters. */
    static <T> StrategyFactory<T> of(StrategyKind kind, String name, String description,
            List<ParameterSpec> parameters, Function<Parameters, T> creator) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(creator, "creator");
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("strategy names are lower-case words with dashes, got '" + name + "'");
        }
        List<ParameterSpec> specs = List.copyOf(parameters);
        return new StrategyFactory<>() {
            @Override
            public StrategyKind kind() {
                return kind;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public List<ParameterSpec> parameters() {
                return specs;
            }

            @Override
            public T create(Parameters p) {
                return creator.apply(p);
            }

            @Override
            public String toString() {
                return kind.key() + " '" + name + "'";
            }
        };
    }
}
