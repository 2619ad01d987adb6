package com.example.ogr.mnist;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** 28×28 digit images in ten classes, as training batches and a test set: MNIST from its files, or synthetic. */
record Digits(String name, List<DataSet> batches, DataSet test) {

    static final int PIXELS = 28 * 28;
    static final int CLASSES = 10;

    /**
     * MNIST from {@code dir/mnist/}, which holds the four original files ({@code train-images-idx3-ubyte.gz},
     * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz}, {@code t10k-labels-idx1-ubyte.gz}),
     * pixels scaled to [0, 1], the training set in batches of {@code batchSize}.
     */
    static Digits mnist(Path dir, int batchSize) throws IOException {
        Path mnist = dir.resolve("mnist");
        DataSet train = read(mnist.resolve("train-images-idx3-ubyte.gz"), mnist.resolve("train-labels-idx1-ubyte.gz"));
        DataSet test = read(mnist.resolve("t10k-images-idx3-ubyte.gz"), mnist.resolve("t10k-labels-idx1-ubyte.gz"));
        return new Digits("MNIST from " + mnist, train.batchBy(batchSize), test);
    }

    private static DataSet read(Path images, Path labels) throws IOException {
        for (Path p : List.of(images, labels)) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null, "expected the original MNIST file here");
            }
        }
        try (DataInputStream img = open(images, 2051); DataInputStream lab = open(labels, 2049)) {
            int n = img.readInt();
            int rows = img.readInt();
            int cols = img.readInt();
            if (lab.readInt() != n || rows * cols != PIXELS) {
                throw new IOException(images + " and " + labels + " do not describe the same " + PIXELS
                        + "-pixel images");
            }
            byte[] pixels = new byte[n * PIXELS];
            img.readFully(pixels);
            float[] x = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                x[i] = (pixels[i] & 0xff) / 255f;
            }
            byte[] classes = new byte[n];
            lab.readFully(classes);
            INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
            for (int i = 0; i < n; i++) {
                y.putScalar(i, classes[i], 1f);
            }
            return new DataSet(Nd4j.create(x, new long[] {n, PIXELS}), y);
        }
    }

    private static DataInputStream open(Path file, int magic) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(file));
        DataInputStream data = new DataInputStream(in);
        int found = data.readInt();
        if (found != magic) {
            data.close();
            throw new IOException(file + ": IDX magic number " + found + ", expected " + magic);
        }
        return data;
    }

    /**
     * Synthetic digits: ten random prototype images, each example a prototype with uniform noise, clipped to
     * [0, 1]; the same for the same seed.
     */
    static Digits synthetic(int trainExamples, int testExamples, int batchSize, long seed) {
        Random random = new Random(seed);
        float[][] prototypes = new float[CLASSES][PIXELS];
        for (float[] p : prototypes) {
            for (int j = 0; j < PIXELS; j++) {
                p[j] = random.nextFloat() < 0.2f ? 1f : 0f;
            }
        }
        DataSet train = sample(prototypes, trainExamples, random);
        DataSet test = sample(prototypes, testExamples, random);
        return new Digits("synthetic digits (" + trainExamples + " training examples)", train.batchBy(batchSize), test);
    }

    private static DataSet sample(float[][] prototypes, int n, Random random) {
        float[] x = new float[n * PIXELS];
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(CLASSES);
            for (int j = 0; j < PIXELS; j++) {
                x[i * PIXELS + j] = Math.min(1f, Math.max(0f, prototypes[c][j] + 1.6f * (random.nextFloat() - 0.5f)));
            }
            y.putScalar(i, c, 1f);
        }
        return new DataSet(Nd4j.create(x, new long[] {n, PIXELS}), y);
    }

    /** The first {@code steps} training batches, cycling through the training set as often as needed. */
    List<DataSet> firstBatches(int steps) {
        List<DataSet> out = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            out.add(batches.get(i % batches.size()));
        }
        return out;
    }
}
