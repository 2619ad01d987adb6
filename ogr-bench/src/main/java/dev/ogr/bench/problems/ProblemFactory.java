package dev.ogr.bench.problems;

import dev.ogr.api.Objective;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import java.nio.file.Path;
import java.util.List;

/**
 * Creates one kind of benchmark problem from validated parameters and a seed.
 *
 * @param name        the name used on the command line
 * @param description one line: the function and where its minimum is
 * @param parameters  the parameters it accepts
 * @param creator     builds the objective from parameters and a seed
 */
public record ProblemFactory(String name, String description, List<ParameterSpec> parameters, Creator creator) {

    /** Builds an objective from validated parameters, a seed and the data directory given by the user. */
    @FunctionalInterface
    public interface Creator {
        /** Builds the objective; {@code dataDir} is null unless the user gave one. */
        Objective create(Parameters parameters, long seed, Path dataDir);
    }

    /** Creates the problem. */
    public Objective create(Parameters p, long seed, Path dataDir) {
        return creator.create(p, seed, dataDir);
    }
}
