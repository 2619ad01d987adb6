package dev.ogr.bench.cli;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.ParameterSpec;
import dev.ogr.bench.dl4j.MnistMlpSuite;
import dev.ogr.bench.suite.LearningRateSuite;
import dev.ogr.bench.suite.QuickSuite;
import dev.ogr.bench.suite.SuiteRunner;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeResolver;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ogr bench quick}: every preset, learning rate tuned on a shared log grid, over several seeds. */
@Command(name = "bench", description = "Run a benchmark suite and print a table of final losses (median [quartiles]).")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUITE",
            description = "quick: presets on test functions and quadratics; lr: paper 2's learners on Boston and MNIST;"
                    + " dl4j: an MLP on MNIST through DL4J, DL4J's Adam against ogr recipes")
    String suite;

    @Option(names = "--data", paramLabel = "DIR",
            description = "directory of downloadable data sets (then $OGR_DATA, then ~/.ogr/data)")
    java.nio.file.Path data;

    @Option(names = "--dataset", defaultValue = "mnist",
            description = "data set of the dl4j suite: mnist or fashion-mnist (default ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--seeds", defaultValue = "5", description = "evaluation seeds per optimizer and problem (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--optimizers", split = ",", paramLabel = "PRESET",
            description = "presets to compare (default: every preset)")
    List<String> optimizers;

    @Override
    public Integer call() {
        if (!suite.equals("quick") && !suite.equals("lr") && !suite.equals("dl4j")) {
            throw new ConfigurationException("unknown suite '" + suite + "'; available: quick, lr, dl4j");
        }
        if (seeds < 1 || seeds > 1000) {
            throw new ConfigurationException("--seeds must be in [1, 1000], got " + seeds);
        }
        StrategyRegistry registry = PluginLoader.load();
        RecipeResolver resolver = new RecipeResolver(registry);
        if (suite.equals("dl4j")) {
            long start = System.nanoTime();
            new MnistMlpSuite(spec.commandLine().getOut(), spec.commandLine().getErr())
                    .run(dataset, data, 1, optimizers);
            spec.commandLine().getOut().printf("%ntotal %.1f s%n", (System.nanoTime() - start) / 1e9);
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (suite.equals("lr")) {
            long start = System.nanoTime();
            new LearningRateSuite(resolver, spec.commandLine().getOut(), spec.commandLine().getErr()).run(data, seeds);
            spec.commandLine().getOut().printf("%ntotal %.1f s%n", (System.nanoTime() - start) / 1e9);
            spec.commandLine().getOut().flush();
            return 0;
        }
        List<String> chosen = optimizers == null ? new ArrayList<>(registry.presets().keySet()) : optimizers;
        for (String o : chosen) {
            resolver.resolve(o + "; lr=fixed(eta=0.01)"); // fail fast on a bad name
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SuiteRunner runner = new SuiteRunner(resolver, QuickSuite.STEPS);
        long start = System.nanoTime();
        List<SuiteRunner.Outcome> outcomes = runner.runAll(chosen, QuickSuite.PROBLEMS, QuickSuite.LEARNING_RATES,
                seeds, what -> err.println("running " + what));
        out.printf("quick suite: %d steps per run, learning rate tuned per optimizer and problem over %s on %d tuning"
                + " seeds, then %d seeds; final loss median [25%%, 75%%]%n%n", QuickSuite.STEPS,
                QuickSuite.LEARNING_RATES.stream().map(d -> ParameterSpec.format(d.doubleValue())).toList(), Math.max(1, seeds / 2), seeds);
        out.print(SuiteRunner.table(chosen, QuickSuite.PROBLEMS, outcomes));
        out.printf("%ntotal %.1f s%n", (System.nanoTime() - start) / 1e9);
        out.flush();
        return 0;
    }
}
