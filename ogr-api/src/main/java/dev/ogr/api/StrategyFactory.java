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

    /**
     * Other names recipes may use for this strategy (e.g. an earlier name kept working after a rename); recipes print
     * back with {@link #name()}. None by default.
     */
    default List<String> aliases() {
        return List.of();
    }

    /** This factory, also found under {@code names} (lower-case words with dashes, like {@link #name()}). */
    default StrategyFactory<T> alsoNamed(String... names) {
        StrategyFactory<T> self = this;
        List<String> all = new java.util.ArrayList<>(aliases());
        for (String alias : names) {
            if (alias == null || !alias.matches("[a-z][a-z0-9-]*") || alias.equals(name())) {
                throw new IllegalArgumentException("aliases of strategy '" + name() + "' are lower-case words with"
                        + " dashes other than its name, got '" + alias + "'");
            }
            all.add(alias);
        }
        List<String> aliases = List.copyOf(all);
        return new StrategyFactory<>() {
            @Override
            public StrategyKind kind() {
                return self.kind();
            }

            @Override
            public String name() {
                return self.name();
            }

            @Override
            public String description() {
                return self.description();
            }

            @Override
            public List<ParameterSpec> parameters() {
                return self.parameters();
            }

            @Override
            public T create(Parameters parameters) {
                return self.create(parameters);
            }

            @Override
            public List<String> aliases() {
                return aliases;
            }

            @Override
            public String toString() {
                return self.toString();
            }
        };
    }

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
