package dev.ogr.core.subspace;

import dev.ogr.core.kernel.Parallel;
import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The D-length work of a subspace step as two passes over memory, whatever k: a measuring pass that reads the basis V,
 * θ and g once and returns every projection the step needs, and an applying pass that moves θ and the basis in place.
 * Everything else a subspace step does is k×k work. The basis is stored as the k×D matrix Vᵀ in row-major order, so
 * that each basis vector is contiguous.
 *
 * <p><b>Measuring</b> ({@link #measure}): x = Vᵀθ, y = Vᵀg, the projections Vᵀe of up to four vectors e that a
 * {@link RowHook} computes row by row from per-coordinate state it updates in the same pass (the notebooks' outside
 * step, say), and optionally s = ‖g‖² and the Gram matrix G = VᵀV (what {@link BasisRotation} needs to
 * orthonormalise from k×k quantities).
 *
 * <p><b>Applying</b> ({@link #apply}): θ ← θ + V·c + (u − V·w) + a·g, each part optional, where u is a vector a hook
 * computes row by row (the outside step) and w = Vᵀu was measured; and V ← V·A + g·bᵀ with A upper triangular (the
 * next basis), from the same reads of V and g.
 *
 * <p><b>Blocks.</b> Rows are processed in blocks that stay in the core's caches: each vector's block is bulk-copied
 * into its own heap array, and every product is a plain loop over arrays that start at index 0, which the JIT
 * vectorises. Products are accumulated per row position of the block, and reduced once per unit of {@link #UNIT}
 * rows; units are added in order, so results are the same bit for bit whatever the number of threads. The units are
 * spread over {@link Parallel}'s threads when there are at least 64 of them; the applying pass is elementwise and
 * split as any kernel is.
 *
 * <p><b>Float data stays in float arithmetic.</b> On JDK 17 a float-to-double conversion does not vectorise and costs
 * more than the arithmetic around it, so when the basis, θ and g are all float the passes compute in float, as the
 * BLAS calls of the earlier column-by-column code did, except where precision needs double: products are summed in
 * float over at most {@link #FLUSH} blocks, then in double (the Gram matrix is accurate to about the float rounding of
 * single products, far below what its orthonormalisation needs), and hooks run in double. Double data is computed in
 * double throughout.
 *
 * <p>Element access goes through {@link Vec}, so the same code and arithmetic run on ND4J element access off the CPU
 * backend. An instance holds the workspace and results of one user (an optimizer, a direction, a tracker) and is not
 * re-entrant.
 */
public final class SubspaceKernel {

    /** Rows per reduction unit. */
    public static final int UNIT = 16 * Scratch.BLOCK;

    /** Blocks over which products of float data are summed in float before they are added in double. */
    public static final int FLUSH = 16;

    /**
     * Per-row work on per-coordinate state inside a pass, over a block of rows: θᵣ is {@code theta[r]} and gᵣ is
     * {@code gradient[r]} for r &lt; {@code count} (both as read in this pass), and the hook writes its output vector
     * q into {@code out[q][r]}. It may use {@link Scratch#current()} as its own working memory.
     */
    public interface RowHook {
        /** Processes rows {@code from .. from + count - 1}; see the interface comment. */
        void rows(int from, int count, double[] theta, double[] gradient, double[][] out);

        /**
         * Whether {@link #floatRows} is implemented; otherwise, with float data, the kernel widens θ and g to double,
         * calls {@link #rows} and rounds its output to float.
         */
        default boolean handlesFloats() {
            return false;
        }

        /** {@link #rows} for float data: θᵣ, gᵣ and the outputs are floats. */
        default void floatRows(int from, int count, float[] theta, float[] gradient, float[][] out) {
            throw new UnsupportedOperationException("this hook works on doubles only");
        }

        /** Whether the hook reads θ and g in the applying pass (if not, they are not prepared for it there). */
        default boolean readsInputsWhenApplying() {
            return true;
        }
    }

    private final int rows;
    private final int k;
    private final int extras;
    private final boolean gram;
    private final int rowsPerBlock;
    private final int stats;
    private final double[] partials;
    // block columns (each rowsPerBlock long): V's k columns, θ, g, the extras, V′'s k columns, two temporaries
    private final int thetaColumn;
    private final int gradientColumn;
    private final int extraColumn;
    private final int newColumn;
    private final int sumColumn;
    private final int outsideColumn;
    private final int beforeColumn;
    private final int columns;
    private final ThreadLocal<Workspace> workspaces;

    // results of the last measuring pass
    private final double[] x;
    private final double[] y;
    private final double[][] extraProjections;
    private final double[] gramMatrix;
    private double squaredNorm;

    // arguments of the pass under way (read by the range kernels)
    private boolean floats;
    private Vec basis;
    private Vec target;
    private Vec theta;
    private Vec gradient;
    private RowHook hook;
    private double[] coefficients;
    private double gradientScale;
    private double[] outsideProjection;
    private double[] transform;
    private double[] gradientRow;
    // where the next applying pass also writes θ before its move and θ_new − θ_old (null: nowhere)
    private Vec keptBefore;
    private Vec keptDisplacement;
    private final Parallel.RangeKernel measureRange = this::measureRange;
    // the order of one block's products (see productPlan)
    private final int[][] plan;
    private final Parallel.RangeKernel applyRange = this::applyRange;

    /**
     * A kernel for a basis of k vectors of length {@code rows} = D that measures the projections of up to
     * {@code extras} hook vectors, and s and G when {@code gram} is set.
     */
    public SubspaceKernel(long rows, int k, int extras, boolean gram) {
        if (rows < 1 || rows > Integer.MAX_VALUE || k < 1 || rows * k > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a basis of " + k + " vectors of length " + rows + " is not supported"
                    + " (at most 2^31 - 1 entries)");
        }
        if (extras < 0 || extras > 4) {
            throw new IllegalArgumentException("0 to 4 extra vectors, got " + extras);
        }
        this.rows = (int) rows;
        this.k = k;
        this.extras = extras;
        this.gram = gram;
        rowsPerBlock = (int) Math.min(Math.max(16, Math.min(256, 4096 / k)), rows);
        thetaColumn = k;
        gradientColumn = k + 1;
        extraColumn = k + 2;
        newColumn = k + 2 + extras;
        sumColumn = newColumn + k;
        outsideColumn = sumColumn + 1;
        beforeColumn = outsideColumn + 1;
        columns = beforeColumn + 1;
        int n = (2 + extras) * k + (gram ? 1 + k * (k + 1) / 2 : 0);
        stats = n;
        int units = (this.rows + UNIT - 1) / UNIT;
        partials = new double[units * n];
        workspaces = ThreadLocal.withInitial(Workspace::new);
        x = new double[k];
        y = new double[k];
        extraProjections = new double[extras][k];
        gramMatrix = new double[k * k];
        plan = productPlan();
    }

    /**
     * The per-thread working memory: one array per column of the block in double and in float, each starting at index
     * 0 (the JIT vectorises loops over arrays at a common offset, not over slices of one array at different offsets),
     * and the per-row partial sums of every product.
     */
    private final class Workspace {
        final double[][] column = new double[columns][rowsPerBlock];
        final float[][] floatColumn = new float[columns][rowsPerBlock];
        final double[][] out = new double[extras][];
        final float[][] floatOut = new float[extras][];
        final double[][] sums = new double[stats][rowsPerBlock];
        final float[][] floatSums = new float[stats][rowsPerBlock];
        final float[] conversion = new float[rowsPerBlock];
        final double[] weights = new double[k + 1];
        final double[][] sources = new double[k + 1][];
        final float[][] floatSources = new float[k + 1][];

        Workspace() {
            System.arraycopy(column, extraColumn, out, 0, extras);
            System.arraycopy(floatColumn, extraColumn, floatOut, 0, extras);
        }
    }

    /**
     * The basis held by {@code vectors}, a k×D array whose rows are the basis vectors (Vᵀ), as one vector view of its
     * memory in that order; null when that memory is not a dense row-major k×D block (then the kernel cannot use it).
     */
    public static Vec vectorsOf(INDArray vectors) {
        if (vectors.rank() != 2 || vectors.ordering() != 'c' || vectors.length() > 1 && vectors.elementWiseStride() != 1) {
            return null;
        }
        INDArray flat = vectors.reshape('c', new long[] {vectors.length()});
        if (flat.data() != vectors.data() && flat.data().originalDataBuffer() != vectors.data()
                && flat.data().address() != vectors.data().address() || flat.offset() != vectors.offset()) {
            return null; // a copy, not a view
        }
        return Vec.of(flat);
    }

    /**
     * The basis of the D×k matrix {@code columns} (basis vectors in its columns) as one vector view of its memory,
     * vector after vector; null when the columns are not stored that way (a transposed row-major k×D array, or a
     * single column).
     */
    public static Vec columnsOf(INDArray columns) {
        if (columns.rank() != 2) {
            return null;
        }
        return vectorsOf(columns.columns() == 1 ? columns.reshape('c', new long[] {1, columns.length()})
                : columns.transpose());
    }

    /** The number of basis vectors k. */
    public int rank() {
        return k;
    }

    /**
     * The measuring pass over the basis ({@code basis}: the k×D array Vᵀ's elements in row-major order, basis vector
     * after basis vector), θ and g, with {@code rowHook} (null for none) run on each block of rows after θ and g are
     * read; the results are read through {@link #positions()}, {@link #gradients()}, {@link #extra(int)},
     * {@link #squaredNorm()} and {@link #gram()}.
     */
    public void measure(Vec basis, Vec theta, Vec gradient, RowHook rowHook) {
        this.basis = basis;
        this.theta = theta;
        this.gradient = gradient;
        this.hook = rowHook;
        this.floats = basis.holdsFloats() && theta.holdsFloats() && gradient.holdsFloats();
        try {
            int units = (rows + UNIT - 1) / UNIT;
            // one index of Parallel's range per row of a unit: its chunks start on multiples of BLOCK, i.e. on units
            Parallel.forRange(units * Scratch.BLOCK, measureRange);
            for (int unit = 0; unit < units; unit++) {
                int at = unit * stats;
                boolean first = unit == 0;
                int p = 0;
                for (int j = 0; j < k; j++, p++) {
                    x[j] = first ? partials[at + p] : x[j] + partials[at + p];
                }
                for (int j = 0; j < k; j++, p++) {
                    y[j] = first ? partials[at + p] : y[j] + partials[at + p];
                }
                for (int q = 0; q < extras; q++) {
                    double[] e = extraProjections[q];
                    for (int j = 0; j < k; j++, p++) {
                        e[j] = first ? partials[at + p] : e[j] + partials[at + p];
                    }
                }
                if (gram) {
                    squaredNorm = first ? partials[at + p] : squaredNorm + partials[at + p];
                    p++;
                    for (int j = 0; j < k; j++) {
                        for (int l = j; l < k; l++, p++) {
                            double v = first ? partials[at + p] : gramMatrix[j * k + l] + partials[at + p];
                            gramMatrix[j * k + l] = v;
                            gramMatrix[l * k + j] = v;
                        }
                    }
                }
            }
        } finally {
            this.basis = null;
            this.theta = null;
            this.gradient = null;
            this.hook = null;
        }
    }

    private void measureRange(int from, int to, Scratch scratch) {
        Workspace ws = workspaces.get();
        for (int unit = from / Scratch.BLOCK; unit < to / Scratch.BLOCK; unit++) {
            if (floats) {
                measureFloatUnit(unit, ws);
            } else {
                measureUnit(unit, ws);
            }
        }
    }

    private void measureUnit(int unit, Workspace ws) {
        int start = unit * UNIT;
        int end = (int) Math.min(rows, (long) start + UNIT);
        int rb = rowsPerBlock;
        int width = Math.min(rb, end - start);
        double[][] column = ws.column;
        double[][] sums = ws.sums;
        for (int p = 0; p < stats; p++) {
            java.util.Arrays.fill(sums[p], 0, width, 0);
        }
        double[] th = column[thetaColumn];
        double[] gr = column[gradientColumn];
        for (int b = start; b < end; b += rb) {
            int n = Math.min(rb, end - b);
            for (int j = 0; j < k; j++) {
                basis.read(j * rows + b, n, column[j], ws.conversion);
            }
            theta.read(b, n, th, ws.conversion);
            gradient.read(b, n, gr, ws.conversion);
            if (hook != null) {
                hook.rows(b, n, th, gr, ws.out);
            }
            products(sums, column, n);
        }
        reduce(unit, sums, width);
    }

    private void measureFloatUnit(int unit, Workspace ws) {
        int start = unit * UNIT;
        int end = (int) Math.min(rows, (long) start + UNIT);
        int rb = rowsPerBlock;
        int width = Math.min(rb, end - start);
        float[][] column = ws.floatColumn;
        double[][] sums = ws.sums;
        float[][] floatSums = ws.floatSums;
        for (int p = 0; p < stats; p++) {
            java.util.Arrays.fill(sums[p], 0, width, 0);
            java.util.Arrays.fill(floatSums[p], 0, width, 0);
        }
        float[] th = column[thetaColumn];
        float[] gr = column[gradientColumn];
        int blocks = 0;
        for (int b = start; b < end; b += rb) {
            int n = Math.min(rb, end - b);
            for (int j = 0; j < k; j++) {
                basis.readAsFloats(j * rows + b, n, column[j]);
            }
            theta.readAsFloats(b, n, th);
            gradient.readAsFloats(b, n, gr);
            if (hook != null) {
                floatHook(b, n, ws, true);
            }
            products(floatSums, column, n);
            if (++blocks == FLUSH || b + rb >= end) {
                blocks = 0;
                for (int p = 0; p < stats; p++) {
                    flush(floatSums[p], sums[p], width);
                }
            }
        }
        reduce(unit, sums, width);
    }

    /**
     * The order of one block's products, built once: each entry is {arity, sum slots..., columns...} for
     * {@code accumulate} (1 sum: the products of columns c0·c1), {@code accumulate2} (2 sums: c0·c1, c0·c2) or
     * {@code accumulate3} (3 sums: c0·c1, c0·c2, c0·c0), in the order of the statistics (x, y, the extras'
     * projections, s, G's upper triangle), grouped so that products sharing a basis vector share its loads.
     */
    private int[][] productPlan() {
        java.util.List<int[]> plan = new java.util.ArrayList<>();
        int ys = k;
        int es = 2 * k;
        int ss = (2 + extras) * k;
        int gs = ss + 1;
        for (int j = 0; j < k; j++) {
            if (gram) {
                plan.add(new int[] {3, j, ys + j, gs + diagonal(j), j, thetaColumn, gradientColumn});
            } else {
                plan.add(new int[] {2, j, ys + j, j, thetaColumn, gradientColumn});
            }
            int q = 0;
            for (; q + 1 < extras; q += 2) {
                plan.add(new int[] {2, es + q * k + j, es + (q + 1) * k + j, j, extraColumn + q, extraColumn + q + 1});
            }
            if (q < extras) {
                plan.add(new int[] {1, es + q * k + j, j, extraColumn + q});
            }
            if (gram) {
                int at = gs + diagonal(j) + 1;
                int l = j + 1;
                for (; l + 1 < k; l += 2, at += 2) {
                    plan.add(new int[] {2, at, at + 1, j, l, l + 1});
                }
                if (l < k) {
                    plan.add(new int[] {1, at, j, l});
                }
            }
        }
        if (gram) {
            plan.add(new int[] {1, ss, gradientColumn, gradientColumn});
        }
        return plan.toArray(new int[0][]);
    }

    /** Adds one block's products to the per-row sums, following {@link #plan}. */
    private void products(double[][] sums, double[][] column, int n) {
        for (int[] p : plan) {
            if (p[0] == 3) {
                accumulate3(sums[p[1]], sums[p[2]], sums[p[3]], column[p[4]], column[p[5]], column[p[6]], n);
            } else if (p[0] == 2) {
                accumulate2(sums[p[1]], sums[p[2]], column[p[3]], column[p[4]], column[p[5]], n);
            } else {
                accumulate(sums[p[1]], column[p[2]], column[p[3]], n);
            }
        }
    }

    /** The float twin of {@link #products(double[][], double[][], int)}. */
    private void products(float[][] sums, float[][] column, int n) {
        for (int[] p : plan) {
            if (p[0] == 3) {
                accumulate3(sums[p[1]], sums[p[2]], sums[p[3]], column[p[4]], column[p[5]], column[p[6]], n);
            } else if (p[0] == 2) {
                accumulate2(sums[p[1]], sums[p[2]], column[p[3]], column[p[4]], column[p[5]], n);
            } else {
                accumulate(sums[p[1]], column[p[2]], column[p[3]], n);
            }
        }
    }

    /** The index of G's diagonal entry (j, j) among the upper triangle stored row by row. */
    private int diagonal(int j) {
        return j * k - j * (j - 1) / 2;
    }

    /** Runs the hook on a block of float data: natively if it can, else through doubles. */
    private void floatHook(int b, int n, Workspace ws, boolean inputs) {
        float[] th = ws.floatColumn[thetaColumn];
        float[] gr = ws.floatColumn[gradientColumn];
        if (hook.handlesFloats()) {
            hook.floatRows(b, n, th, gr, ws.floatOut);
            return;
        }
        double[] thd = ws.column[thetaColumn];
        double[] grd = ws.column[gradientColumn];
        if (inputs) {
            widen(th, thd, n);
            widen(gr, grd, n);
        }
        hook.rows(b, n, thd, grd, ws.out);
        for (int q = 0; q < extras; q++) {
            narrow(ws.out[q], ws.floatOut[q], n);
        }
    }

    /** Sums each product's per-row partial sums into the unit's partials (in a fixed order). */
    private void reduce(int unit, double[][] sums, int width) {
        int at = unit * stats;
        for (int p = 0; p < stats; p++) {
            double[] sum = sums[p];
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int r = 0;
            for (; r + 3 < width; r += 4) {
                s0 += sum[r];
                s1 += sum[r + 1];
                s2 += sum[r + 2];
                s3 += sum[r + 3];
            }
            for (; r < width; r++) {
                s0 += sum[r];
            }
            partials[at + p] = (s0 + s1) + (s2 + s3);
        }
    }

    /** sum[r] += a[r]·b[r] for r &lt; n. */
    private static void accumulate(double[] sum, double[] a, double[] b, int n) {
        for (int r = 0; r < n; r++) {
            sum[r] += a[r] * b[r];
        }
    }

    /** sum[r] += a[r]·b[r] for r &lt; n, in float. */
    private static void accumulate(float[] sum, float[] a, float[] b, int n) {
        for (int r = 0; r < n; r++) {
            sum[r] += a[r] * b[r];
        }
    }

    /** s[r] += v[r]·a[r], t[r] += v[r]·b[r] for r &lt; n. */
    private static void accumulate2(double[] s, double[] t, double[] v, double[] a, double[] b, int n) {
        for (int r = 0; r < n; r++) {
            double x = v[r];
            s[r] += x * a[r];
            t[r] += x * b[r];
        }
    }

    /** s[r] += v[r]·a[r], t[r] += v[r]·b[r], u[r] += v[r]² for r &lt; n. */
    private static void accumulate3(double[] s, double[] t, double[] u, double[] v, double[] a, double[] b, int n) {
        for (int r = 0; r < n; r++) {
            double x = v[r];
            s[r] += x * a[r];
            t[r] += x * b[r];
            u[r] += x * x;
        }
    }

    /** The float twin of {@link #accumulate2(double[], double[], double[], double[], double[], int)}. */
    private static void accumulate2(float[] s, float[] t, float[] v, float[] a, float[] b, int n) {
        for (int r = 0; r < n; r++) {
            float x = v[r];
            s[r] += x * a[r];
            t[r] += x * b[r];
        }
    }

    /** The float twin of {@link #accumulate3(double[], double[], double[], double[], double[], double[], int)}. */
    private static void accumulate3(float[] s, float[] t, float[] u, float[] v, float[] a, float[] b, int n) {
        for (int r = 0; r < n; r++) {
            float x = v[r];
            s[r] += x * a[r];
            t[r] += x * b[r];
            u[r] += x * x;
        }
    }

    /** sum[r] += partial[r] and partial[r] = 0 for r &lt; n. */
    private static void flush(float[] partial, double[] sum, int n) {
        for (int r = 0; r < n; r++) {
            sum[r] += partial[r];
            partial[r] = 0;
        }
    }

    /**
     * out[r] = Σᵢ weights[i]·sources[i][r] over the first m sources, for r &lt; n: two terms per loop, added in order
     * of i from a first term of exactly weights[0]·sources[0][r].
     */
    private static void combine(double[] weights, double[][] sources, int m, double[] out, int n) {
        int i;
        if (m == 1) {
            double a = weights[0];
            double[] x = sources[0];
            for (int r = 0; r < n; r++) {
                out[r] = a * x[r];
            }
            return;
        }
        double a0 = weights[0];
        double a1 = weights[1];
        double[] x0 = sources[0];
        double[] x1 = sources[1];
        for (int r = 0; r < n; r++) {
            out[r] = a0 * x0[r] + a1 * x1[r];
        }
        for (i = 2; i + 1 < m; i += 2) {
            double b0 = weights[i];
            double b1 = weights[i + 1];
            double[] y0 = sources[i];
            double[] y1 = sources[i + 1];
            for (int r = 0; r < n; r++) {
                out[r] = out[r] + b0 * y0[r] + b1 * y1[r];
            }
        }
        if (i < m) {
            axpy(weights[i], sources[i], out, n);
        }
    }

    /** The float twin of {@link #combine(double[], double[][], int, double[], int)}, with float weights. */
    private static void combine(double[] weights, float[][] sources, int m, float[] out, int n) {
        int i;
        if (m == 1) {
            float a = (float) weights[0];
            float[] x = sources[0];
            for (int r = 0; r < n; r++) {
                out[r] = a * x[r];
            }
            return;
        }
        float a0 = (float) weights[0];
        float a1 = (float) weights[1];
        float[] x0 = sources[0];
        float[] x1 = sources[1];
        for (int r = 0; r < n; r++) {
            out[r] = a0 * x0[r] + a1 * x1[r];
        }
        for (i = 2; i + 1 < m; i += 2) {
            float b0 = (float) weights[i];
            float b1 = (float) weights[i + 1];
            float[] y0 = sources[i];
            float[] y1 = sources[i + 1];
            for (int r = 0; r < n; r++) {
                out[r] = out[r] + b0 * y0[r] + b1 * y1[r];
            }
        }
        if (i < m) {
            axpy((float) weights[i], sources[i], out, n);
        }
    }

    /** y[r] += a·x[r] for r &lt; n. */
    private static void axpy(double a, double[] x, double[] y, int n) {
        for (int r = 0; r < n; r++) {
            y[r] += a * x[r];
        }
    }

    /** y[r] += a·x[r] for r &lt; n, in float. */
    private static void axpy(float a, float[] x, float[] y, int n) {
        for (int r = 0; r < n; r++) {
            y[r] += a * x[r];
        }
    }

    private static void widen(float[] from, double[] to, int n) {
        for (int r = 0; r < n; r++) {
            to[r] = from[r];
        }
    }

    private static void narrow(double[] from, float[] to, int n) {
        for (int r = 0; r < n; r++) {
            to[r] = (float) from[r];
        }
    }

    /** x = Vᵀθ from the last measuring pass (live; k entries). */
    public double[] positions() {
        return x;
    }

    /** y = Vᵀg from the last measuring pass (live; k entries). */
    public double[] gradients() {
        return y;
    }

    /** Vᵀe for the hook's vector q from the last measuring pass (live; k entries). */
    public double[] extra(int q) {
        return extraProjections[q];
    }

    /** s = ‖g‖² from the last measuring pass (with {@code gram}). */
    public double squaredNorm() {
        return squaredNorm;
    }

    /** G = VᵀV from the last measuring pass, flat k×k (live; with {@code gram}). */
    public double[] gram() {
        return gramMatrix;
    }

    /**
     * Makes the next {@link #apply} also write θ as it was before the pass into {@code before} and θ_new − θ_old
     * (rounded as θ's type rounds it) into {@code displacement}, vectors as long as θ, so that a step cap or a weight
     * decay needs no copy of θ and no pass of its own to find the step. θ, the basis and g must be of one type (all
     * float or all double), so that the values the pass computes are the values it stores.
     */
    public void keepStep(Vec before, Vec displacement) {
        if (before == null || displacement == null || before.length() != rows || displacement.length() != rows) {
            throw new IllegalArgumentException("the kept step needs two vectors of " + rows + " elements, got "
                    + (before == null ? "none" : before.length()) + " and "
                    + (displacement == null ? "none" : displacement.length()));
        }
        keptBefore = before;
        keptDisplacement = displacement;
    }

    /**
     * The applying pass: θ ← θ + V·c + (u − V·w) + a·g and V ← V·A + g·bᵀ, each part optional.
     *
     * @param basis        the basis, as for {@link #measure}
     * @param theta        θ, moved in place (may be null when only the basis moves)
     * @param gradient     g (needed when {@code scale} is not 0 or the basis moves)
     * @param c            the coefficients of V·c, or null for none
     * @param scale        the factor a of the gradient term (0 for none)
     * @param rowHook      computes u into its first output vector (null for no outside term)
     * @param w            Vᵀu as measured (with {@code rowHook})
     * @param rowTransform A (flat k×k, upper triangular), or null when the basis does not move
     * @param gradientRow  b (k entries, with {@code rowTransform})
     * @param newBasis     where V·A + g·bᵀ goes, laid out as {@code basis}: {@code basis} itself (in place) or
     *                     another array
     */
    public void apply(Vec basis, Vec theta, Vec gradient, double[] c, double scale, RowHook rowHook, double[] w,
            double[] rowTransform, double[] gradientRow, Vec newBasis) {
        if (rowHook != null && extras < 1) {
            throw new IllegalStateException("this kernel has no room for the hook's vector (extras = 0)");
        }
        this.basis = basis;
        this.theta = theta;
        this.gradient = gradient;
        this.coefficients = c;
        this.gradientScale = scale;
        this.hook = rowHook;
        this.outsideProjection = w;
        this.transform = rowTransform;
        this.gradientRow = gradientRow;
        this.target = newBasis;
        this.floats = basis.holdsFloats() && (theta == null || theta.holdsFloats()) && gradient.holdsFloats()
                && (newBasis == null || newBasis.holdsFloats());
        if (keptBefore != null && theta == null) {
            keptBefore = null;
            keptDisplacement = null;
            throw new IllegalArgumentException("a kept step needs θ");
        }
        try {
            Parallel.forRange(rows, applyRange);
        } finally {
            keptBefore = null;
            keptDisplacement = null;
            this.basis = null;
            this.theta = null;
            this.gradient = null;
            this.hook = null;
            this.target = null;
        }
    }

    private void applyRange(int from, int to, Scratch scratch) {
        Workspace ws = workspaces.get();
        boolean moveTheta = theta != null && (coefficients != null || hook != null || gradientScale != 0
                || keptBefore != null);
        boolean needBasis = coefficients != null || hook != null || transform != null;
        boolean needGradient = gradientScale != 0 || transform != null || hook != null;
        for (int b = from; b < to; b += rowsPerBlock) {
            int n = Math.min(rowsPerBlock, to - b);
            if (floats) {
                applyFloatBlock(b, n, ws, moveTheta, needBasis, needGradient);
            } else {
                applyBlock(b, n, ws, moveTheta, needBasis, needGradient);
            }
        }
    }

    private void applyBlock(int b, int n, Workspace ws, boolean moveTheta, boolean needBasis, boolean needGradient) {
        double[][] column = ws.column;
        double[] th = column[thetaColumn];
        double[] gr = column[gradientColumn];
        double[] c = coefficients;
        double[] a = transform;
        if (needBasis) {
            for (int j = 0; j < k; j++) {
                basis.read(j * rows + b, n, column[j], ws.conversion);
            }
        }
        if (moveTheta) {
            theta.read(b, n, th, ws.conversion);
            if (keptBefore != null) {
                System.arraycopy(th, 0, column[beforeColumn], 0, n);
            }
        }
        if (needGradient) {
            gradient.read(b, n, gr, ws.conversion);
        }
        if (hook != null) {
            hook.rows(b, n, th, gr, ws.out);
        }
        if (moveTheta) {
            if (c != null) {
                double[] sum = column[sumColumn];
                combine(c, column, k, sum, n);
                for (int r = 0; r < n; r++) {
                    th[r] = th[r] + sum[r];
                }
            }
            if (hook != null) {
                double[] outside = column[outsideColumn];
                System.arraycopy(ws.out[0], 0, outside, 0, n);
                for (int j = 0; j < k; j++) {
                    axpy(-outsideProjection[j], column[j], outside, n);
                }
                for (int r = 0; r < n; r++) {
                    th[r] = th[r] + outside[r];
                }
            }
            if (gradientScale != 0) {
                axpy(gradientScale, gr, th, n);
            }
            theta.write(b, n, th, ws.conversion);
            if (keptBefore != null) {
                double[] old = column[beforeColumn];
                keptBefore.write(b, n, old, ws.conversion);
                for (int r = 0; r < n; r++) {
                    old[r] = th[r] - old[r];
                }
                keptDisplacement.write(b, n, old, ws.conversion);
            }
        }
        if (a != null) {
            double[] weights = ws.weights;
            double[][] sources = ws.sources;
            for (int j = 0; j < k; j++) {
                double[] next = column[newColumn + j];
                for (int l = 0; l <= j; l++) {
                    weights[l] = a[l * k + j];
                    sources[l] = column[l];
                }
                weights[j + 1] = gradientRow[j];
                sources[j + 1] = gr;
                combine(weights, sources, j + 2, next, n);
                target.write(j * rows + b, n, next, ws.conversion);
            }
        }
    }

    private void applyFloatBlock(int b, int n, Workspace ws, boolean moveTheta, boolean needBasis,
            boolean needGradient) {
        float[][] column = ws.floatColumn;
        float[] th = column[thetaColumn];
        float[] gr = column[gradientColumn];
        double[] c = coefficients;
        double[] a = transform;
        if (needBasis) {
            for (int j = 0; j < k; j++) {
                basis.readAsFloats(j * rows + b, n, column[j]);
            }
        }
        if (moveTheta) {
            theta.readAsFloats(b, n, th);
            if (keptBefore != null) {
                System.arraycopy(th, 0, column[beforeColumn], 0, n);
            }
        }
        if (needGradient) {
            gradient.readAsFloats(b, n, gr);
        }
        if (hook != null) {
            floatHook(b, n, ws, hook.readsInputsWhenApplying());
        }
        if (moveTheta) {
            if (c != null) {
                float[] sum = column[sumColumn];
                combine(c, column, k, sum, n);
                for (int r = 0; r < n; r++) {
                    th[r] = th[r] + sum[r];
                }
            }
            if (hook != null) {
                float[] outside = column[outsideColumn];
                System.arraycopy(ws.floatOut[0], 0, outside, 0, n);
                for (int j = 0; j < k; j++) {
                    axpy((float) -outsideProjection[j], column[j], outside, n);
                }
                for (int r = 0; r < n; r++) {
                    th[r] = th[r] + outside[r];
                }
            }
            if (gradientScale != 0) {
                axpy((float) gradientScale, gr, th, n);
            }
            theta.writeAsFloats(b, n, th);
            if (keptBefore != null) {
                float[] old = column[beforeColumn];
                keptBefore.writeAsFloats(b, n, old);
                for (int r = 0; r < n; r++) {
                    old[r] = th[r] - old[r];
                }
                keptDisplacement.writeAsFloats(b, n, old);
            }
        }
        if (a != null) {
            double[] weights = ws.weights;
            float[][] sources = ws.floatSources;
            for (int j = 0; j < k; j++) {
                float[] next = column[newColumn + j];
                for (int l = 0; l <= j; l++) {
                    weights[l] = a[l * k + j];
                    sources[l] = column[l];
                }
                weights[j + 1] = gradientRow[j];
                sources[j + 1] = gr;
                combine(weights, sources, j + 2, next, n);
                target.writeAsFloats(j * rows + b, n, next);
            }
        }
    }
}
