package dev.ogr.core.steps;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StepRule;
import dev.ogr.api.StrategyState;
import dev.ogr.api.block.CoordinateBlock;
import dev.ogr.api.block.CoordinateKernel;
import dev.ogr.core.kernel.Vec;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A coordinate-wise step rule written once, as its {@link CoordinateKernel}: the core runs the kernel in its fused
 * pass, and this class's general path ({@link #step}, for parameters the fused pass cannot read) runs the same kernel
 * over the model's coordinates block by block, passes, sums and all, so both paths compute the same arithmetic. For
 * the rules whose step needs sums over every coordinate (the parameter-free baselines); they model coordinates only.
 */
public abstract class KernelStepRule implements StepRule, CoordinateKernel {

    private final String name;
    private final List<INDArray> states = new ArrayList<>();
    private StrategyState state;
    private INDArray scalars;
    // the general path's working memory
    private CoordinateBlock block;
    private Vec[] stateViews;
    private INDArray seenDelta;
    private Vec deltaView;
    private double[] partials;
    private double[] totals;

    /** A rule named {@code name} in messages (e.g. {@code "step 'prodigy'"}). */
    protected KernelStepRule(String name) {
        this.name = name;
    }

    @Override
    public final void init(ModelLayout layout, StrategyState strategyState) {
        if (layout.geometry() != Geometry.COORDINATES) {
            throw new ConfigurationException(name + " adapts each coordinate of the parameters and needs"
                    + " direction=coordinates, got a " + layout.geometry().name().toLowerCase(java.util.Locale.ROOT)
                    + " model");
        }
        this.state = strategyState;
        this.scalars = strategyState.create("scalars", org.nd4j.linalg.api.buffer.DataType.DOUBLE, scalarCount());
        initState(layout);
    }

    /** The number of scalar estimates the rule keeps ({@link #scalar}, {@link #setScalar}); exported with the state. */
    protected abstract int scalarCount();

    /** Creates the rule's per-coordinate arrays through {@link #coordinateArray}; called once by {@link #init}. */
    protected abstract void initState(ModelLayout layout);

    /** A zero-filled per-coordinate array of the parameters' type, named {@code arrayName}: kernel state lane j. */
    protected final INDArray coordinateArray(String arrayName, ModelLayout layout) {
        INDArray array = state.create(arrayName, layout.parameterType(), layout.rank());
        states.add(array);
        return array;
    }

    /** Scalar estimate {@code i}. */
    protected final double scalar(int i) {
        return scalars.getDouble(i);
    }

    /** Sets scalar estimate {@code i}. */
    protected final void setScalar(int i, double value) {
        scalars.putScalar(i, value);
    }

    /**
     * The base of a rule's array-op form ({@link #arrayKernel()}): it reads no statistics, and it is named after the
     * rule.
     */
    protected abstract class ArrayForm implements dev.ogr.api.array.ArrayKernel {

        @Override
        public final boolean readsStatistics() {
            return false;
        }

        @Override
        public final String toString() {
            return KernelStepRule.this.toString();
        }
    }

    @Override
    public final List<INDArray> stateArrays() {
        return List.copyOf(states);
    }

    @Override
    public final CoordinateKernel coordinateKernel() {
        return this;
    }

    @Override
    public boolean readsStatistics() {
        return false;
    }

    @Override
    public boolean readsCovariance() {
        return false;
    }

    /** The general path: this kernel over the model's positions and gradients, its output as a displacement. */
    @Override
    public final void step(RegressionModel model, double learningRate, INDArray delta) {
        if (delta != seenDelta) {
            seenDelta = delta;
            deltaView = Vec.of(delta);
            block = new CoordinateBlock();
            stateViews = new Vec[states.size()];
            for (int j = 0; j < stateViews.length; j++) {
                stateViews[j] = Vec.of(states.get(j));
            }
        }
        int n = (int) model.size();
        int sumCount = sums();
        int blocks = (n + CoordinateBlock.SIZE - 1) / CoordinateBlock.SIZE;
        if (partials == null || partials.length < blocks * sumCount) {
            partials = new double[blocks * sumCount];
        }
        if (totals == null || totals.length != sumCount) {
            totals = new double[sumCount];
        }
        beginStep(learningRate);
        int passes = passes();
        double[] x = block.lane(CoordinateBlock.THETA);
        double[] g = block.lane(CoordinateBlock.GRADIENT);
        double[] newX = block.lane(CoordinateBlock.NEW_THETA);
        for (int pass = 0; pass < passes; pass++) {
            for (int b = 0; b < n; b += CoordinateBlock.SIZE) {
                int count = Math.min(CoordinateBlock.SIZE, n - b);
                block.begin(count, learningRate, 0, stateViews.length);
                block.beginPass(pass, sumCount);
                for (int i = 0; i < count; i++) {
                    x[i] = model.position(b + i);
                    g[i] = model.gradient(b + i);
                }
                for (int j = 0; j < stateViews.length; j++) {
                    double[] lane = block.lane(CoordinateBlock.STATE + j);
                    for (int i = 0; i < count; i++) {
                        lane[i] = stateViews[j].get(b + i);
                    }
                }
                compute(block);
                for (int j = 0; j < stateViews.length; j++) {
                    double[] lane = block.lane(CoordinateBlock.STATE + j);
                    for (int i = 0; i < count; i++) {
                        stateViews[j].set(b + i, lane[i]);
                    }
                }
                System.arraycopy(block.sums(), 0, partials, b / CoordinateBlock.SIZE * sumCount, sumCount);
                if (pass == passes - 1) {
                    for (int i = 0; i < count; i++) {
                        deltaView.set(b + i, newX[i] - x[i]);
                    }
                }
            }
            java.util.Arrays.fill(totals, 0.0);
            for (int b = 0; b < blocks; b++) {
                for (int j = 0; j < sumCount; j++) {
                    totals[j] += partials[b * sumCount + j];
                }
            }
            endPass(pass, totals);
        }
    }
}
