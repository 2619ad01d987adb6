package dev.ogr.dl4j;

import dev.ogr.api.Geometry;
import dev.ogr.api.StrategyState;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.recipe.ResolvedRecipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where each state array of a coordinate-wise recipe lives in Deeplearning4j's flat updater state view: first the
 * per-parameter arrays (tracked θ, the averages, the step rule's arrays), one block of {@code numParams} elements
 * each, in the order the recipe creates them; at the very end the tail: the scalars (counters, bias weights), then
 * the number of parameters, {@link ExactScalars#SLOTS} elements each.
 *
 * <p>DL4J sizes a block's view as the sum of {@link #stateSize} over the block's parameter variables (a layer's
 * weights and biases, several layers when their updaters are equal) and never says how many parameters the block
 * has; so the view holds one tail per variable, only the last is used, and the number of parameters is learnt from
 * the first gradient and kept in the tail, where a restored view tells it before any gradient arrives.
 *
 * <p>The layout is found by building the recipe once for three parameters and recording what it allocates: arrays
 * as long as the parameters are per-parameter, arrays of one element are scalars. Anything else (a basis, a k×k
 * matrix) means the recipe is not coordinate-wise, which is an error.
 */
final class FlatStateLayout {

    /** One state array: its qualified name, type and whether it is per parameter (else a scalar). */
    record Entry(String name, DataType type, boolean perParameter) {
    }

    private static final int PROBE_DIMENSION = 3;

    private final List<Entry> entries;
    private final int perParameter;
    private final int scalars;

    private FlatStateLayout(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        this.perParameter = (int) entries.stream().filter(Entry::perParameter).count();
        this.scalars = entries.size() - perParameter;
    }

    /**
     * The layout of {@code recipe}'s state.
     *
     * @throws IllegalArgumentException if the recipe is not coordinate-wise
     */
    static FlatStateLayout of(ResolvedRecipe recipe) {
        List<Entry> entries = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        StrategyState.Allocator recording = (name, type, shape) -> {
            long length = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            if (length == PROBE_DIMENSION) {
                entries.add(new Entry(name, type, true));
            } else if (length == 1) {
                entries.add(new Entry(name, type, false));
            } else {
                unsupported.add(name + " " + Arrays.toString(shape));
            }
            return Nd4j.zeros(type, shape);
        };
        OgrOptimizer probe = OgrOptimizer.create(recipe, Nd4j.zeros(DataType.FLOAT, PROBE_DIMENSION), recording);
        if (probe.layout() == null || probe.layout().geometry() != Geometry.COORDINATES || !unsupported.isEmpty()) {
            throw new IllegalArgumentException("recipe '" + recipe.canonical() + "' is not coordinate-wise"
                    + (unsupported.isEmpty() ? "" : " (it keeps state " + unsupported + ")")
                    + ": an OgrUpdater needs direction=coordinates; train other recipes with OgrTrainer");
        }
        return new FlatStateLayout(entries);
    }

    /** The length of the flat state for one variable of {@code numParams} parameters. */
    long stateSize(long numParams) {
        return perParameter * numParams + tailSize();
    }

    /** The number of elements of the tail: the scalars and the number of parameters. */
    int tailSize() {
        return (scalars + 1) * ExactScalars.SLOTS;
    }

    /** The number of per-parameter arrays. */
    int perParameterCount() {
        return perParameter;
    }

    /** The state arrays in the order the recipe creates them. */
    List<Entry> entries() {
        return entries;
    }

    /** The number of scalar entries. */
    int scalarCount() {
        return scalars;
    }

    /**
     * Checks that a block view of {@code length} elements can serve {@code numParams} parameters: the per-parameter
     * arrays and one tail per variable of the block.
     *
     * @throws IllegalArgumentException if it cannot
     */
    void checkFits(long length, long numParams) {
        long rest = length - perParameter * numParams;
        if (rest < tailSize() || rest % tailSize() != 0) {
            throw new IllegalArgumentException("an updater state view of " + length + " elements cannot serve "
                    + numParams + " parameters: expected " + perParameter + " x " + numParams + " + a multiple of "
                    + tailSize() + " elements (was the view sized by this updater's stateSize?)");
        }
    }
}
