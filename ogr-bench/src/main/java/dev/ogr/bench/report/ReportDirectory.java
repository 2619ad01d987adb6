package dev.ogr.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ogr.api.ConfigurationException;
import dev.ogr.bench.suite.RunJournal;
import dev.ogr.bench.suite.Suite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 *
 * <p>A report is never written over the earlier one file by file: it is written into a staging directory and put in
 * place only once complete ({@link #commit}). When the directory holds nothing but ogr's own files (an earlier
 * report, the {@link RunJournal}), the staging directory is beside it ({@code .NAME.ogr-new-PID}) and the two
 * directories are swapped by two renames; otherwise (other files stay in the directory, or it is the working
 * directory) the staging directory is inside it and each new file replaces the old one by an atomic rename. Left-overs
 * of a killed run (a staging directory, the earlier directory moved aside by a swap that did not finish) are cleaned
 * up, or moved back, by the next {@link #check}.
 */
public final class ReportDirectory implements AutoCloseable {

    private static final String STAGING = ".ogr-new-";
    private static final String ASIDE = ".ogr-old-";

    private final Path dir;
    private final List<Path> earlier;
    private final boolean swap;
    private Path staging;

    private final FileChannel lock;

    private ReportDirectory(Path dir, List<Path> earlier, boolean swap, FileChannel lock) {
        this.dir = dir;
        this.earlier = earlier;
        this.swap = swap;
        this.lock = lock;
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
        return check(dir, Configuration.of(suite), force);
    }

    /**
     * Checks {@code dir} for the report of a run of suite {@code suite} with {@code optimizers} on {@code seeds} seeds
     * (the dl4j and lr suites, which are no suite file); as {@link #check(Path, Suite, boolean)}.
     */
    public static ReportDirectory check(Path dir, String suite, List<String> optimizers, int seeds, boolean force) {
        return check(dir, new Configuration(suite, List.copyOf(optimizers), seeds), force);
    }

    private static ReportDirectory check(Path dir, Configuration now, boolean force) {
        if (dir.toString().isEmpty()) {
            throw new ConfigurationException("--out is empty; expected the directory to write the report into");
        }
        dir = dir.toAbsolutePath().normalize();
        if (dir.getFileName() == null) {
            throw new ConfigurationException("--out " + dir + " is the file system's root; choose a directory below it");
        }
        moveBackAside(dir);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
            throw new ConfigurationException("--out " + dir + " is not a directory; choose another --out");
        }
        for (Path up = dir.getParent(); up != null; up = up.getParent()) {
            if (Files.exists(up) && !Files.isDirectory(up)) {
                throw new ConfigurationException("--out " + dir + " cannot be a directory: " + up + " is a file");
            }
        }
        // the working directory (or one above it), or a link, is never renamed: the new files go into it one by one
        boolean below = Path.of("").toAbsolutePath().normalize().startsWith(dir) || Files.isSymbolicLink(dir);
        List<Path> others = Files.isDirectory(dir) ? others(dir) : List.of();
        if (others.isEmpty()) {
            return locked(dir, List.of(), !below);
        }
        Earlier earlier = read(dir.resolve("results.json"));
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
        List<Path> files = earlier == null ? List.of() : ReportWriter.files(dir, earlier.labels());
        boolean onlyOurs = files.stream().map(f -> f.toAbsolutePath().normalize()).toList().containsAll(others);
        return locked(dir, files, onlyOurs && !below);
    }

    /**
     * The report directory once this process holds the lock on its run journal (creating both): another
     * {@code ogr bench} writing into the same directory is refused, and only then are a killed run's staging
     * directories removed.
     */
    private static ReportDirectory locked(Path dir, List<Path> earlier, boolean swap) {
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(RunJournal.FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ConfigurationException("--out " + dir + " cannot be written: " + e.getMessage());
        }
        try {
            java.nio.channels.FileLock held;
            try {
                held = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException inThisProcess) {
                held = null;
            }
            if (held == null) {
                throw new ConfigurationException("--out " + dir + " is being written by another ogr bench run (its run"
                        + " journal is locked); wait for it to end, or choose another --out");
            }
            removeStaging(dir);
            return new ReportDirectory(dir, earlier, swap, channel);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the refusal below says what matters
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new ConfigurationException("--out " + dir + ": cannot lock its run journal: " + e.getMessage());
        }
    }

    /** Releases the lock on the directory (the process's end releases it too). */
    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException e) {
            // nothing is lost: the lock goes with the process
        }
    }

    /** The directory the report goes to (absolute). */
    public Path directory() {
        return dir;
    }

    /** Whether the directory holds an earlier report (that stays whole until {@link #commit}). */
    public boolean hasEarlierReport() {
        return Files.isRegularFile(dir.resolve("results.json"));
    }

    /** The staging directory {@link #prepare} made, that the report is written into. */
    public Path staging() {
        if (staging == null) {
            throw new IllegalStateException("staging() before prepare()");
        }
        return staging;
    }

    /** The run journal's file in the directory. */
    public Path journalFile() {
        return dir.resolve(RunJournal.FILE);
    }

    /**
     * Creates the directory and the (empty) staging directory the report will be written into, so that a directory
     * that cannot be written is found before anything runs; returns the staging directory.
     *
     * @throws ConfigurationException naming the directory that cannot be created and why
     */
    public Path prepare() {
        Path target = swap ? dir.resolveSibling("." + dir.getFileName() + STAGING + ProcessHandle.current().pid())
                : dir.resolve(STAGING + ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir);
            deleteTree(target);
            staging = Files.createDirectory(target);
            return staging;
        } catch (IOException e) {
            throw new ConfigurationException("--out " + dir + " cannot be written: " + e.getMessage());
        }
    }

    /**
     * Puts the report written into the staging directory in place of the earlier one, deleting the earlier report's
     * files and the run journal (the report now holds every run); see the class comment for how.
     */
    public void commit() throws IOException {
        if (staging == null) {
            throw new IllegalStateException("commit() before prepare()");
        }
        if (swap) {
            Path aside = dir.resolveSibling("." + dir.getFileName() + ASIDE + ProcessHandle.current().pid());
            deleteTree(aside);
            Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(aside);
        } else {
            clear();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(staging)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path f : files) {
                Path to = dir.resolve(staging.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.move(f, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            deleteTree(staging);
            Files.deleteIfExists(journalFile());
        }
        staging = null;
    }

    /** Deletes the staging directory and what was written into it (an interrupted or failed run); idempotent. */
    public void discard() {
        Path s = staging;
        if (s != null) {
            try {
                deleteTree(s);
            } catch (IOException e) {
                // best effort: the next check() removes a staging directory left behind
            }
        }
    }

    /** Deletes the earlier report's files, if any, leaving every other file. */
    void clear() throws IOException {
        Path top = dir;
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

    /** After a killed run's unfinished swap: moves the earlier report, moved aside, back when {@code dir} is gone. */
    private static void moveBackAside(Path dir) {
        String prefix = "." + dir.getFileName();
        Path parent = dir.getParent();
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> list = Files.list(parent)) {
            Path aside = list.filter(p -> p.getFileName().toString().startsWith(prefix + ASIDE)
                    && ours(p.getFileName().toString(), prefix)).sorted().findFirst().orElse(null);
            if (aside != null) {
                Files.move(aside, dir, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new ConfigurationException("--out " + dir + ": cannot move back the report an interrupted run moved"
                    + " aside: " + e.getMessage());
        }
    }

    /**
     * Deletes what a killed run left: staging directories beside or inside {@code dir}, and an earlier report moved
     * aside by a swap that did finish its second rename. Called with the directory's lock held.
     */
    private static void removeStaging(Path dir) throws IOException {
        String prefix = "." + dir.getFileName();
        List<Path> leftovers = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir.getParent())) {
            list.filter(p -> ours(p.getFileName().toString(), prefix)).forEach(leftovers::add);
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> ours(p.getFileName().toString(), "")).forEach(leftovers::add);
        }
        for (Path p : leftovers) {
            deleteTree(p);
        }
    }

    /** Whether {@code name} is a staging or moved-aside directory of ours for the given prefix. */
    private static boolean ours(String name, String prefix) {
        for (String kind : List.of(STAGING, ASIDE)) {
            if (name.startsWith(prefix + kind) && name.substring((prefix + kind).length()).matches("[0-9]+")) {
                return !prefix.isEmpty() || kind.equals(STAGING);
            }
        }
        return false;
    }

    /** The files and directories in {@code dir} other than the run journal, as absolute paths (plots/ by content). */
    private static List<Path> others(Path dir) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !p.equals(dir) && !p.equals(dir.resolve(RunJournal.FILE))
                    && !(p.equals(dir.resolve(ReportWriter.PLOTS)) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)))
                    .forEach(p -> out.add(p.toAbsolutePath().normalize()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(java.util.Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
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
