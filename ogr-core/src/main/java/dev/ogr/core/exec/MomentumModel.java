package dev.ogr.core.exec;

import dev.ogr.api.RegressionModel;

/**
 * A tracker's model whose latest gradient coordinates are replaced by those of the notebooks' momentum m
 * ({@code inside=momentum}): the reference notebooks' full OGR steps −Q·diag(1/max(|λᵢ|, floor))·Qᵀ·m, dividing a
 * momentum by the curvatures where a step rule such as {@code sfn} divides the latest gradient. Every other quantity
 * (the averages, λ, the rotation) is the tracker's own. The momentum is kept per parameter, in coordinates that do
 * not turn, and projected on the current basis (and H's eigenbasis) each step, so no per-eigen-direction state has to
 * follow a frame that turns every step.
 */
final class MomentumModel implements RegressionModel {

    private final double[] momentum;
    private RegressionModel model;

    /** A view for models of {@code k} coordinates. */
    MomentumModel(int k) {
        momentum = new double[k];
    }

    /**
     * Points this view at {@code inner}, with the momentum's coordinates {@code basisMomentum} = Vᵀm in the basis
     * (rotated into the model's coordinates when the model has a {@link RegressionModel#rotation()}).
     */
    MomentumModel wrap(RegressionModel inner, double[] basisMomentum) {
        model = inner;
        double[][] u = inner.rotation();
        int k = momentum.length;
        for (int i = 0; i < k; i++) {
            if (u == null) {
                momentum[i] = basisMomentum[i];
            } else { // model coordinate i is the direction V·U[:, i]: its momentum coordinate is (Uᵀ·Vᵀm)ᵢ
                double sum = 0;
                for (int r = 0; r < k; r++) {
                    sum += u[r][i] * basisMomentum[r];
                }
                momentum[i] = sum;
            }
        }
        return this;
    }

    @Override
    public long size() {
        return model.size();
    }

    @Override
    public boolean defined(long i) {
        return model.defined(i);
    }

    @Override
    public double position(long i) {
        return model.position(i);
    }

    /** The momentum's coordinate i, in place of the latest gradient's. */
    @Override
    public double gradient(long i) {
        return momentum[(int) i];
    }

    @Override
    public double meanPosition(long i) {
        return model.meanPosition(i);
    }

    @Override
    public double meanGradient(long i) {
        return model.meanGradient(i);
    }

    @Override
    public double positionVariance(long i) {
        return model.positionVariance(i);
    }

    @Override
    public double gradientVariance(long i) {
        return model.gradientVariance(i);
    }

    @Override
    public double covariance(long i) {
        return model.covariance(i);
    }

    @Override
    public double curvature(long i) {
        return model.curvature(i);
    }

    @Override
    public double minimum(long i) {
        return model.minimum(i);
    }

    @Override
    public double[][] rotation() {
        return model.rotation();
    }
}
