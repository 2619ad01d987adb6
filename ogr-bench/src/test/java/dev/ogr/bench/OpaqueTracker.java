package dev.ogr.bench;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StrategyState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An average tracker hidden behind the plain {@link AverageTracker} interface, so that the optimizer cannot take its
 * two-pass steps (which need the tracker to take projections) and runs the general path: the reference the two-pass
 * steps are tested against.
 */
final class OpaqueTracker implements AverageTracker {
    private final AverageTracker inner;

    OpaqueTracker(AverageTracker inner) {
        this.inner = inner;
    }

    @Override
    public void init(ModelLayout layout, StrategyState state) {
        inner.init(layout, state);
    }

    @Override
    public void observe(INDArray theta, INDArray gradient, Basis basis) {
        inner.observe(theta, gradient, basis);
    }

    @Override
    public RegressionModel model() {
        return inner.model();
    }

    @Override
    public void beforeRotation(INDArray theta, Basis current, Basis next) {
        inner.beforeRotation(theta, current, next);
    }
}
