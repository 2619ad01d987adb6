package dev.ogr.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Creates one kind of problem (an {@link Objective}) from validated parameters and a seed; what plugins register,
 * beside strategies and presets, for {@code ./ogr run --problem}, suite files and {@code ./ogr bench}. A problem is
 * written like a strategy: {@code name} or {@code name(key=value, ...)}, e.g. {@code quadratic(dim=100, cond=1e4)}.
 */
public interface ProblemFactory {

    /** Builds an objective from validated parameters, a seed and the data directory the user gave. */
    @FunctionalInterface
    interface Creator {

        /**
         * Builds the objective.
         *
         * @param parameters    the parameters, validated against the factory's specs, defaults filled in
         * @param seed          the seed of the objective's randomness (its start, noise, minibatches)
         * @param dataDirectory the directory of downloadable data sets the user gave ({@code --data}), or null
         */
        Objective create(Parameters parameters, long seed, Path dataDirectory);
    }

    /** The name used on the command line and in suite files: lower-case words joined by dashes. */
    String name();

    /** One line: the function, its minimum, and where it comes from. */
    String description();

    /** The parameters the problem accepts, in canonical order. */
    List<ParameterSpec> parameters();

    /**
     * Creates the problem from parameters validated against {@link #parameters()}.
     *
     * @param dataDirectory the data directory the user gave, or null
     * @throws ConfigurationException for input the user can fix (missing data, parameters that do not fit together)
     */
    Objective create(Parameters parameters, long seed, Path dataDirectory);

    /** A factory from its parts; {@code creator} receives validated parameters. */
    static ProblemFactory of(String name, String description, List<ParameterSpec> parameters, Creator creator) {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(description, "description");
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("problem names are lower-case words with dashes, got '" + name + "'");
        }
        List<ParameterSpec> specs = List.copyOf(parameters);
        return new ProblemFactory() {
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
            public Objective create(Parameters p, long seed, Path dataDirectory) {
                return creator.create(p, seed, dataDirectory);
            }

            @Override
            public String toString() {
                return "problem '" + name + "'";
            }
        };
    }
}
