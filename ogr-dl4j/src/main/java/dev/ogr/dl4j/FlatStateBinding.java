package dev.ogr.dl4j;

import dev.ogr.api.StrategyState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recipe's state bound to one Deeplearning4j flat state view, as {@link FlatStateLayout} places it: the
 * per-parameter arrays are views of it (the recipe updates them in place), the scalars are small arrays of their own
 * type that are read from the view's tail before each step and written back after it, with the number of
 * parameters, so the view is always the complete state (what DL4J saves, restores and averages).
 */
final class FlatStateBinding implements StrategyState.Allocator {

    private static final Logger LOG = LoggerFactory.getLogger(FlatStateBinding.class);
    /** Uneven averaged counters are reported once per JVM: every round of an uneven split would repeat it. */
    private static final AtomicBoolean UNEVEN_REPORTED = new AtomicBoolean();

    private final FlatStateLayout layout;
    private final INDArray flat;
    private final long numParams;
    private final INDArray scalarView;
    private final List<INDArray> scalars = new ArrayList<>();
    private final float[] slots;
    private int nextPerParameter;

    /** Binds {@code layout} to {@code view} (a contiguous c-ordered vector) for {@code numParams} parameters. */
    FlatStateBinding(FlatStateLayout layout, INDArray view, long numParams) {
        layout.checkFits(view.length(), numParams);
        this.layout = layout;
        this.flat = view;
        this.numParams = numParams;
        this.scalarView = tail(view, layout);
        this.slots = new float[layout.tailSize()];
    }

    private static INDArray tail(INDArray view, FlatStateLayout layout) {
        return view.get(NDArrayIndex.interval(view.length() - layout.tailSize(), view.length()));
    }

    /**
     * The number of parameters recorded in the tail of {@code view}, or 0 when the view was never bound (a fresh
     * or zeroed view).
     */
    static long recordedParams(INDArray view, FlatStateLayout layout) {
        if (view.length() < layout.tailSize()) {
            return 0;
        }
        INDArray tail = tail(view, layout);
        float[] slots = new float[ExactScalars.SLOTS];
        int at = layout.tailSize() - ExactScalars.SLOTS;
        for (int i = 0; i < slots.length; i++) {
            slots[i] = tail.getFloat(at + i);
        }
        return ExactScalars.getLong(slots, 0);
    }

    @Override
    public INDArray allocate(String name, DataType type, long[] shape) {
        long length = 1;
        for (long s : shape) {
            length *= s;
        }
        INDArray array;
        boolean perParameter = isPerParameter(name);
        if (perParameter && length == numParams) {
            if (type != flat.dataType()) {
                throw new IllegalArgumentException("state array '" + name + "' is " + type
                        + " but the network's parameters are " + flat.dataType());
            }
            long start = nextPerParameter * numParams;
            nextPerParameter++;
            array = flat.get(NDArrayIndex.interval(start, start + numParams)).reshape(shape);
            array.assign(0);
        } else if (!perParameter && length == 1) {
            array = Nd4j.zeros(type, shape);
            scalars.add(array);
        } else {
            throw new IllegalArgumentException("state array '" + name + "' has shape " + java.util.Arrays.toString(shape)
                    + ", which a flat updater state for " + numParams + " parameters cannot hold");
        }
        return array;
    }

    private boolean isPerParameter(String name) {
        return layout.entries().stream().anyMatch(e -> e.name().equals(name) && e.perParameter());
    }

    /** Reads the scalars from the view (it may have been overwritten by a restore or an average). */
    void loadScalars() {
        for (int i = 0; i < slots.length - ExactScalars.SLOTS; i++) {
            slots[i] = scalarView.getFloat(i);
        }
        for (int j = 0; j < scalars.size(); j++) {
            INDArray s = scalars.get(j);
            if (s.dataType() == DataType.LONG || s.dataType() == DataType.INT) {
                int at = j * ExactScalars.SLOTS;
                if (!ExactScalars.isWhole(slots, at) && !UNEVEN_REPORTED.getAndSet(true)) {
                    LOG.warn("updater state counter '{}' reads {}, not a whole number: the state is an average over"
                            + " replicas that took different numbers of steps (Spark parameter averaging with an"
                            + " uneven split); continuing with the nearest count {} (reported once)",
                            scalarNames().get(j), ExactScalars.linearLong(slots, at), ExactScalars.getLong(slots, at));
                }
                s.putScalar(0, ExactScalars.getLong(slots, at));
            } else {
                s.putScalar(0, ExactScalars.getDouble(slots, j * ExactScalars.SLOTS));
            }
        }
    }

    private List<String> scalarNames() {
        return layout.entries().stream().filter(e -> !e.perParameter()).map(FlatStateLayout.Entry::name).toList();
    }

    /** Writes the scalars into the view. */
    void storeScalars() {
        ExactScalars.putLong(numParams, slots, slots.length - ExactScalars.SLOTS);
        for (int j = 0; j < scalars.size(); j++) {
            INDArray s = scalars.get(j);
            if (s.dataType() == DataType.LONG || s.dataType() == DataType.INT) {
                ExactScalars.putLong(s.getLong(0), slots, j * ExactScalars.SLOTS);
            } else {
                ExactScalars.putDouble(s.getDouble(0), slots, j * ExactScalars.SLOTS);
            }
        }
        for (int i = 0; i < slots.length; i++) {
            scalarView.putScalar(i, slots[i]);
        }
    }
}
