package dev.ogr.core.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Chooses how per-coordinate loops touch ND4J arrays: directly in host memory on the CPU backend (fused Java loops,
 * no per-op overhead), or through ND4J ops and element access on any other backend. The choice is automatic; tests
 * can force the ND4J path to check both against each other.
 */
public final class Kernels {

    /** How arrays are accessed. */
    public enum Mode {
        /** Direct memory on the CPU backend, ND4J otherwise. */
        AUTO,
        /** Always ND4J ops and element access, as on the GPU backend. */
        ND4J
    }

    private static final boolean CPU = Nd4j.getBackend().getClass().getName().contains(".cpu.");
    private static volatile Mode mode = Mode.AUTO;

    /** The system property that turns the Vector API kernels on ({@code -Dogr.simd=true}; off by default). */
    public static final String SIMD_PROPERTY = "ogr.simd";

    private static final boolean VECTOR_MODULE = vectorApi();
    /** Whether the property asks for the Vector API kernels. */
    private static final boolean SIMD_ASKED = "true".equalsIgnoreCase(System.getProperty(SIMD_PROPERTY, "false").trim());
    private static volatile boolean simd = VECTOR_MODULE && SIMD_ASKED;

    private Kernels() {
    }

    /**
     * Whether the fused float passes of the built-in kernels run in the JDK's Vector API directly over host memory
     * (docs/performance.md): when the JVM resolved the module {@code jdk.incubator.vector}
     * ({@code --add-modules jdk.incubator.vector}) and {@value #SIMD_PROPERTY} is {@code true}. Otherwise they run in
     * the block lanes of the public fast API, with the same results bit for bit. Opt-in: until C2 has compiled them,
     * Vector API loops run boxed, about a hundred times slower than the lanes (docs/performance.md).
     */
    public static boolean simd() {
        return simd && mode == Mode.AUTO;
    }

    /**
     * Whether the JVM resolved {@code jdk.incubator.vector} in the form the kernels are written for (JDK 17 and 18:
     * loads and stores through {@code ByteBuffer}s, which later JDKs replaced by memory segments).
     */
    private static boolean vectorApi() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            Class<?> species = Class.forName("jdk.incubator.vector.VectorSpecies");
            Class.forName("jdk.incubator.vector.FloatVector").getMethod("fromByteBuffer", species,
                    java.nio.ByteBuffer.class, int.class, java.nio.ByteOrder.class);
            return true;
        } catch (ReflectiveOperationException | LinkageError absent) {
            return false;
        }
    }

    /** Whether {@value #SIMD_PROPERTY} asked for the Vector API kernels (and the module is there). */
    public static boolean simdByDefault() {
        return VECTOR_MODULE && SIMD_ASKED;
    }

    /** Whether this JVM has the Vector API module ({@code --add-modules jdk.incubator.vector}). */
    public static boolean vectorModule() {
        return VECTOR_MODULE;
    }

    /**
     * Turns the Vector API kernels on or off for passes made from now on; for tests and benchmarks.
     *
     * @throws IllegalStateException if turned on in a JVM without the module
     */
    public static void setSimd(boolean on) {
        if (on && !VECTOR_MODULE) {
            throw new IllegalStateException("the Vector API kernels need the JVM option --add-modules"
                    + " jdk.incubator.vector");
        }
        simd = on;
    }

    /** The current mode. */
    public static Mode mode() {
        return mode;
    }

    /** Sets the mode for arrays viewed from now on (existing {@link Vec}s keep theirs); for tests and benchmarks. */
    public static void setMode(Mode value) {
        mode = value;
    }

    /** Whether {@code array} can be accessed directly: CPU backend, AUTO mode, a dense float or double vector. */
    public static boolean direct(INDArray array) {
        return CPU && mode == Mode.AUTO && (array.dataType() == DataType.FLOAT || array.dataType() == DataType.DOUBLE)
                && array.isVectorOrScalar() && (array.length() == 1 || array.elementWiseStride() == 1)
                && array.ordering() == 'c';
    }
}
