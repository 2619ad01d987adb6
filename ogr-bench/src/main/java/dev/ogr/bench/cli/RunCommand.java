package dev.ogr.bench.cli;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.LossProbe;
import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import dev.ogr.api.StepResult;
import dev.ogr.bench.problems.Problems;
import dev.ogr.bench.problems.Releasable;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.core.recipe.ResolvedRecipe;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ogr run}: minimises one problem with one optimizer and prints a summary line. */
@Command(name = "run", description = "Minimise a problem with an optimizer recipe or preset; print one summary line.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--optimizer", required = true, paramLabel = "RECIPE",
            description = "a preset (e.g. ogr1d), a recipe, or a preset followed by overrides: 'ogr1d; lr=fixed(eta=0.05)'")
    String optimizer;

    @Option(names = "--problem", required = true, paramLabel = "PROBLEM",
            description = "e.g. rosenbrock, beale, 'quadratic(dim=100, cond=1e4, rotated=true, noise=0.01)'")
    String problem;

    @Option(names = "--steps", defaultValue = "1000", description = "number of steps (default ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the problem's randomness (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data", paramLabel = "DIR",
            description = "directory of downloadable data sets (then $OGR_DATA, then ~/.ogr/data)")
    Path data;

    @Option(names = "--trace", paramLabel = "FILE.csv", description = "write one CSV row per step: step,loss,learning_rate,model_step")
    Path trace;

    @Override
    public Integer call() throws IOException {
        if (steps < 1 || steps > 1_000_000_000L) {
            throw new ConfigurationException("--steps must be in [1, 1000000000], got " + steps);
        }
        StrategyRegistry registry = PluginLoader.load(); // the plugins' strategies, presets and problems
        ResolvedRecipe recipe = new RecipeResolver(registry).resolve(optimizer);
        // the trace file is opened before the problem is built (which may read a data set): a bad path costs nothing
        try (BufferedWriter csv = trace == null ? null : open(trace)) {
            Objective objective = Problems.create(registry, problem, seed, data);
            OgrOptimizer opt = OgrOptimizer.create(recipe, objective.initialPoint().castTo(objective.dataType()));
            return run(objective, opt, csv, Problems.canonical(registry, problem));
        } catch (IOException e) { // only the trace is written to
            throw new ConfigurationException("--trace " + trace + " could not be written: " + OutputPaths.reason(e));
        }
    }

    private int run(Objective objective, OgrOptimizer opt, BufferedWriter csv, String canonical) throws IOException {
        double initial = objective.loss(opt.evaluationPoint());
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        if (csv != null) {
            csv.write("step,loss,learning_rate,model_step\n");
        }
        for (long t = 0; t < steps; t++) {
            Sample sample = objective.sample(t);
            LossProbe validation = objective.validation(t).orElse(null);
            StepResult r;
            try {
                r = opt.step(sample, validation);
            } finally {
                Releasable.release(sample); // the step is over: its minibatch's native memory goes now
                Releasable.release(validation);
            }
            if (csv != null) {
                csv.write(r.step() + "," + r.loss() + "," + r.learningRate() + "," + (r.modelStep() ? 1 : 0) + "\n");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double last = objective.loss(opt.evaluationPoint());
        StringBuilder metrics = new StringBuilder();
        new java.util.TreeMap<>(objective.testMetrics(opt.evaluationPoint()))
                .forEach((k, v) -> metrics.append(String.format(Locale.ROOT, ", %s %.6g", k, v)));
        out.printf(Locale.ROOT, "%s on %s: %d steps, seed %d, loss %.6e -> %.6e (final)%s, %.3f s%n",
                optimizer.trim(), canonical, steps, seed, initial, last, metrics, seconds);
        out.flush();
        return 0;
    }

    private static BufferedWriter open(Path file) {
        if (file.toString().isBlank()) {
            throw new ConfigurationException("--trace is empty, expected the path of a CSV file to write");
        }
        if (Files.isDirectory(file)) {
            throw new ConfigurationException("--trace " + file + " is a directory, expected the path of a CSV file");
        }
        for (Path up = file.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
            if (Files.exists(up)) {
                if (!Files.isDirectory(up)) {
                    throw new ConfigurationException("--trace " + file + " cannot be written: " + up
                            + " is a file, not a directory");
                }
                break;
            }
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("--trace " + file + " cannot be written: " + OutputPaths.reason(e));
        }
    }
}
