package dev.ogr.bench.perf;

import dev.ogr.core.kernel.Parallel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The STREAM kernels in the JDK's Vector API over native memory, as the Vector API step kernels access it; loaded only
 * when the JVM has the module {@code jdk.incubator.vector} (else {@link StreamReference} uses scalar loops).
 */
final class StreamVectorLoops {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private StreamVectorLoops() {
    }

    /** a ← b (scale 1, c unused), a ← s·b, a ← b + c or a ← b + s·c, over whole vectors and then a scalar tail. */
    static Parallel.RangeKernel kernel(String name, ByteBuffer a, ByteBuffer b, ByteBuffer c, float s) {
        return switch (name) {
            case "copy" -> (from, to, x) -> {
                int i = from;
                for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
                    FloatVector.fromByteBuffer(S, b, 4 * i, ORDER).intoByteBuffer(a, 4 * i, ORDER);
                }
                for (; i < to; i++) {
                    a.putFloat(4 * i, b.getFloat(4 * i));
                }
            };
            case "scale" -> (from, to, x) -> {
                int i = from;
                for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
                    FloatVector.fromByteBuffer(S, b, 4 * i, ORDER).mul(s).intoByteBuffer(a, 4 * i, ORDER);
                }
                for (; i < to; i++) {
                    a.putFloat(4 * i, s * b.getFloat(4 * i));
                }
            };
            case "add" -> (from, to, x) -> {
                int i = from;
                for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
                    FloatVector.fromByteBuffer(S, b, 4 * i, ORDER).add(FloatVector.fromByteBuffer(S, c, 4 * i, ORDER))
                            .intoByteBuffer(a, 4 * i, ORDER);
                }
                for (; i < to; i++) {
                    a.putFloat(4 * i, b.getFloat(4 * i) + c.getFloat(4 * i));
                }
            };
            default -> (from, to, x) -> {
                int i = from;
                for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
                    FloatVector.fromByteBuffer(S, b, 4 * i, ORDER)
                            .add(FloatVector.fromByteBuffer(S, c, 4 * i, ORDER).mul(s)).intoByteBuffer(a, 4 * i, ORDER);
                }
                for (; i < to; i++) {
                    a.putFloat(4 * i, b.getFloat(4 * i) + s * c.getFloat(4 * i));
                }
            };
        };
    }
}
