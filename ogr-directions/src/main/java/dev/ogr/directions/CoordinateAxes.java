package dev.ogr.directions;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.Geometry;
import dev.ogr.api.StrategyState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The coordinate axes: one independent one-dimensional model per parameter (paper 1's ASGD and ASGDc, the
 * notebooks' diagonal OGR variants, and the first-order baselines). The basis never rotates.
 */
public final class CoordinateAxes implements DirectionProvider {

    @Override
    public Geometry geometry() {
        return Geometry.COORDINATES;
    }

    @Override
    public long rank(long dimension) {
        return dimension;
    }

    @Override
    public void init(long dimension, DataType type, StrategyState state) {
        // stateless
    }

    @Override
    public void accumulate(INDArray theta, INDArray gradient) {
        // nothing to accumulate
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public Basis basis() {
        return Basis.coordinates();
    }

    @Override
    public void rotate(INDArray theta, AverageTracker tracker) {
        // the axes never move
    }

    @Override
    public String toString() {
        return "coordinates";
    }
}
