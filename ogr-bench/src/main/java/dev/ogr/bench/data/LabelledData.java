package dev.ogr.bench.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classification or regression data set split into training and test parts: feature matrices (rows are
 * examples) and targets (class labels as 0..k−1, or real values).
 *
 * @param name          the data set's name
 * @param trainFeatures training examples, n×F
 * @param trainTargets  training targets, length n
 * @param testFeatures  test examples, m×F
 * @param testTargets   test targets, length m
 * @param classes       the number of classes, or 0 for regression
 */
public record LabelledData(String name, INDArray trainFeatures, double[] trainTargets, INDArray testFeatures,
        double[] testTargets, int classes) {

    /** Checks that rows and targets match. */
    public LabelledData {
        if (trainFeatures.rows() != trainTargets.length || testFeatures.rows() != testTargets.length) {
            throw new IllegalArgumentException(name + ": feature rows and targets differ in number");
        }
    }

    /** The number of features F. */
    public int features() {
        return (int) trainFeatures.columns();
    }

    /**
     * Splits the training rows into rows kept for training and {@code holdout} rows held out for validation, chosen
     * by a permutation seeded with {@code seed} (data files are often ordered, so the last rows would be a biased
     * sample); both lists are in increasing row order.
     *
     * @return two arrays: the training rows, then the held-out rows
     */
    public int[][] holdout(int holdout, long seed) {
        int n = trainTargets.length;
        if (holdout < 0 || holdout >= n) {
            throw new dev.ogr.api.ConfigurationException("holdout must be in [0, " + (n - 1) + "] for " + name
                    + "'s " + n + " training rows, got " + holdout);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        int[] held = java.util.Arrays.copyOfRange(p, n - holdout, n);
        int[] kept = java.util.Arrays.copyOfRange(p, 0, n - holdout);
        java.util.Arrays.sort(held);
        java.util.Arrays.sort(kept);
        return new int[][] {kept, held};
    }
}
