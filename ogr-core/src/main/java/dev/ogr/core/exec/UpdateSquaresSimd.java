package dev.ogr.core.exec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The eight partial sums of {@link UpdateSquares} in the JDK's Vector API: each float vector of the preferred species
 * is widened to double in halves and squared into double accumulators whose lanes are those partial sums, in the
 * same order, so the same bits. Loaded only when the JVM has the module {@code jdk.incubator.vector}.
 */
final class UpdateSquaresSimd {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** Whether the lanes line up with the eight sums: doubles of 8 lanes (one accumulator) or of 4 (two). */
    static final boolean USABLE = FLOATS.length() == 2 * DOUBLES.length()
            && (DOUBLES.length() == 8 || DOUBLES.length() == 4);

    private UpdateSquaresSimd() {
    }

    /**
     * Adds the squares of float elements {@code from ..} of {@code u} (element 0 at byte {@code at}) to
     * {@code sums[0..7]} in whole float vectors below {@code full} (from a multiple of 8); returns the first element
     * not added.
     */
    static int add(double[] sums, ByteBuffer u, int at, int from, int full) {
        int i = from;
        int step = FLOATS.length();
        if (DOUBLES.length() == 8) {
            DoubleVector s = DoubleVector.fromArray(DOUBLES, sums, 0);
            for (; i + step <= full; i += step) {
                FloatVector x = FloatVector.fromByteBuffer(FLOATS, u, at + 4 * i, ORDER);
                DoubleVector lo = (DoubleVector) x.convert(VectorOperators.F2D, 0);
                DoubleVector hi = (DoubleVector) x.convert(VectorOperators.F2D, 1);
                s = s.add(lo.mul(lo)).add(hi.mul(hi));
            }
            s.intoArray(sums, 0);
        } else {
            DoubleVector a = DoubleVector.fromArray(DOUBLES, sums, 0);
            DoubleVector b = DoubleVector.fromArray(DOUBLES, sums, 4);
            for (; i + step <= full; i += step) {
                FloatVector x = FloatVector.fromByteBuffer(FLOATS, u, at + 4 * i, ORDER);
                DoubleVector lo = (DoubleVector) x.convert(VectorOperators.F2D, 0);
                DoubleVector hi = (DoubleVector) x.convert(VectorOperators.F2D, 1);
                a = a.add(lo.mul(lo));
                b = b.add(hi.mul(hi));
            }
            a.intoArray(sums, 0);
            b.intoArray(sums, 4);
        }
        return i;
    }
}
