package dev.ogr.core.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Vec#allFinite()} of a float vector in the JDK's Vector API, straight from native memory (no block copies
 * into a heap lane): x − x is 0 for a finite x and NaN for a NaN or an infinity, so a sum of those differences is
 * finite exactly when every element is. It uses only the preferred float species and the operations the step
 * kernels use (see {@code dev.ogr.core.VectorLoops} on why no other species). Loaded only when the JVM has the module
 * {@code jdk.incubator.vector} ({@link Kernels#vectorModule()}).
 */
final class VectorFiniteness {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private VectorFiniteness() {
    }

    /** Whether float elements {@code from .. to - 1} of {@code memory} (element 0 at byte {@code at}) are finite. */
    static boolean allFinite(ByteBuffer memory, int at, int from, int to) {
        FloatVector sum = FloatVector.zero(FLOATS);
        int i = from;
        for (int upper = from + FLOATS.loopBound(to - from); i < upper; i += FLOATS.length()) {
            FloatVector x = FloatVector.fromByteBuffer(FLOATS, memory, at + 4 * i, ORDER);
            sum = sum.add(x.sub(x));
        }
        if (!sum.test(VectorOperators.IS_FINITE).allTrue()) {
            return false;
        }
        for (; i < to; i++) {
            if (!Float.isFinite(memory.getFloat(at + 4 * i))) {
                return false;
            }
        }
        return true;
    }
}
