package dev.ogr.api.block;

/**
 * The working lanes of one block of at most {@link #SIZE} consecutive coordinates, as plain heap arrays: the core
 * copies each vector's block into its lane, a {@link CoordinateKernel} computes in plain counted loops over them, and
 * the core copies the results back. There is a double and a float array for every lane; a block runs in one of the
 * two (float when the parameters, the gradient and every state array are float).
 *
 * <p>Lanes {@link #THETA} and {@link #GRADIENT} hold the block's θ and g; {@link #MEAN_THETA} to {@link #COVARIANCE}
 * the statistics of the average tracker after this step's observation (NaN when the recipe keeps none, or, for the
 * covariance, when the step rule does not read it); the kernel writes the new θ into {@link #NEW_THETA}. Lanes
 * {@link #STATE} to {@code STATE + STATE_LANES - 1} hold the kernel's own state arrays (array j in lane
 * {@code STATE + j}), and the lanes no state array uses are the kernel's scratch during the block.
 *
 * <p>One instance per thread, reused for every block; a kernel must not keep it.
 */
public final class CoordinateBlock {

    /** The most coordinates in one block. */
    public static final int SIZE = 1024;
    /** The lane of the block's θ before the step. */
    public static final int THETA = 0;
    /** The lane of the block's gradient. */
    public static final int GRADIENT = 1;
    /** The lane of the bias-corrected mean position. */
    public static final int MEAN_THETA = 2;
    /** The lane of the bias-corrected mean gradient. */
    public static final int MEAN_GRADIENT = 3;
    /** The lane of var(θ). */
    public static final int VAR_THETA = 4;
    /** The lane of var(g). */
    public static final int VAR_GRADIENT = 5;
    /** The lane of cov(g, θ). */
    public static final int COVARIANCE = 6;
    /** The lane the kernel fills with the block's new θ. */
    public static final int NEW_THETA = 7;
    /** The first of the kernel's own lanes. */
    public static final int STATE = 8;
    /** The number of the kernel's own lanes, so also the most state arrays a kernel may keep. */
    public static final int STATE_LANES = 4;
    /** The number of lanes. */
    public static final int LANES = STATE + STATE_LANES;

    /**
     * Extra elements after each lane. Lanes allocated one after another would otherwise start a multiple of 4 KiB
     * apart (plus the array header), and a vectorised loop storing to one lane while loading from another then
     * stalls on false store-to-load aliasing of the low 12 address bits; the padding spreads the lanes' offsets.
     */
    private static final int PAD = 80;

    private final double[][] lanes = new double[LANES][SIZE + PAD];
    private final float[][] floatLanes = new float[LANES][SIZE + PAD];
    private int count;
    private double learningRate;
    private long observations;
    private int states;
    private int pass;
    private final double[] sums = new double[MAX_SUMS];

    /** The most sums a kernel may add to per pass ({@link CoordinateKernel#sums()}). */
    public static final int MAX_SUMS = 8;

    /** Empty lanes; the core makes one per thread, a test may make its own. */
    public CoordinateBlock() {
    }

    /**
     * Sets what the next block's computation sees, {@code stateArrays} being the number of the kernel's state arrays
     * loaded into the state lanes; the core calls it before each block.
     */
    public void begin(int coordinates, double rate, long observationCount, int stateArrays) {
        if (coordinates < 0 || coordinates > SIZE) {
            throw new IllegalArgumentException("a block has 0 to " + SIZE + " coordinates, got " + coordinates);
        }
        if (stateArrays < 0 || stateArrays > STATE_LANES) {
            throw new IllegalArgumentException("a block has 0 to " + STATE_LANES + " state arrays, got " + stateArrays);
        }
        this.count = coordinates;
        this.learningRate = rate;
        this.observations = observationCount;
        this.states = stateArrays;
        this.pass = 0;
    }

    /**
     * Sets the pass of a multi-pass step ({@link CoordinateKernel#passes()}) and clears the block's sums; the core
     * calls it after {@link #begin} when the kernel keeps sums or takes more than one pass.
     */
    public void beginPass(int passIndex, int sumCount) {
        this.pass = passIndex;
        java.util.Arrays.fill(sums, 0, sumCount, 0.0);
    }

    /** The pass of this step the block is computed in: 0, or 1 in the second pass of a two-pass kernel. */
    public int pass() {
        return pass;
    }

    /**
     * The block's sums (at least {@link CoordinateKernel#sums()} entries, zero when the block begins): a kernel adds
     * its terms for this block's coordinates, and the core adds the blocks' sums up in coordinate order.
     */
    public double[] sums() {
        return sums;
    }

    /** The number of the kernel's state arrays in lanes {@code STATE ..} of this block. */
    public int stateArrays() {
        return states;
    }

    /** The number of coordinates in this block: lanes are valid at indices {@code 0 .. count() - 1}. */
    public int count() {
        return count;
    }

    /** The recipe's first-order learning rate η of this step. */
    public double learningRate() {
        return learningRate;
    }

    /** The number of observations in the tracker's averages, this step's included (0 without averages). */
    public long observations() {
        return observations;
    }

    /** Double lane {@code k}. */
    public double[] lane(int k) {
        return lanes[k];
    }

    /** Float lane {@code k}. */
    public float[] floatLane(int k) {
        return floatLanes[k];
    }
}
