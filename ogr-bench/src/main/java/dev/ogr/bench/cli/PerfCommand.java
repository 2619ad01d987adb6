package dev.ogr.bench.cli;

import dev.ogr.api.ConfigurationException;
import dev.ogr.bench.perf.ForkedTimings;
import dev.ogr.bench.perf.PerfBenchmark;
import dev.ogr.bench.perf.StepTimer;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ogr perf}: the per-step time of each preset, DL4J's Adam and a memory copy, on float parameters. */
@Command(name = "perf", description = "Time one optimizer step of each preset against DL4J's Adam and a memory copy.")
final class PerfCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "10000000,100000,1000,3",
            description = "numbers of float parameters D, timed largest first (default ${DEFAULT-VALUE})")
    List<Double> sizes;

    @Option(names = "--presets", split = OgrCli.RECIPE_LIST_SPLIT, splitSynopsisLabel = ",", paramLabel = "PRESET",
            description = "presets to time (default: all)")
    List<String> presets;

    @Option(names = "--kernels", paramLabel = "auto|fused|nd4j",
            description = "how coordinate-wise presets run: fused (the pass over host memory), nd4j (the array-op"
                    + " programs, whole-array ND4J ops) or auto (OGR_KERNELS, else fused on the CPU backend and nd4j"
                    + " on others)")
    String kernels;

    @Option(names = "--seconds", defaultValue = "1", description = "length of each timed round (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--fork", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "time each preset in a JVM of its own, so that no row depends on the presets timed before"
                    + " it (default; --no-fork: all in this JVM, quicker)")
    boolean fork;

    /** The child processes' mode: the presets' timings only, as lines for the parent to read. */
    @Option(names = "--timings-only", hidden = true)
    boolean timingsOnly;

    @Override
    public Integer call() {
        List<Long> dims = new ArrayList<>();
        for (double s : sizes) {
            if (s < 1 || s > 1e9 || s != Math.rint(s)) {
                throw new ConfigurationException("--sizes must be whole numbers in [1, 1e9], got " + s);
            }
            dims.add((long) s);
        }
        // Largest first: the JIT compiles each loop once, from the profile of its first runs; compiled from a run at
        // D = 3 the fused loops were measured up to twice as slow at D = 1e7 as compiled from a large run.
        dims.sort(java.util.Comparator.reverseOrder());
        if (!(seconds > 0 && seconds <= 60)) {
            throw new ConfigurationException("--seconds must be in (0, 60], got " + seconds);
        }
        if (kernels != null) {
            try {
                Kernels.setProgram(Kernels.programOf(kernels));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("--kernels must be auto, fused or nd4j, got '" + kernels + "'");
            }
        }
        StrategyRegistry registry = PluginLoader.load();
        RecipeResolver resolver = new RecipeResolver(registry);
        List<String> chosen = presets == null ? new ArrayList<>(registry.presets().keySet()) : presets;
        for (String p : chosen) {
            resolver.resolve(p); // fail fast on a bad name
        }
        PerfBenchmark benchmark = new PerfBenchmark(resolver, new StepTimer(seconds, seconds, 5),
                spec.commandLine().getOut());
        if (timingsOnly) {
            benchmark.timingsOnly(dims, chosen);
            return 0;
        }
        java.util.Properties env = org.nd4j.linalg.factory.Nd4j.getExecutioner().getEnvironmentInformation();
        Object devices = env.get("cuda.devicesInformation");
        spec.commandLine().getErr().println("ogr perf: ND4J backend " + org.nd4j.linalg.factory.Nd4j.getBackend()
                .getClass().getSimpleName() + (devices != null ? ", devices " + devices : ", host cores "
                        + env.get("cores")) + "; coordinate-wise steps: " + (Kernels.program() == Kernels.Program.ARRAYS
                                ? "array-op programs (nd4j)" : "fused pass"));
        PerfBenchmark.TimingSource source = null;
        if (fork) {
            List<String> arguments = new ArrayList<>(List.of("perf", "--timings-only", "--seconds",
                    Double.toString(seconds), "--sizes", dims.stream().map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(","))));
            if (kernels != null) {
                arguments.add("--kernels");
                arguments.add(kernels);
            }
            try (ProgressReporter progress = new ProgressReporter("perf", System.console() != null)) {
                source = ForkedTimings.run(ForkedTimings.javaCommand(OgrCli.class), arguments, chosen, dims,
                        (i, preset) -> progress.update(i, chosen.size(), preset, "its own JVM"));
                progress.update(chosen.size(), chosen.size(), "", "");
            }
        }
        benchmark.run(dims, chosen, source);
        return 0;
    }
}
