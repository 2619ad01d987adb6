package dev.ogr.api.array;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ReplaceNans;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseDivision;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndReplace;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndSet;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Condition;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Whole-array ND4J operations for {@link ArrayKernel}s and {@link ArrayStatistics}: each method is one ND4J op call
 * (one pass over the arrays, on the backend that holds them), writes into an array the caller gives (which may be an
 * input: in place), and allocates nothing; {@link #allFinite} and {@link #length} are BLAS calls that return a host
 * scalar. On the CPU backend most ops cost about a pass over their arrays; the Javadoc says where one costs more
 * (the square root and the conditional replacements), so that a program can prefer the cheaper form. The guards of a formula are conditional replacements: the comparisons
 * are exact (ND4J's {@code equals} condition is not, so none is offered), and where a method's handling of NaN matters
 * its comment says what it does.
 */
public final class ArrayOps {

    private ArrayOps() {
    }

    /** z = a·x + y (ND4J's legacy {@code axpy} op, not BLAS). */
    public static void axpy(double a, INDArray x, INDArray y, INDArray z) {
        Nd4j.exec(new Axpy(x, y, z, a));
    }

    /** z = x + y. */
    public static void add(INDArray x, INDArray y, INDArray z) {
        x.add(y, z);
    }

    /** z = x − y. */
    public static void sub(INDArray x, INDArray y, INDArray z) {
        x.sub(y, z);
    }

    /** z = x·y elementwise. */
    public static void mul(INDArray x, INDArray y, INDArray z) {
        x.mul(y, z);
    }

    /** z = x / y elementwise. */
    public static void div(INDArray x, INDArray y, INDArray z) {
        x.div(y, z);
    }

    /** z = a·x. */
    public static void scale(double a, INDArray x, INDArray z) {
        Nd4j.exec(new ScalarMultiplication(x, null, z, a));
    }

    /** z = c / x elementwise (ND4J's reverse scalar division). */
    public static void reciprocal(double c, INDArray x, INDArray z) {
        Nd4j.exec(new ScalarReverseDivision(x, null, z, c));
    }

    /** z = x + c. */
    public static void shift(INDArray x, double c, INDArray z) {
        Nd4j.exec(new ScalarAdd(x, null, z, c));
    }

    /** z = √x (NaN for x &lt; 0). On the CPU backend about 4.7 ms per 10⁶ floats, some fifteen plain passes. */
    public static void sqrt(INDArray x, INDArray z) {
        Nd4j.exec(new Sqrt(x, z));
    }

    /** z = |x|. */
    public static void abs(INDArray x, INDArray z) {
        Nd4j.exec(new Abs(x, z));
    }

    /** z = max(x, c), where a NaN x gives c (ND4J's scalar max keeps the other operand of a NaN). */
    public static void maxOrScalar(INDArray x, double c, INDArray z) {
        Nd4j.exec(new ScalarMax(x, null, z, c));
    }

    /** z = min(x, c), where a NaN x gives c (ND4J's scalar min keeps the other operand of a NaN). */
    public static void minOrScalar(INDArray x, double c, INDArray z) {
        Nd4j.exec(new ScalarMin(x, null, z, c));
    }

    /** x[i] = c where x[i] &lt; c, in place: max(x, c) with NaN kept as NaN (a compare-and-set: several passes). */
    public static void atLeast(INDArray x, double c) {
        Nd4j.exec(new CompareAndSet(x, c, Conditions.lessThan(c)));
    }

    /** x[i] = value where x[i] ≤ c, in place (NaN is not ≤ c and is kept; a compare-and-set: several passes). */
    public static void setWhereAtMost(INDArray x, double c, double value) {
        Nd4j.exec(new CompareAndSet(x, value, Conditions.lessThanOrEqual(c)));
    }

    /**
     * x[i] = value where x[i] is NaN, in place (ND4J's {@code replace_nans} scalar op; on the CPU backend about a tenth
     * of the cost of a compare-and-set with the NaN condition).
     */
    public static void setWhereNaN(INDArray x, double value) {
        Nd4j.exec(new ReplaceNans(x, value));
    }

    /**
     * x[i] = value where x[i] is +∞ or −∞, in place (a compare-and-set with ND4J's infinity test, about ten plain
     * passes on the CPU backend: where only one sign can occur, prefer the one-sided forms below).
     */
    public static void setWhereInfinite(INDArray x, double value) {
        Nd4j.exec(new CompareAndSet(x, value, Conditions.isInfinite()));
    }

    /**
     * x[i] = value where x[i] is +∞, in place: x[i] greater than the largest finite value of x's type (one plain
     * comparison, about half the cost of {@link #setWhereInfinite} on the CPU backend). NaN and −∞ are kept.
     */
    public static void setWherePositiveInfinite(INDArray x, double value) {
        Nd4j.exec(new CompareAndSet(x, value, Conditions.greaterThan(largestFinite(x.dataType()))));
    }

    /** x[i] = value where x[i] is −∞, in place, as {@link #setWherePositiveInfinite} with the sign turned. */
    public static void setWhereNegativeInfinite(INDArray x, double value) {
        Nd4j.exec(new CompareAndSet(x, value, Conditions.lessThan(-largestFinite(x.dataType()))));
    }

    /** The largest finite value of a floating-point type, exactly representable in it. */
    static double largestFinite(DataType type) {
        switch (type) {
            case DOUBLE:
                return Double.MAX_VALUE;
            case FLOAT:
                return Float.MAX_VALUE;
            case HALF:
                return 65504;
            case BFLOAT16:
                return 0x1.fep127;
            default:
                throw new IllegalArgumentException("a floating-point array was expected, got " + type);
        }
    }

    /**
     * z[i] = condition(x[i]) ? y[i] : x[i] (ND4J's compare-and-replace, about ten plain passes on the CPU backend),
     * e.g. a fallback where x is NaN.
     */
    public static void replaceWhere(INDArray x, Condition condition, INDArray y, INDArray z) {
        Nd4j.exec(new CompareAndReplace(x, y, z, condition));
    }

    /** z[i] = isNaN(x[i]) ? y[i] : x[i]. */
    public static void replaceNaN(INDArray x, INDArray y, INDArray z) {
        replaceWhere(x, Conditions.isNan(), y, z);
    }

    /**
     * Whether every entry of {@code x} is finite. A float or double vector is screened first by a BLAS asum
     * (Σ|x_i|, one read of x, no ND4J op): a finite sum proves every entry finite, as a NaN or infinite entry makes it
     * NaN or +∞. Only when the sum is not finite (a bad entry, or finite entries whose sum overflows) are the bad
     * entries counted by {@link #countNonFinite} into {@code result}. On the CPU backend the screen costs about a
     * twentieth of the count.
     */
    public static boolean allFinite(INDArray x, INDArray result) {
        DataType type = x.dataType();
        if (x.isVector() && (type == DataType.FLOAT || type == DataType.DOUBLE)
                && Double.isFinite(Nd4j.getBlasWrapper().asum(x))) {
            return true;
        }
        return countNonFinite(x, result) == 0;
    }

    /**
     * The Euclidean length ‖x‖ as a host scalar. A float or double vector takes one BLAS nrm2 (no ND4J op; it scales
     * as it sums, so a float vector whose squares overflow still has its length); any other array one ND4J squared-norm
     * reduction into {@code result} (a one-element array of x's type the caller keeps).
     */
    public static double length(INDArray x, INDArray result) {
        DataType type = x.dataType();
        if (x.isVector() && (type == DataType.FLOAT || type == DataType.DOUBLE)) {
            return Nd4j.getBlasWrapper().nrm2(x);
        }
        Nd4j.exec(new SquaredNorm(x, result));
        return Math.sqrt(result.getDouble(0));
    }

    /**
     * The number of NaN or infinite entries of {@code x}, counted by one reduction into {@code result} (a LONG scalar
     * the caller keeps, so nothing is allocated), read back as the step's one host scalar.
     */
    public static long countNonFinite(INDArray x, INDArray result) {
        MatchCondition op = new MatchCondition(x, Conditions.notFinite());
        op.setZ(result);
        Nd4j.getExecutioner().exec(op);
        return result.getLong(0);
    }
}
