package dev.ogr.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The complete mutable state of one strategy, as named ND4J arrays that the strategy creates in {@code init}
 * and then updates in place. Everything a strategy needs to continue after a restore must live here, so that
 * exporting and restoring these arrays continues an optimizer bit for bit.
 *
 * <p>Scalars are arrays of length 1; counters are stored as {@link DataType#LONG} arrays.
 */
public final class StrategyState {

    /**
     * Where a state's arrays live. The default makes fresh zero-filled arrays; a host that keeps optimizer state in
     * memory it owns (a Deeplearning4j updater's flat state view) supplies zero-filled views of that memory instead.
     */
    @FunctionalInterface
    public interface Allocator {

        /** The default: a new zero-filled array. */
        Allocator ZEROS = (name, type, shape) -> Nd4j.zeros(type, shape);

        /**
         * Returns a zero-filled array of the given type and shape for the state array {@code name} (qualified by
         * the owner, e.g. {@code averages/mean-x}).
         */
        INDArray allocate(String name, DataType type, long[] shape);

        /**
         * A working array of {@code length} elements of {@code type} that is not state (the array-op programs'
         * preallocated scratch), with unspecified contents; by default a new uninitialised array.
         */
        default INDArray scratch(DataType type, long length) {
            return Nd4j.createUninitialized(type, length);
        }
    }

    private final Map<String, INDArray> arrays = new LinkedHashMap<>();
    private final String owner;
    private final Allocator allocator;
    private final StrategyState parent;
    private final String prefix;

    /** A state whose arrays are new zero-filled arrays. */
    public StrategyState() {
        this("", Allocator.ZEROS);
    }

    /**
     * A state whose arrays come from {@code allocator}, which receives each name qualified as
     * {@code owner + "/" + name}.
     */
    public StrategyState(String owner, Allocator allocator) {
        this(Objects.requireNonNull(owner, "owner"), Objects.requireNonNull(allocator, "allocator"), null, null);
    }

    private StrategyState(String owner, Allocator allocator, StrategyState parent, String prefix) {
        this.owner = owner;
        this.allocator = allocator;
        this.parent = parent;
        this.prefix = prefix;
    }

    /**
     * A state for one part of a composite strategy: every array it creates is also registered in this state as
     * {@code prefix.name}, so that exporting and restoring this state covers the part too (e.g. the two sets of
     * averages of {@code dual}, each an ordinary tracker initialised on its own scope).
     */
    public StrategyState scope(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.contains("/")) {
            throw new IllegalArgumentException("scope prefixes must be non-empty and contain no '/', got '"
                    + prefix + "'");
        }
        return new StrategyState(owner, allocator, this, prefix);
    }

    /** The name of {@code name} as the allocator sees it: owner, then the scopes' prefixes. */
    private String qualified(String name) {
        if (parent != null) {
            return parent.qualified(prefix + "." + name);
        }
        return owner.isEmpty() ? name : owner + "/" + name;
    }

    /** Creates a zero-filled array named {@code name} with the given type and shape, and registers it. */
    public INDArray create(String name, DataType type, long... shape) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("state array names must be non-empty and contain no '/', got '"
                    + name + "'");
        }
        if (arrays.containsKey(name)) {
            throw new IllegalStateException("state array '" + name + "' is already defined");
        }
        INDArray array = allocator.allocate(qualified(name), type, shape);
        if (array.dataType() != type || !Arrays.equals(array.shape(), shape)) {
            throw new IllegalStateException("allocator returned " + array.dataType() + " "
                    + Arrays.toString(array.shape()) + " for state array '" + name + "', expected " + type + " "
                    + Arrays.toString(shape));
        }
        if (parent != null) {
            parent.register(prefix + "." + name, array);
        }
        arrays.put(name, array);
        return array;
    }

    private void register(String name, INDArray array) {
        if (arrays.containsKey(name)) {
            throw new IllegalStateException("state array '" + name + "' is already defined");
        }
        if (parent != null) {
            parent.register(prefix + "." + name, array);
        }
        arrays.put(name, array);
    }

    /** Creates a zero-filled double scalar (an array of length 1) named {@code name}. */
    public INDArray scalar(String name) {
        return create(name, DataType.DOUBLE, 1);
    }

    /** Returns the live array named {@code name}. */
    public INDArray get(String name) {
        INDArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException("no state array '" + name + "'; defined: " + arrays.keySet());
        }
        return array;
    }

    /** Returns the live arrays by name, in creation order (unmodifiable). */
    public Map<String, INDArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Copies every array into {@code out} under {@code prefix + "/" + name}. */
    public void exportTo(String prefix, Map<String, INDArray> out) {
        arrays.forEach((name, array) -> out.put(prefix + "/" + name, array.dup()));
    }

    /**
     * Checks that {@code in} holds, under {@code prefix + "/" + name}, an array of the same type and shape for
     * every array of this state.
     *
     * @throws IllegalArgumentException naming the first array that is missing or does not match
     */
    public void checkRestorable(String prefix, Map<String, INDArray> in) {
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            String key = prefix + "/" + e.getKey();
            INDArray saved = in.get(key);
            INDArray live = e.getValue();
            if (saved == null) {
                throw new IllegalArgumentException("saved state has no array '" + key + "'");
            }
            if (saved.dataType() != live.dataType() || !Arrays.equals(saved.shape(), live.shape())) {
                throw new IllegalArgumentException("saved array '" + key + "' is " + saved.dataType() + " "
                        + Arrays.toString(saved.shape()) + ", expected " + live.dataType() + " "
                        + Arrays.toString(live.shape()));
            }
        }
    }

    /**
     * Overwrites every array with the one stored under {@code prefix + "/" + name} in {@code in}, after
     * {@link #checkRestorable} passed for all of them, so a failed restore leaves this state untouched.
     */
    public void restoreFrom(String prefix, Map<String, INDArray> in) {
        checkRestorable(prefix, in);
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            e.getValue().assign(in.get(prefix + "/" + e.getKey()));
        }
    }
}
