package dev.ogr.bench.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the files of a {@link RemoteDataset} in the data directories, or downloads the originals into the first
 * directory and checks them against their SHA-256. A file found with the wrong checksum is reported, never used;
 * a download is written to a temporary file and moved into place only once its checksum matches, so a failed or
 * interrupted download leaves nothing behind.
 */
public final class DatasetFiles {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetFiles.class);

    private final Duration timeout;
    private HttpClient http; // made on the first download: a client holds a selector thread of its own

    /** A finder that downloads with the given per-request timeout. */
    public DatasetFiles(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The directory holding all of {@code dataset}'s files, checked.
     *
     * @throws DatasetException naming every place looked at and why the download failed, or a corrupt file
     */
    public Path locate(RemoteDataset dataset, DataDirectories dirs) {
        List<String> looked = new ArrayList<>();
        for (DataDirectories.Candidate c : dirs.candidates()) {
            refuseNonDirectory(c.directory(), c.origin());
            Path dir = c.directory().resolve(dataset.name());
            refuseNonDirectory(dir, c.origin());
            refuseNonFiles(dataset, dir);
            List<String> missing = missing(dataset, dir);
            if (missing.isEmpty()) {
                verify(dataset, dir);
                return dir;
            }
            looked.add(dir + " from " + c.origin() + " (missing " + String.join(", ", missing) + ")");
        }
        DataDirectories.Candidate first = dirs.candidates().get(0);
        Path target = first.directory().resolve(dataset.name());
        try {
            download(dataset, target);
        } catch (DatasetException e) {
            throw new DatasetException("cannot find " + dataset.name() + ": looked in " + String.join("; ", looked)
                    + "; downloading into " + target + " failed: " + e.getMessage()
                    + ". Put the original files in one of those directories, or pass --data DIR.");
        }
        verify(dataset, target);
        return target;
    }

    /** Refuses a data directory that exists but is no directory (a file there would make the download fail). */
    private static void refuseNonDirectory(Path dir, String origin) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new DatasetException(dir + " (from " + origin + ") is not a directory; expected the directory that"
                    + " holds the data sets, each in a sub-directory named after it");
        }
    }

    /**
     * Refuses a data file that exists but is not a regular readable file (a directory, a device, a file that cannot
     * be read): it is neither used nor downloaded over.
     */
    private static void refuseNonFiles(RemoteDataset dataset, Path dir) {
        for (String name : new TreeSet<>(dataset.sha256().keySet())) {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            if (Files.isDirectory(file)) {
                throw new DatasetException(file + " is a directory, not the data file " + name + " of "
                        + dataset.name() + "; remove it, or put the original file there");
            }
            if (!Files.isRegularFile(file)) {
                throw new DatasetException(file + " is not a regular file (expected the data file " + name + " of "
                        + dataset.name() + ")");
            }
            if (!Files.isReadable(file)) {
                throw new DatasetException(file + " cannot be read (permission denied); expected the data file "
                        + name + " of " + dataset.name());
            }
        }
    }

    private static List<String> missing(RemoteDataset dataset, Path dir) {
        List<String> missing = new ArrayList<>();
        for (String name : new TreeSet<>(dataset.sha256().keySet())) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static void verify(RemoteDataset dataset, Path dir) {
        for (String name : new TreeSet<>(dataset.sha256().keySet())) {
            Path file = dir.resolve(name);
            String actual;
            try {
                actual = Checksums.sha256(file);
            } catch (IOException e) {
                throw new DatasetException("cannot read " + file + ": " + e);
            }
            String expected = dataset.sha256().get(name);
            if (!actual.equals(expected)) {
                throw new DatasetException(file + " is corrupt or not the original: SHA-256 " + actual + ", expected "
                        + expected + "; delete it to download it again");
            }
        }
    }

    /**
     * Downloads every missing file of {@code dataset} into {@code dir}, checking each before it is kept. When the
     * download fails, the directories it created are removed again if they are still empty.
     */
    void download(RemoteDataset dataset, Path dir) {
        Path created = dir.toAbsolutePath();
        while (created.getParent() != null && !Files.exists(created.getParent())) {
            created = created.getParent();
        }
        boolean existed = Files.exists(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatasetException("cannot create " + dir + ": " + e);
        }
        try {
            downloadMissing(dataset, dir);
        } catch (RuntimeException e) {
            if (!existed) {
                removeEmpty(dir.toAbsolutePath(), created);
            }
            throw e;
        }
    }

    /** Deletes {@code dir} and its parents up to {@code top} while they are empty. */
    private static void removeEmpty(Path dir, Path top) {
        for (Path d = dir; d != null && d.startsWith(top); d = d.getParent()) {
            try {
                Files.delete(d); // fails, and stops here, unless d is an empty directory
            } catch (IOException e) {
                return;
            }
        }
    }

    private void downloadMissing(RemoteDataset dataset, Path dir) {
        for (String name : missing(dataset, dir)) {
            List<String> failures = new ArrayList<>();
            boolean done = false;
            for (String base : dataset.baseUrls()) {
                try {
                    fetch(URI.create(base + name), dir.resolve(name), dataset.sha256().get(name));
                    done = true;
                    break;
                } catch (DatasetException e) {
                    failures.add(e.getMessage());
                }
            }
            if (!done) {
                throw new DatasetException(String.join("; ", failures));
            }
        }
    }

    private void fetch(URI uri, Path target, String sha256) {
        LOG.info("downloading {}", uri);
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout.multipliedBy(20)).GET().build();
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
            }
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DatasetException(uri + " answered HTTP " + response.statusCode());
                }
                Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            String actual = Checksums.sha256(partial);
            if (!actual.equals(sha256)) {
                throw new DatasetException(uri + " sent a file with SHA-256 " + actual + ", expected " + sha256);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DatasetException(uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException(uri + ": interrupted");
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: the partial file is never read
            }
        }
    }
}
