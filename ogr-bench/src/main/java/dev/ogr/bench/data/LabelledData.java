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
}
