package dev.ogr.bench.cli;

import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Preset;
import dev.ogr.api.ProblemFactory;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.core.plugin.PluginInfo;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeResolver;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ogr list}: every discovered plugin, strategy (with parameters and defaults), preset and problem. */
@Command(name = "list", description = "List plugins, strategies with their parameters, presets and problems.")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StrategyRegistry registry = PluginLoader.load();
        out.println("Plugins");
        for (PluginInfo p : registry.plugins()) {
            out.printf("  %-18s %s%n", p.id(), p.source());
        }
        for (StrategyKind kind : StrategyKind.values()) {
            out.println();
            out.println(title(kind) + " (" + kind.key() + "=...)");
            for (StrategyFactory<?> f : registry.strategies(kind).values()) {
                String also = f.aliases().isEmpty() ? "" : " (also named " + String.join(", ", f.aliases()) + ")";
                out.printf("  %-18s %s%s [%s]%n", f.name(), f.description(), also,
                        registry.sourceOf(kind, f.name()).id());
                for (ParameterSpec p : f.parameters()) {
                    printParameter(out, p);
                }
            }
        }
        out.println();
        out.println("Optimizer options (warmup only with a direction; the others on any recipe, docs/recipes.md)");
        for (ParameterSpec p : dev.ogr.core.OptimizerOptions.ALL) {
            printParameter(out, p);
        }
        out.println();
        out.println("Presets");
        RecipeResolver resolver = new RecipeResolver(registry);
        for (Preset p : registry.presets().values()) {
            String canonical;
            try {
                canonical = resolver.resolve(p.name()).canonical();
            } catch (RuntimeException e) {
                canonical = "unavailable: " + e.getMessage();
            }
            out.printf("  %-18s %s%n  %-18s = %s%n", p.name(), p.description(), "", canonical);
        }
        out.println();
        out.println("Problems (--problem NAME or NAME(key=value, ...))");
        for (ProblemFactory f : registry.problems().values()) {
            out.printf("  %-18s %s [%s]%n", f.name(), f.description(), registry.sourceOfProblem(f.name()).id());
            for (ParameterSpec p : f.parameters()) {
                printParameter(out, p);
            }
        }
        out.flush();
        return 0;
    }

    private static void printParameter(PrintWriter out, ParameterSpec p) {
        out.printf("      %-14s default %-8s %s; %s%n", p.name(), p.format(p.defaultValue()), p.range(),
                p.description());
    }

    private static String title(StrategyKind kind) {
        return switch (kind) {
            case DIRECTION -> "Direction providers";
            case AVERAGES -> "Average trackers";
            case STEP -> "Step rules";
            case OUTSIDE -> "Outside rules (the step outside the modelled subspace)";
            case LEARNING_RATE -> "Learning-rate learners";
            case SCHEDULE -> "Learning-rate schedules (optional: a factor of the step index on the learner's rate)";
        };
    }
}
