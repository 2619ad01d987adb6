package dev.ogr.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX parsing, data directories, verified downloads from a loopback server, and the bundled data sets. */
class DataTest {

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private static byte[] idxImages(int count, int rows, int cols, int declaredCount) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(raw);
        d.writeInt(IdxReader.IMAGES_MAGIC);
        d.writeInt(declaredCount);
        d.writeInt(rows);
        d.writeInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            d.writeByte(i % 256);
        }
        return raw.toByteArray();
    }

    private static byte[] idxLabels(byte... labels) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(raw);
        d.writeInt(IdxReader.LABELS_MAGIC);
        d.writeInt(labels.length);
        d.write(labels);
        return raw.toByteArray();
    }

    @Test
    void readsIdxImagesAndLabels(@TempDir Path dir) throws IOException {
        Path images = Files.write(dir.resolve("i.gz"), gzip(idxImages(3, 2, 2, 3)));
        Path labels = Files.write(dir.resolve("l.gz"), gzip(idxLabels((byte) 7, (byte) 0, (byte) 9)));
        byte[][] read = IdxReader.images(images);
        assertEquals(3, read.length);
        assertArrayEquals(new byte[] {4, 5, 6, 7}, read[1]);
        assertArrayEquals(new byte[] {7, 0, 9}, IdxReader.labels(labels));
    }

    @Test
    void aTruncatedOrForeignFileIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path truncated = Files.write(dir.resolve("short.gz"), gzip(idxImages(2, 2, 2, 3)));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.images(truncated));
        assertEquals(truncated + " is truncated: it ends before the data its header announces", e.getMessage());
        Path labels = Files.write(dir.resolve("labels.gz"), gzip(idxLabels((byte) 1)));
        e = assertThrows(DatasetException.class, () -> IdxReader.images(labels));
        assertEquals(labels + " is not an IDX image file: magic number 2049, expected 2051", e.getMessage());
        Path notGzip = Files.writeString(dir.resolve("plain.gz"), "hello");
        e = assertThrows(DatasetException.class, () -> IdxReader.labels(notGzip));
        assertTrue(e.getMessage().startsWith(notGzip + " is not a valid gzip file"), e.getMessage());
    }

    @Test
    void dataDirectoriesAreSearchedInOrder() {
        DataDirectories d = DataDirectories.of(Path.of("/x"), Map.of("OGR_DATA", "/y"), Path.of("/home/u"));
        assertEquals(List.of(Path.of("/x"), Path.of("/y"), Path.of("/home/u/.ogr/data")),
                d.candidates().stream().map(DataDirectories.Candidate::directory).toList());
        assertEquals(List.of("default"), DataDirectories.of(null, Map.of(), Path.of("/h")).candidates().stream()
                .map(DataDirectories.Candidate::origin).toList());
    }

    /** A loopback HTTP server serving {@code files} under /data/. */
    private static HttpServer serve(Map<String, byte[]> files) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/data/".length());
            byte[] body = files.get(name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String sha256(byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile("sha", ".bin");
        try {
            return Checksums.sha256(Files.write(tmp, bytes));
        } finally {
            Files.delete(tmp);
        }
    }

    @Test
    void downloadsMissingFilesChecksThemAndFindsThemAfterwards(@TempDir Path dir) throws IOException {
        byte[] a = "first file".getBytes();
        byte[] b = "second file".getBytes();
        HttpServer server = serve(Map.of("a.gz", a, "b.gz", b));
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/data/";
        RemoteDataset set = new RemoteDataset("toy", List.of(base), Map.of("a.gz", sha256(a), "b.gz", sha256(b)));
        DataDirectories dirs = DataDirectories.of(dir.resolve("explicit"), Map.of(), dir.resolve("home"));
        DatasetFiles files = new DatasetFiles(Duration.ofSeconds(5));
        try {
            Path found = files.locate(set, dirs);
            assertEquals(dir.resolve("explicit/toy"), found);
            assertArrayEquals(a, Files.readAllBytes(found.resolve("a.gz")));
        } finally {
            server.stop(0);
        }
        // The server is gone: the verified files are found where they were put.
        assertEquals(dir.resolve("explicit/toy"), files.locate(set, dirs));
    }

    @Test
    void aDownloadWithTheWrongChecksumIsRejectedAndLeavesNothing(@TempDir Path dir) throws IOException {
        HttpServer server = serve(Map.of("a.gz", "tampered".getBytes()));
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/data/";
        RemoteDataset set = new RemoteDataset("toy", List.of(base), Map.of("a.gz", sha256("original".getBytes())));
        DataDirectories dirs = DataDirectories.of(dir, Map.of(), dir.resolve("home"));
        try {
            DatasetException e = assertThrows(DatasetException.class,
                    () -> new DatasetFiles(Duration.ofSeconds(5)).locate(set, dirs));
            assertTrue(e.getMessage().startsWith("cannot find toy: looked in " + dir.resolve("toy") + " from --data"
                    + " (missing a.gz); " + dir.resolve("home/.ogr/data/toy") + " from default (missing a.gz);"
                    + " downloading into " + dir.resolve("toy") + " failed: " + base + "a.gz sent a file with SHA-256 "),
                    e.getMessage());
        } finally {
            server.stop(0);
        }
        assertFalse(Files.exists(dir.resolve("toy")),
                "no partial or unverified file may remain, nor the directory made for them");
        assertTrue(Files.isDirectory(dir), "directories that were there before stay");
    }

    @Test
    void aFoundFileWithTheWrongChecksumIsNamed(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("toy"));
        Path file = Files.writeString(dir.resolve("toy/a.gz"), "corrupted");
        RemoteDataset set = new RemoteDataset("toy", List.of("http://127.0.0.1:9/"),
                Map.of("a.gz", sha256("original".getBytes())));
        DatasetException e = assertThrows(DatasetException.class, () -> new DatasetFiles(Duration.ofSeconds(5))
                .locate(set, DataDirectories.of(dir, Map.of(), dir.resolve("home"))));
        assertTrue(e.getMessage().startsWith(file + " is corrupt or not the original: SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; delete it to download it again"), e.getMessage());
    }

    @Test
    void theBundledDataSetsHaveTheirDocumentedShape() {
        LabelledData boston = Datasets.boston();
        assertEquals(400, boston.trainTargets().length);
        assertEquals(106, boston.testTargets().length);
        assertEquals(13, boston.features());
        assertEquals(24.0, boston.trainTargets()[0], 0); // first row's MEDV
        assertEquals(0.00632, boston.trainFeatures().getDouble(0, 0), 0);
        LabelledData digits = Datasets.digits();
        assertEquals(1500 + 297, digits.trainTargets().length + digits.testTargets().length);
        assertEquals(64, digits.features());
        assertEquals(10, digits.classes());
    }

    @Test
    void readsTheRealMnistWhenSharedDataIsPresent() {
        Path shared = Path.of("../../shared/data");
        assumeTrue(Files.isDirectory(shared.resolve("mnist")), "shared/data is not beside the checkout");
        LabelledData mnist = Datasets.idx(RemoteDataset.MNIST, shared);
        assertEquals(60000, mnist.trainTargets().length);
        assertEquals(10000, mnist.testTargets().length);
        assertEquals(784, mnist.features());
        Map<Integer, Integer> counts = new HashMap<>();
        for (double label : mnist.trainTargets()) {
            counts.merge((int) label, 1, Integer::sum);
        }
        // Train label counts for digits 0..9 from shared/data/README.md.
        int[] expected = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
        for (int d = 0; d < 10; d++) {
            assertEquals(expected[d], counts.get(d), "digit " + d);
        }
        assertFalse(mnist.trainFeatures().maxNumber().doubleValue() > 1);
    }

    @Test
    void holdoutsAreSeededRandomDisjointAndComplete() {
        LabelledData boston = Datasets.boston();
        int[][] a = boston.holdout(50, 3);
        int[][] b = boston.holdout(50, 3);
        assertArrayEquals(a[1], b[1]);
        assertEquals(350, a[0].length);
        assertEquals(50, a[1].length);
        java.util.Set<Integer> all = new java.util.HashSet<>();
        for (int[] part : a) {
            for (int row : part) {
                assertTrue(all.add(row), "row " + row + " in both parts");
            }
        }
        assertEquals(400, all.size());
        // not simply the last rows, which in Boston are a different group of towns
        assertTrue(a[1][0] < 350, "the held-out rows start at " + a[1][0]);
        assertFalse(java.util.Arrays.equals(a[1], boston.holdout(50, 4)[1]));
        assertEquals(0, boston.holdout(0, 3)[1].length);
    }
}
