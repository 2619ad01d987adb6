package dev.ogr.bench.problems;

import dev.ogr.api.Objective;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
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

    /** Builds an objective from validated parameters and a seed. */
    @FunctionalInterface
    public interface Creator {
        /** Builds the objective. */
        Objective create(Parameters parameters, long seed);
    }

    /** Creates the problem. */
    public Objective create(Parameters p, long seed) {
        return creator.create(p, seed);
    }
}
