package dev.ogr.api;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The shape of an optimizer's regression model: the geometry, the number of parameters D, the number of model
 * coordinates k (1 for one direction, d for a subspace, D for coordinate-wise models) and the parameters'
 * data type.
 *
 * @param geometry      how model coordinates relate to parameters
 * @param dimension     the number of parameters D
 * @param rank          the number of model coordinates k
 * @param parameterType the data type of parameters and gradients
 * @param covariance    whether the step rule reads cov(g, θ) ({@link StepRule#readsCovariance}); a tracker of a
 *                      coordinate-wise model may then leave it out, saving a D-length array and its memory traffic
 */
public record ModelLayout(Geometry geometry, long dimension, long rank, DataType parameterType, boolean covariance) {

    /** A layout whose step rule reads the covariance. */
    public ModelLayout(Geometry geometry, long dimension, long rank, DataType parameterType) {
        this(geometry, dimension, rank, parameterType, true);
    }


    /** Checks the invariants: D &ge; 1, 0 &le; k &le; D, and k = D for coordinate-wise models. */
    public ModelLayout {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + dimension);
        }
        if (rank < 0 || rank > dimension) {
            throw new IllegalArgumentException("rank must be in [0, " + dimension + "], got " + rank);
        }
        if (geometry == Geometry.COORDINATES && rank != dimension) {
            throw new IllegalArgumentException("a coordinate-wise model has rank = dimension = " + dimension
                    + ", got rank " + rank);
        }
    }
}
