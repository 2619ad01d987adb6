package dev.ogr.bench.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The directories searched for downloadable data sets, in order: the one given with {@code --data}, then
 * {@code $OGR_DATA}, then {@code ~/.ogr/data}. Each data set lives in a sub-directory named after it ({@code mnist/},
 * {@code fashion-mnist/}) holding the original files.
 */
public final class DataDirectories {

    /** One place to look, and why it is on the list. */
    public record Candidate(Path directory, String origin) {
        @Override
        public String toString() {
            return directory + " (" + origin + ")";
        }
    }

    private final List<Candidate> candidates;

    private DataDirectories(List<Candidate> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    /** The candidates from an explicit directory (may be null), the environment and the user's home. */
    public static DataDirectories of(Path explicit, Map<String, String> env, Path home) {
        List<Candidate> c = new ArrayList<>();
        if (explicit != null) {
            c.add(new Candidate(explicit, "--data"));
        }
        String fromEnv = env.get("OGR_DATA");
        if (fromEnv != null && !fromEnv.isBlank()) {
            c.add(new Candidate(Path.of(fromEnv), "OGR_DATA"));
        }
        c.add(new Candidate(home.resolve(".ogr").resolve("data"), "default"));
        return new DataDirectories(c);
    }

    /** The candidates for this process: {@code explicit}, {@code $OGR_DATA}, {@code ~/.ogr/data}. */
    public static DataDirectories standard(Path explicit) {
        return of(explicit, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The candidates, in search order. */
    public List<Candidate> candidates() {
        return candidates;
    }
}
