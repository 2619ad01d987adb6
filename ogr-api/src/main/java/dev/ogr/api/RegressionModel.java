package dev.ogr.api;

/**
 * The current estimates of an average tracker, per model coordinate i &lt; k: the latest observed position and
 * gradient coordinates and the bias-corrected moving averages of the linear regression of gradient on position.
 *
 * <p>For a diagonal model (one direction, coordinate-wise) coordinate i is the i-th basis direction. For a full
 * subspace model the tracker diagonalises its Hessian estimate and reports every quantity in that eigenbasis, so
 * step rules can treat all geometries alike: each coordinate is a one-dimensional parabola model.
 */
public interface RegressionModel {

    /** The number of model coordinates k. */
    long size();

    /** Whether the regression is defined for coordinate i: observed at least twice, with positive position spread. */
    boolean defined(long i);

    /** The latest observed position coordinate x_i (in the tracker's frame, e.g. relative to its centre). */
    double position(long i);

    /** The latest observed gradient coordinate y_i. */
    double gradient(long i);

    /** The bias-corrected moving average of the position. */
    double meanPosition(long i);

    /** The bias-corrected moving average of the gradient. */
    double meanGradient(long i);

    /** The moving variance of the position, var(θ). */
    double positionVariance(long i);

    /** The moving variance of the gradient, var(g). */
    double gradientVariance(long i);

    /** The moving covariance of gradient and position, cov(g, θ). */
    double covariance(long i);

    /** The curvature estimate λ_i = cov(g, θ) / var(θ): the slope of the gradient against the position. */
    default double curvature(long i) {
        return covariance(i) / positionVariance(i);
    }

    /** The modelled minimum p_i = mean(θ) − mean(g) / λ_i along coordinate i, where the fitted gradient is zero. */
    default double minimum(long i) {
        return meanPosition(i) - meanGradient(i) / curvature(i);
    }

    /**
     * For a full subspace model, the orthonormal k×k matrix U whose columns are the Hessian estimate's eigenvectors
     * in basis coordinates: model coordinate i is the direction V·U[:, i], and a displacement δ in model coordinates
     * moves the parameters by V·U·δ. Null for diagonal models (the default), whose coordinates are the basis itself.
     */
    default double[][] rotation() {
        return null;
    }
}
