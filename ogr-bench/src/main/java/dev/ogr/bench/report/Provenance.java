package dev.ogr.bench.report;

import dev.ogr.core.kernel.Parallel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a report's numbers come from: the command line, the suite file's SHA-256, the ogr version and git commit it
 * was built from, the JDK, the ND4J backend and version, the CPU, its cores and the thread settings, the date and the
 * wall time. Recorded in {@code results.json} and shown at the top of the report, so that a figure can be traced to
 * the code and the machine that produced it.
 *
 * @param command       the command line, as typed after {@code ./ogr}
 * @param suiteSha256   SHA-256 of the suite file's text (for a built-in suite, of the file shipped inside ogr-bench)
 * @param ogrVersion    the version of the ogr modules
 * @param gitCommit     the commit the modules were built from, with {@code -dirty} when the tree had changes, or
 *                      {@code unknown} (a build outside a git checkout)
 * @param java          the Java runtime: vendor, version and VM
 * @param nd4j          the ND4J backend and its version
 * @param cpu           the CPU model, as the operating system names it
 * @param cores         the processors the JVM may use
 * @param threads       the thread settings: ogr's kernel threads, OMP_NUM_THREADS, the Vector API setting
 * @param date          when the run ended (ISO date and time with its offset)
 * @param wallSeconds   the suite's wall time
 */
public record Provenance(String command, String suiteSha256, String ogrVersion, String gitCommit, String java,
        String nd4j, String cpu, int cores, String threads, String date, double wallSeconds) {

    /** The provenance of a run of {@code command} on a suite whose text hashes to {@code suiteSha256}. */
    public static Provenance of(String command, String suiteSha256, double wallSeconds) {
        Properties build = resource("/dev/ogr/bench/build.properties");
        Properties git = resource("/dev/ogr/bench/git.properties");
        String commit = git.getProperty("git.commit.id", "unknown");
        if ("true".equals(git.getProperty("git.dirty"))) {
            commit += "-dirty";
        }
        String java = System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.name") + ")";
        String nd4j = Nd4j.getBackend().getClass().getSimpleName() + " " + build.getProperty("nd4j.version", "unknown");
        String threads = "ogr threads " + Parallel.threads() + ", OMP_NUM_THREADS="
                + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset") + ", ogr.simd="
                + System.getProperty("ogr.simd", "auto");
        return new Provenance(command, suiteSha256, build.getProperty("ogr.version", "unknown"), commit, java, nd4j,
                cpuModel(), Runtime.getRuntime().availableProcessors(), threads,
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), wallSeconds);
    }

    /** The fields by their names in {@code results.json}, in order. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("suite_sha256", suiteSha256);
        m.put("ogr_version", ogrVersion);
        m.put("git_commit", gitCommit);
        m.put("java", java);
        m.put("nd4j", nd4j);
        m.put("cpu", cpu);
        m.put("cores", cores);
        m.put("threads", threads);
        m.put("date", date);
        m.put("wall_seconds", wallSeconds);
        return m;
    }

    /** The fields as rows of a two-column table: a label and the value. */
    public Map<String, String> rows() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("suite file SHA-256", suiteSha256);
        m.put("ogr", ogrVersion + ", commit " + gitCommit);
        m.put("Java", java);
        m.put("ND4J", nd4j);
        m.put("CPU", cpu + ", " + cores + (cores == 1 ? " core" : " cores"));
        m.put("threads", threads);
        m.put("date", date);
        m.put("wall time", String.format(Locale.ROOT, "%.1f s", wallSeconds));
        return m;
    }

    private static Properties resource(String name) {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream(name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource: its fields say "unknown"
        }
        return p;
    }

    /** The CPU model from /proc/cpuinfo (Linux), else what the JVM knows: the architecture. */
    static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try {
                for (String line : Files.readAllLines(info)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException e) {
                // fall through to the architecture
            }
        }
        String id = System.getenv("PROCESSOR_IDENTIFIER"); // Windows
        return id != null ? id : System.getProperty("os.arch");
    }
}
