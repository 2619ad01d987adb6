package dev.ogr.bench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads the benchmark data sets: Boston housing and the 8×8 digits, which ship inside this module, and MNIST and
 * Fashion-MNIST, found in or downloaded to a data directory ({@link DatasetFiles}). Loaded sets are cached.
 */
public final class Datasets {

    /** Boston rows used for training; the remaining 106 are the test set. */
    public static final int BOSTON_TRAIN = 400;
    /** Digits rows used for training; the remaining 297 are the test set. */
    public static final int DIGITS_TRAIN = 1500;

    private static final Map<String, LabelledData> CACHE = new ConcurrentHashMap<>();
    /** Where each downloadable set was found (and its checksums checked), by set and directories searched. */
    private static final Map<String, Path> LOCATED = new ConcurrentHashMap<>();

    private Datasets() {
    }

    /**
     * Boston housing (Harrison &amp; Rubinfeld 1978, via scikit-learn 1.2.1): 13 raw features and the target MEDV;
     * the first 400 rows train, the last 106 test. A numerical benchmark only: column B is a racially
     * motivated transform of the proportion of Black residents (scikit-learn deprecated the set in 1.0 and removed it in
     * 1.2 for that reason), MEDV is censored at 50; it is kept because paper 2 benchmarks on it.
     */
    public static LabelledData boston() {
        return CACHE.computeIfAbsent("boston", k -> {
            List<double[]> rows = new ArrayList<>();
            try (BufferedReader r = resource("boston_house_prices.csv", false)) {
                r.readLine(); // 506,13,...
                r.readLine(); // header
                for (String line; (line = r.readLine()) != null;) {
                    if (!line.isBlank()) {
                        rows.add(parse(line.split(","), 14, "boston_house_prices.csv"));
                    }
                }
            } catch (IOException e) {
                throw new DatasetException("cannot read the bundled boston_house_prices.csv: " + e);
            }
            return split("boston", rows, 13, BOSTON_TRAIN, 0, 1);
        });
    }

    /** The UCI 8×8 digits (scikit-learn's copy): 64 pixels scaled from 0..16 to 0..1, 10 classes; 1500/297 split. */
    public static LabelledData digits() {
        return CACHE.computeIfAbsent("digits", k -> {
            List<double[]> rows = new ArrayList<>();
            try (BufferedReader r = resource("digits.csv.gz", true)) {
                for (String line; (line = r.readLine()) != null;) {
                    if (!line.isBlank()) {
                        rows.add(parse(line.split(","), 65, "digits.csv.gz"));
                    }
                }
            } catch (IOException e) {
                throw new DatasetException("cannot read the bundled digits.csv.gz: " + e);
            }
            return split("digits", rows, 64, DIGITS_TRAIN, 10, 16);
        });
    }

    /**
     * MNIST or Fashion-MNIST from the first data directory that has its four files, downloading the originals into
     * {@code explicit} (or $OGR_DATA, or ~/.ogr/data) when none has; pixels scaled to [0, 1], float. The files are
     * found and their checksums checked once per process (a suite creates the problem once per run).
     */
    public static LabelledData idx(RemoteDataset dataset, Path explicit) {
        DataDirectories dirs = DataDirectories.standard(explicit);
        Path dir = LOCATED.computeIfAbsent(dataset.name() + "@" + dirs.candidates(),
                k -> new DatasetFiles(Duration.ofSeconds(20)).locate(dataset, dirs));
        return CACHE.computeIfAbsent(dataset.name() + "@" + dir.toAbsolutePath(), k -> readIdx(dataset.name(), dir));
    }

    /** Reads the four IDX files of an MNIST-like data set in {@code dir}. */
    public static LabelledData readIdx(String name, Path dir) {
        byte[][] trainImages = IdxReader.images(dir.resolve("train-images-idx3-ubyte.gz"));
        byte[] trainLabels = IdxReader.labels(dir.resolve("train-labels-idx1-ubyte.gz"));
        byte[][] testImages = IdxReader.images(dir.resolve("t10k-images-idx3-ubyte.gz"));
        byte[] testLabels = IdxReader.labels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        if (trainImages.length != trainLabels.length || testImages.length != testLabels.length) {
            throw new DatasetException(dir + ": image and label files of " + name + " hold different numbers of examples");
        }
        return new LabelledData(name, pixels(trainImages), labels(trainLabels), pixels(testImages),
                labels(testLabels), 10);
    }

    private static org.nd4j.linalg.api.ndarray.INDArray pixels(byte[][] images) {
        int n = images.length;
        int f = n == 0 ? 0 : images[0].length;
        float[] v = new float[n * f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                v[i * f + j] = (images[i][j] & 0xFF) / 255f;
            }
        }
        return Nd4j.create(v, new long[] {n, f}, DataType.FLOAT);
    }

    private static double[] labels(byte[] labels) {
        double[] out = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] & 0xFF;
        }
        return out;
    }

    private static LabelledData split(String name, List<double[]> rows, int features, int train, int classes,
            double scale) {
        double[][] x = new double[rows.size()][features];
        double[] y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < features; j++) {
                x[i][j] = rows.get(i)[j] / scale;
            }
            y[i] = rows.get(i)[features];
        }
        return new LabelledData(name, Nd4j.createFromArray(java.util.Arrays.copyOfRange(x, 0, train)),
                java.util.Arrays.copyOfRange(y, 0, train), Nd4j.createFromArray(java.util.Arrays.copyOfRange(x, train, x.length)),
                java.util.Arrays.copyOfRange(y, train, y.length), classes);
    }

    private static double[] parse(String[] fields, int expected, String file) {
        if (fields.length != expected) {
            throw new DatasetException(file + ": a row has " + fields.length + " fields, expected " + expected);
        }
        double[] v = new double[expected];
        for (int i = 0; i < expected; i++) {
            v[i] = Double.parseDouble(fields[i]);
        }
        return v;
    }

    private static BufferedReader resource(String name, boolean gzip) throws IOException {
        InputStream in = Datasets.class.getResourceAsStream(name);
        if (in == null) {
            throw new DatasetException("the bundled data file " + name + " is missing from the classpath");
        }
        return new BufferedReader(new InputStreamReader(gzip ? new GZIPInputStream(in) : in, StandardCharsets.US_ASCII));
    }
}
