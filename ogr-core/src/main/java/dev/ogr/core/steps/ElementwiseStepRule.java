package dev.ogr.core.steps;

import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StepRule;
import dev.ogr.api.StrategyState;
import dev.ogr.api.block.CoordinateKernel;
import dev.ogr.core.kernel.Vec;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A step rule that computes each model coordinate's displacement on its own, possibly with per-coordinate state
 * (a momentum, a noise estimate) created through {@link #coordinateState}.
 */
public abstract class ElementwiseStepRule implements StepRule {

    private ModelLayout layout;
    private StrategyState state;

    @Override
    public final void init(ModelLayout modelLayout, StrategyState strategyState) {
        this.layout = modelLayout;
        this.state = strategyState;
        initState();
    }

    /** Creates the rule's state; called once by {@link #init}. */
    protected void initState() {
    }

    /**
     * A zero-filled per-coordinate state array named {@code name} (the parameters' type when coordinate-wise), as
     * an element view over the registered array.
     */
    protected final Vec coordinateState(String name) {
        DataType type = layout.geometry() == Geometry.COORDINATES ? layout.parameterType() : DataType.DOUBLE;
        INDArray array = state.create(name, type, layout.rank());
        stateArrays.add(array);
        return Vec.of(array);
    }

    private final List<INDArray> stateArrays = new ArrayList<>();

    /** The arrays made by {@link #coordinateState}, in the order made: the state arrays of a coordinate kernel. */
    protected final List<INDArray> coordinateStateArrays() {
        return List.copyOf(stateArrays);
    }

    /** Whether the layout is coordinate-wise: then a rule's {@link #coordinateKernel()} applies. */
    private boolean coordinateWise() {
        return layout != null && layout.geometry() == Geometry.COORDINATES;
    }

    /** The rule's fast form for coordinate-wise layouts, or null (the default) for none. */
    protected CoordinateKernel kernel() {
        return null;
    }

    @Override
    public final CoordinateKernel coordinateKernel() {
        return coordinateWise() ? kernel() : null;
    }

    /** The rule's array-op form for coordinate-wise layouts, or null (the default) for none. */
    protected dev.ogr.api.array.ArrayKernel arrayForm() {
        return null;
    }

    @Override
    public final dev.ogr.api.array.ArrayKernel arrayKernel() {
        return coordinateWise() ? arrayForm() : null;
    }

    /** A coordinate kernel whose state arrays are the rule's {@link #coordinateState} arrays, in the order made. */
    protected abstract class Kernel implements CoordinateKernel {
        @Override
        public List<INDArray> stateArrays() {
            return coordinateStateArrays();
        }
    }

    /** A scalar state named {@code name}. */
    protected final INDArray scalarState(String name) {
        return state.scalar(name);
    }

    private INDArray seenDelta;
    private Vec deltaV;

    @Override
    public void step(RegressionModel model, double learningRate, INDArray delta) {
        if (delta != seenDelta) {
            seenDelta = delta;
            deltaV = Vec.of(delta);
        }
        beforeStep();
        Vec out = deltaV;
        int k = (int) model.size();
        for (int i = 0; i < k; i++) {
            out.set(i, displacement(model, i, learningRate));
        }
    }

    /** Called once per step before the coordinates are visited (e.g. to advance a step counter). */
    protected void beforeStep() {
    }

    /** The displacement along model coordinate {@code i}. */
    protected abstract double displacement(RegressionModel model, long i, double learningRate);
}
