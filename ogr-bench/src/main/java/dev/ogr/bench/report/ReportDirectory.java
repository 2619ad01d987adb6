package dev.ogr.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ogr.api.ConfigurationException;
import dev.ogr.bench.suite.Suite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rule for a report's directory ({@code ogr bench --out DIR}), so that one directory never holds a mix of two
 * runs. A directory that does not exist or is empty is used as it is. One that holds the report of the same run
 * configuration (its {@code results.json} names the same suite, optimizers and seeds) is the report being redone:
 * that report's files are deleted just before the new one is written, so no chart of a problem the suite no longer
 * has is left behind. Anything else (files that are no ogr report, or the report of another suite, optimizer list
 * or number of seeds) is refused before anything runs, unless {@code --force} is given; then an earlier report's
 * files are deleted likewise. Only files a report writes are ever deleted ({@link ReportWriter#files}: the report,
 * the results, the charts of the problems the earlier {@code results.json} lists, and {@code plots/} once empty);
 * any other file in the directory stays.
 */
public final class ReportDirectory {

    private final Path dir;
    private final List<Path> earlier;

    private ReportDirectory(Path dir, List<Path> earlier) {
        this.dir = dir;
        this.earlier = earlier;
    }

    /** The run configuration a report records, as {@code results.json} has it. */
    private record Configuration(String suite, List<String> optimizers, int seeds) {

        static Configuration of(Suite s) {
            return new Configuration(s.name(), s.optimizers(), s.seeds());
        }

        @Override
        public String toString() {
            int n = optimizers.size();
            return "suite '" + suite + "', " + seeds + (seeds == 1 ? " seed, " : " seeds, ") + n
                    + (n == 1 ? " optimizer" : " optimizers") + (n <= 8 ? " (" + String.join(", ", optimizers) + ")" : "");
        }
    }

    /** What an earlier report's {@code results.json} says: its configuration and its problems' labels. */
    private record Earlier(Configuration configuration, List<String> labels) {
    }

    /**
     * Checks {@code dir} for a report of {@code suite} (see the class comment); call it before the run.
     *
     * @throws ConfigurationException naming {@code dir}, what it holds and the way out, when it may not be used
     */
    public static ReportDirectory check(Path dir, Suite suite, boolean force) {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
            throw new ConfigurationException("--out " + dir + " is not a directory; choose another --out");
        }
        if (!Files.isDirectory(dir) || isEmpty(dir)) {
            return new ReportDirectory(dir, List.of());
        }
        Earlier earlier = read(dir.resolve("results.json"));
        Configuration now = Configuration.of(suite);
        if (!force) {
            if (earlier == null) {
                throw new ConfigurationException("--out " + dir + " is not empty and holds no ogr report; pass --force"
                        + " to write the report into it anyway (its other files stay), or choose another --out");
            }
            if (!earlier.configuration().equals(now)) {
                throw new ConfigurationException("--out " + dir + " holds the report of another run ("
                        + earlier.configuration() + "; this run: " + now + "); pass --force to replace it, or choose"
                        + " another --out");
            }
        }
        return new ReportDirectory(dir, earlier == null ? List.of() : ReportWriter.files(dir, earlier.labels()));
    }

    /** Deletes the earlier report's files, if any; call it once the run is done, just before writing the report. */
    public void clear() throws IOException {
        Path top = dir.toAbsolutePath().normalize();
        Path plots = top.resolve(ReportWriter.PLOTS);
        for (Path f : earlier) {
            Path n = f.toAbsolutePath().normalize();
            // a label is the user's text: a chart's path must stay directly under plots/ (a label with "../" in it)
            boolean ours = plots.equals(n.getParent())
                    || top.equals(n.getParent()) && ReportWriter.FILES.contains(n.getFileName().toString());
            if (ours && Files.isRegularFile(n, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(n);
            }
        }
        if (Files.isDirectory(plots, LinkOption.NOFOLLOW_LINKS) && isEmpty(plots)) {
            Files.delete(plots);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The configuration and problem labels of an ogr report's {@code results.json}; null if it is none. */
    private static Earlier read(Path json) {
        if (!Files.isRegularFile(json)) {
            return null;
        }
        try {
            JsonNode suite = new ObjectMapper().readTree(json.toFile()).path("suite");
            JsonNode optimizers = suite.path("optimizers");
            JsonNode problems = suite.path("problems");
            if (!suite.path("name").isTextual() || !suite.path("seeds").isInt() || !optimizers.isArray()
                    || !problems.isArray()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            optimizers.forEach(o -> names.add(o.asText()));
            List<String> labels = new ArrayList<>();
            problems.forEach(p -> labels.add(p.path("label").asText()));
            return new Earlier(new Configuration(suite.path("name").asText(), names, suite.path("seeds").asInt()),
                    labels);
        } catch (IOException e) {
            return null; // not JSON: not a report
        }
    }
}
