package dev.ogr.bench.perf;

import dev.ogr.bench.perf.PerfBenchmark.PresetTiming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The presets' timings of {@code ogr perf}, each preset timed in a JVM of its own (as JMH forks), so that no row
 * depends on which presets ran before it in the same JVM. That happens: C2 compiles the Vector API kernels from the
 * profiles of everything that ran before, and measured here asgd took 155 ms a step after dogr in one JVM against
 * 64–74 ms alone. Each child runs {@code perf --timings-only} for one preset at every size, with this JVM's options
 * and class path (a debugger agent and a flight recording excepted), and prints one line per size
 * ({@link #format}); a child that fails makes its rows "failed", with the last line it wrote on stderr.
 */
public final class ForkedTimings implements PerfBenchmark.TimingSource {

    /** The first field of a timing line. */
    static final String PREFIX = "ogr-perf-timing";

    private final Map<String, PresetTiming> timings = new HashMap<>();

    private ForkedTimings() {
    }

    /**
     * Runs one child per preset, one after the other: {@code command} (the java command and main class, see
     * {@link #javaCommand}) followed by {@code perfArguments} (the perf subcommand and its options, without
     * {@code --presets}), {@code --presets} and the preset. {@code progress} hears each preset before its child starts
     * (its index and the preset).
     */
    public static ForkedTimings run(List<String> command, List<String> perfArguments, List<String> presets,
            List<Long> sizes, BiConsumer<Integer, String> progress) {
        ForkedTimings result = new ForkedTimings();
        for (int i = 0; i < presets.size(); i++) {
            String preset = presets.get(i);
            progress.accept(i, preset);
            List<String> child = new ArrayList<>(command);
            child.addAll(perfArguments);
            child.add("--presets");
            child.add(preset);
            result.runChild(child, preset, sizes);
        }
        return result;
    }

    private void runChild(List<String> child, String preset, List<Long> sizes) {
        Path errors = null;
        try {
            errors = Files.createTempFile("ogr-perf-", ".err");
            Process process = new ProcessBuilder(child).redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            for (String line : out.split("\n")) {
                PresetTiming t = parse(line);
                if (t != null) {
                    timings.put(key(t.preset(), t.d()), t);
                }
            }
            if (status != 0) {
                String why = "failed: its JVM exited with status " + status + lastLine(errors);
                for (long d : sizes) {
                    timings.putIfAbsent(key(preset, d), PresetTiming.failed(preset, d, why));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ogr perf: cannot start a JVM for preset '" + preset + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ogr perf: interrupted while timing preset '" + preset + "'", e);
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    private static String lastLine(Path errors) throws IOException {
        String last = "";
        for (String line : Files.readAllLines(errors, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("WARNING: Using incubator modules")) {
                last = line.strip();
            }
        }
        return last.isEmpty() ? "" : ": " + last;
    }

    @Override
    public PresetTiming timing(String preset, long d) {
        PresetTiming t = timings.get(key(preset, d));
        return t != null ? t : PresetTiming.failed(preset, d, "failed: its JVM reported no timing at this size");
    }

    private static String key(String preset, long d) {
        return preset + "\t" + d;
    }

    /**
     * A timing as one tab-separated line: the prefix, the preset, D, seconds, bytes, the paired triad's seconds and
     * the fraction of its bandwidth (the numbers as Java writes a double, which reads back exactly), the ops column and the failure (empty for none); tabs and line breaks inside the
     * text fields become spaces.
     */
    static String format(PresetTiming t) {
        return String.join("\t", PREFIX, clean(t.preset()), Long.toString(t.d()), Double.toString(t.seconds()),
                Double.toString(t.bytes()), Double.toString(t.triadSeconds()), Double.toString(t.ofTriad()),
                clean(t.ops()), t.failure() == null ? "" : clean(t.failure()));
    }

    /** The timing of a line {@link #format} wrote, or null for any other line. */
    static PresetTiming parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 9 || !f[0].equals(PREFIX)) {
            return null;
        }
        return new PresetTiming(f[1], Long.parseLong(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                Double.parseDouble(f[5]), Double.parseDouble(f[6]), f[7], f[8].isEmpty() ? null : f[8]);
    }

    private static String clean(String text) {
        return text.replaceAll("[\\t\\r\\n]+", " ");
    }

    /**
     * The command that starts a JVM like this one on {@code mainClass}: this JVM's java binary, its options (without
     * a debugger agent or a flight recording, which would clash between the processes) and its class path.
     */
    public static List<String> javaCommand(Class<?> mainClass) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            String o = option.toLowerCase(Locale.ROOT);
            if (!o.startsWith("-agentlib:jdwp") && !o.startsWith("-xx:startflightrecording")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        return command;
    }
}
