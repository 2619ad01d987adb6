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

    /**
     * The system property that chooses the Vector API kernels: {@code auto} (the default: for vectors of at least
     * {@link #SIMD_MIN_LENGTH} elements), {@code true} (always) or {@code false} (never).
     */
    public static final String SIMD_PROPERTY = "ogr.simd";

    /**
     * The shortest vector the Vector API kernels take by default. Until C2 has compiled them they run boxed, about a
     * hundred times slower than the lanes: 0.3–0.8 s once per kernel and JVM, measured here (docs/performance.md),
     * which a shorter vector would not earn back over a run.
     */
    public static final int SIMD_MIN_LENGTH = 1 << 20;

    private static final boolean VECTOR_MODULE = vectorApi();
    // null: the property's setting, read (and checked) at the first question, so that a bad value is a clear error
    // there rather than a failed class initialisation
    private static final int UNSET = -1;
    private static final int AUTO = 0;
    private static final int ON = 1;
    private static final int OFF = 2;
    private static volatile int simd = UNSET;

    private Kernels() {
    }

    /**
     * The setting from the property's value: auto (also for none), true or false.
     *
     * @throws IllegalArgumentException for any other value, naming the property and what it takes
     */
    public static String simdSetting(String value) {
        String v = value == null ? "auto" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("auto") && !v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("system property " + SIMD_PROPERTY + " must be auto, true or false, got '"
                    + value + "'");
        }
        return v;
    }

    /**
     * Whether the fused float pass over vectors of {@code length} elements runs the built-in kernels in the JDK's
     * Vector API directly over host memory (docs/performance.md): when the JVM resolved the module
     * {@code jdk.incubator.vector} ({@code --add-modules jdk.incubator.vector}), the access is direct, and
     * {@value #SIMD_PROPERTY} is {@code true}, or {@code auto} and the vector has at least {@link #SIMD_MIN_LENGTH}
     * elements. Otherwise they run in the block lanes of the public fast API, with the same results bit for bit.
     */
    public static boolean simd(long length) {
        if (!VECTOR_MODULE) {
            return false;
        }
        int s = simd;
        if (s == UNSET) {
            s = code(simdSetting(System.getProperty(SIMD_PROPERTY)));
            simd = s;
        }
        return mode == Mode.AUTO && (s == ON || s == AUTO && length >= SIMD_MIN_LENGTH);
    }

    private static int code(String setting) {
        return setting.equals("true") ? ON : setting.equals("false") ? OFF : AUTO;
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

    /** Whether this JVM has the Vector API module ({@code --add-modules jdk.incubator.vector}). */
    public static boolean vectorModule() {
        return VECTOR_MODULE;
    }

    /**
     * Sets the Vector API kernels to {@code auto}, {@code true} or {@code false} (as the property does) for passes made
     * from now on, {@code null} for the property's setting; for tests and benchmarks.
     *
     * @throws IllegalStateException if set to {@code true} in a JVM without the module
     */
    public static void setSimd(String setting) {
        String v = setting == null ? null : simdSetting(setting);
        if ("true".equals(v) && !VECTOR_MODULE) {
            throw new IllegalStateException("the Vector API kernels need the JVM option --add-modules"
                    + " jdk.incubator.vector (on JDK 17 or 18)");
        }
        simd = v == null ? UNSET : code(v);
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
        return CPU && mode == Mode.AUTO && hostLayout(array);
    }

    /** Whether {@code array} is a dense float or double vector in row-major order (whatever the backend). */
    public static boolean hostLayout(INDArray array) {
        return (array.dataType() == DataType.FLOAT || array.dataType() == DataType.DOUBLE)
                && array.isVectorOrScalar() && (array.length() == 1 || array.elementWiseStride() == 1)
                && array.ordering() == 'c';
    }

    /**
     * The environment variable that chooses how coordinate-wise steps run: {@code auto} (the default: the fused pass
     * over host memory on the CPU backend, the array-op programs on any other), {@code fused} or {@code nd4j} (the
     * array-op programs, whole-array ND4J ops, on any backend). See docs/gpu.md.
     */
    public static final String KERNELS_VARIABLE = "OGR_KERNELS";

    /** How the steps of a coordinate-wise composition run. */
    public enum Program {
        /** The fused pass over host memory ({@code dev.ogr.core.exec.FusedCoordinatePass}). */
        FUSED,
        /** The array-op programs: whole-array ND4J operations where the arrays live, no element access. */
        ARRAYS
    }

    private static volatile Program program;

    /**
     * The setting from {@value #KERNELS_VARIABLE}'s value: auto (also for none or empty), fused or nd4j.
     *
     * @throws IllegalArgumentException for any other value, naming the variable, the value and what it takes
     */
    public static String kernelsSetting(String value) {
        String v = value == null ? "auto" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.isEmpty()) {
            v = "auto";
        }
        if (!v.equals("auto") && !v.equals("fused") && !v.equals("nd4j")) {
            throw new IllegalArgumentException("environment variable " + KERNELS_VARIABLE
                    + " must be auto, fused or nd4j, got '" + value + "'");
        }
        return v;
    }

    /** The program a setting ({@code auto}, {@code fused} or {@code nd4j}) stands for on this backend. */
    public static Program programOf(String setting) {
        return switch (kernelsSetting(setting)) {
            case "fused" -> Program.FUSED;
            case "nd4j" -> Program.ARRAYS;
            default -> CPU ? Program.FUSED : Program.ARRAYS;
        };
    }

    /**
     * The program optimizers made from now on use: the one set by {@link #setProgram}, else {@value #KERNELS_VARIABLE}'s
     * (read, and checked, at the first question).
     *
     * @throws IllegalArgumentException if the variable holds a value it does not take
     */
    public static Program program() {
        Program p = program;
        if (p == null) {
            p = programOf(System.getenv(KERNELS_VARIABLE));
            program = p;
        }
        return p;
    }

    /** Sets the program for optimizers made from now on, {@code null} for the environment's; for tests and ogr perf. */
    public static void setProgram(Program value) {
        program = value;
    }

    /** Whether ND4J's backend is the CPU's (its arrays live in host memory). */
    public static boolean cpuBackend() {
        return CPU;
    }
}
