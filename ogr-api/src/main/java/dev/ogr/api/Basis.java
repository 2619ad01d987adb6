package dev.ogr.api;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The directions in which an optimizer models the loss: either the coordinate axes themselves, or k
 * orthonormal columns of a D&times;k matrix (a single direction is a D&times;1 matrix).
 */
public final class Basis {

    private static final Basis COORDINATES = new Basis(null);

    private final INDArray columns;

    private Basis(INDArray columns) {
        this.columns = columns;
    }

    /** The identity basis of coordinate-wise models: model coordinates are the parameters themselves. */
    public static Basis coordinates() {
        return COORDINATES;
    }

    /** A basis of the orthonormal columns of {@code columns} (D&times;k); the matrix is used live, not copied. */
    public static Basis of(INDArray columns) {
        Objects.requireNonNull(columns, "columns");
        if (columns.rank() != 2) {
            throw new IllegalArgumentException("basis must be a D x k matrix, got shape "
                    + java.util.Arrays.toString(columns.shape()));
        }
        return new Basis(columns);
    }

    /** Whether this is the coordinate basis. */
    public boolean isCoordinates() {
        return columns == null;
    }

    /** The D&times;k matrix of basis columns. */
    public INDArray columns() {
        if (columns == null) {
            throw new IllegalStateException("the coordinate basis has no column matrix");
        }
        return columns;
    }

    /** The number of columns k. */
    public long rank() {
        return columns == null ? -1 : columns.columns();
    }

    /** Returns column {@code j}, a live view of length D. */
    public INDArray column(int j) {
        return columns().getColumn(j);
    }
}
