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

    private Kernels() {
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
