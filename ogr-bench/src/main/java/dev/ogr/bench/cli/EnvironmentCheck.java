package dev.ogr.bench.cli;

import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Parallel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;

/**
 * Checks the environment variables and system properties the command line reads or hands on, before anything runs
 * (in particular before ND4J loads its native code, which reads {@code OMP_NUM_THREADS}): each problem is one line
 * naming the variable, its value and what is allowed.
 */
final class EnvironmentCheck {

    /** The most threads any of the thread settings accepts (as {@code ogr.threads}). */
    static final int MAX_THREADS = 256;

    private EnvironmentCheck() {
    }

    /** The problems found in {@code env} and {@code properties}, in a fixed order; empty when all is well. */
    static List<String> problems(Map<String, String> env, Properties properties) {
        List<String> problems = new ArrayList<>();
        try {
            Parallel.configuredThreads(properties.getProperty(Parallel.PROPERTY), env.get(Parallel.ENVIRONMENT));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        String simd = properties.getProperty(Kernels.SIMD_PROPERTY);
        if (simd != null) {
            try {
                Kernels.simdSetting(simd);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        try {
            Kernels.kernelsSetting(env.get(Kernels.KERNELS_VARIABLE));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        String omp = env.get("OMP_NUM_THREADS");
        if (omp != null && !omp.isEmpty() && !isThreadCount(omp)) {
            // libgomp takes 0 or garbage with a warning and then computes with no usable thread (wrong results),
            // and a huge count crashes it: refuse all of those here
            problems.add("environment variable OMP_NUM_THREADS (ND4J's OpenMP threads) must be a whole number in [1, "
                    + MAX_THREADS + "], got '" + omp + "'");
        }
        String classpath = env.get("OGR_CLASSPATH");
        if (classpath != null && !classpath.isEmpty()) {
            String[] entries = classpath.split(java.util.regex.Pattern.quote(File.pathSeparator), -1);
            for (String entry : entries) {
                String problem = classpathProblem(entry);
                if (problem != null) {
                    problems.add("environment variable OGR_CLASSPATH: " + problem + " (expected plugin jars or"
                            + " class directories separated by '" + File.pathSeparator + "')");
                }
            }
        }
        String data = env.get("OGR_DATA");
        if (data != null && !data.isEmpty()) {
            Path dir = Path.of(data);
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                problems.add("environment variable OGR_DATA names '" + data + "', which is not a directory (expected"
                        + " the directory that holds, or will receive, the data sets)");
            }
        }
        String physical = properties.getProperty(MAX_PHYSICAL_BYTES);
        if (physical != null) {
            long bytes = bytes(physical);
            long heap = Runtime.getRuntime().maxMemory();
            if (bytes < 0) {
                problems.add("system property " + MAX_PHYSICAL_BYTES + " (from OGR_JAVA_OPTS) must be a size such as"
                        + " 4g, 512m or 8589934592, got '" + physical + "'");
            } else if (bytes > 0 && bytes < heap) {
                problems.add(String.format(java.util.Locale.ROOT, "system property %s=%s (from OGR_JAVA_OPTS) is"
                        + " below the Java heap (-Xmx, %.1f GiB): it bounds the whole process, heap included, so"
                        + " give it the heap plus room for ND4J's arrays, e.g. OGR_JAVA_OPTS=\"-Xmx2g -D%s=4g\"",
                        MAX_PHYSICAL_BYTES, physical, heap / (double) (1L << 30), MAX_PHYSICAL_BYTES));
            }
        }
        return problems;
    }

    /** JavaCPP's bound on the process's resident memory, which the launcher sets through OGR_JAVA_OPTS. */
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";

    /** A size as JavaCPP reads it (a number of bytes, or with a k, m, g or t suffix); -1 if it is none. */
    static long bytes(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,18})([kKmMgGtT]?)").matcher(text.trim());
        if (!m.matches()) {
            return -1;
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return n > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : n << shift;
    }

    private static boolean isThreadCount(String value) {
        if (!value.matches("[0-9]{1,4}")) {
            return false;
        }
        int n = Integer.parseInt(value);
        return n >= 1 && n <= MAX_THREADS;
    }

    /** What is wrong with one class path entry, or null. */
    private static String classpathProblem(String entry) {
        if (entry.isEmpty()) {
            return "an empty entry (two separators in a row, or one at an end), which would put the working"
                    + " directory on the class path";
        }
        Path p = Path.of(entry);
        if (!Files.exists(p)) {
            return "'" + entry + "' does not exist";
        }
        if (!Files.isReadable(p)) {
            return "'" + entry + "' cannot be read";
        }
        if (Files.isDirectory(p)) {
            return null;
        }
        if (!Files.isRegularFile(p)) {
            return "'" + entry + "' is neither a jar nor a directory";
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            return null;
        } catch (IOException e) {
            return "'" + entry + "' is not a jar (" + e.getMessage() + ")";
        }
    }
}
