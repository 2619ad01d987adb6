package dev.ogr.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keeps the exponential moving averages of positions and gradients along the current basis, from which the
 * linear regression of gradients (curvature and modelled minimum) is read as a {@link RegressionModel}.
 */
public interface AverageTracker {

    /** Creates this tracker's state for a model of the given layout. */
    void init(ModelLayout layout, StrategyState state);

    /** Adds the observation of gradient {@code gradient} at {@code theta}, projected onto {@code basis}. */
    void observe(INDArray theta, INDArray gradient, Basis basis);

    /** The current model; a live view that reflects later observations. */
    RegressionModel model();

    /**
     * Called by the direction provider just before the basis moves from {@code current} to {@code next}, with
     * the optimizer at {@code theta}. Trackers whose averages depend on the basis may re-express them here; the
     * default keeps them as they are.
     */
    default void beforeRotation(INDArray theta, Basis current, Basis next) {
    }

    /**
     * The fast form of a coordinate-wise tracker, which the core's fused pass updates block by block (see
     * {@link dev.ogr.api.block.CoordinateStatistics}; {@code CoordinateStatistics.NONE} for a tracker that keeps no
     * statistics); asked once, after {@link #init}. Null (the default) when the tracker has none, or its layout is not
     * coordinate-wise: then every step runs {@link #observe}.
     */
    default dev.ogr.api.block.CoordinateStatistics coordinateStatistics() {
        return null;
    }

    /**
     * The tracker's array-op form for coordinate-wise layouts ({@link dev.ogr.api.array.ArrayStatistics}); asked once,
     * after {@link #init}. Null (the default) when it has none.
     */
    default dev.ogr.api.array.ArrayStatistics arrayStatistics() {
        return null;
    }
}
