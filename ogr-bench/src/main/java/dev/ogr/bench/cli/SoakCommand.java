package dev.ogr.bench.cli;

import dev.ogr.api.ConfigurationException;
import dev.ogr.bench.perf.Soak;
import dev.ogr.bench.problems.Problems;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ogr soak}: a long run of each optimizer on each problem, reporting refused steps, non-finite parameters and
 * the final loss (docs/benchmarks.md, "Soak runs").
 */
@Command(name = "soak", description = "Run optimizers for many steps (default 10^6) and report refused steps,"
        + " non-finite parameters and the final loss: a robustness check, not a benchmark of speed.")
final class SoakCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SoakCommand.class);

    /** The coordinate-wise presets of the sources, and ogr1dc. */
    static final List<String> DEFAULT_OPTIMIZERS = List.of("asgd", "asgdc", "dogr", "idogr", "cdogr", "ogr1dc");
    /** A noisy rotated quadratic of D = 1000 and the digits logistic regression. */
    static final List<String> DEFAULT_PROBLEMS = List.of("quadratic(dim=1000, cond=100, rotated=true, noise=0.01)",
            "logistic(dataset=digits)");
    private static final long MAX_STEPS = 100_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000000",
            description = "steps per optimizer and problem (default ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--optimizers", split = OgrCli.RECIPE_LIST_SPLIT, splitSynopsisLabel = ",",
            paramLabel = "PRESET", description = "optimizers (default: asgd, asgdc, dogr, idogr, cdogr, ogr1dc)")
    List<String> optimizers;

    @Option(names = "--problems", split = ";", splitSynopsisLabel = ";", paramLabel = "PROBLEM",
            description = "problems, separated by ';' (default: quadratic(dim=1000, cond=100, rotated=true,"
                    + " noise=0.01); logistic(dataset=digits))")
    List<String> problems;

    @Option(names = "--data", paramLabel = "DIR",
            description = "directory of downloadable data sets (then $OGR_DATA, then ~/.ogr/data)")
    Path data;

    @Override
    public Integer call() {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new ConfigurationException("--steps must be in [1, " + MAX_STEPS + "], got " + steps);
        }
        RecipeResolver resolver = new RecipeResolver(PluginLoader.load());
        List<String> chosen = optimizers == null ? DEFAULT_OPTIMIZERS : optimizers;
        List<String> on = problems == null ? DEFAULT_PROBLEMS : problems.stream().map(String::trim).toList();
        for (String o : chosen) {
            resolver.resolve(o); // fail fast on a bad name
        }
        for (String p : on) {
            Problems.create(p, 1, data); // and on a bad problem, or missing data
        }
        Soak soak = new Soak(resolver, data);
        List<Soak.Row> rows = new ArrayList<>();
        for (String p : on) {
            for (String o : chosen) {
                LOG.info("soak: {} on {}, {} steps", o, p, steps);
                Soak.Row r = soak.run(o, p, steps);
                LOG.info(String.format(Locale.ROOT, "soak: %s on %s: %d refused, final loss %.6g, %.0f s", o, p,
                        r.refused(), r.finalLoss(), r.seconds()));
                rows.add(r);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(Soak.table(rows));
        out.flush();
        return 0;
    }
}
