package dev.ogr.core.exec;

import dev.ogr.core.OgrOptimizer;
import dev.ogr.api.block.CoordinateBlock;
import dev.ogr.api.block.CoordinateKernel;
import dev.ogr.api.block.CoordinateStatistics;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Parallel;
import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one fused pass of a coordinate-wise composition: per block of {@link CoordinateBlock#SIZE} coordinates it reads
 * θ, g and the kernel's state arrays into the lanes, lets the tracker's {@link CoordinateStatistics} add the
 * observation, lets the step rule's {@link CoordinateKernel} compute the new θ, and stores θ, the state and, when
 * asked, the update θ_old − θ_new; the range is split over {@link Parallel}'s threads. A kernel's sums are kept per
 * block and added up in block order after each pass, and a two-pass kernel's first pass stores its state only. Float lanes are used when θ,
 * g, the update, the statistics and every state array are float. One instance per optimizer, made once.
 */
public final class FusedCoordinatePass implements Parallel.RangeKernel {

    /** The lane of the update output, filled after the kernel's state is stored (so the kernel may use it before). */
    private static final int UPDATE = CoordinateBlock.LANES - 1;

    private final CoordinateKernel kernel;
    private final CoordinateStatistics statistics;
    private final boolean fillStatistics;
    private final Vec[] states;
    private final boolean floatStates;
    private final int sumCount;
    // per block and sum, this pass's partial sums (summed in block order after the pass), and the totals
    private double[] partials;
    private final double[] totals;
    // the Vector API forms of the kernel and the statistics, when both have one (else null): see DirectFloatKernel
    private final DirectFloatKernel directKernel;
    private final DirectFloatStatistics directStatistics;
    private final DirectFloatMemory memory;
    // the squared length of the update output, summed by the direct pass when one range covers the vector
    private final UpdateSquares updateSquares = new UpdateSquares();
    private int pass;
    private boolean lastPass;
    // this step's arguments
    private double weight;
    private long observations;
    private double learningRate;
    private Vec theta;
    private Vec gradient;
    private Vec update;
    private boolean floats;

    /**
     * A pass of {@code kernel} over statistics {@code statistics} ({@link CoordinateStatistics#NONE} for none).
     *
     * @throws IllegalArgumentException if the kernel keeps more state arrays than there are state lanes
     */
    public FusedCoordinatePass(CoordinateKernel kernel, CoordinateStatistics statistics) {
        this(kernel, statistics, false);
    }

    /**
     * As {@link #FusedCoordinatePass(CoordinateKernel, CoordinateStatistics)}; with {@code host}, the state arrays are
     * viewed as host memory ({@link Vec#host}) whatever the backend, for the staged fallback of the array-op path.
     */
    FusedCoordinatePass(CoordinateKernel kernel, CoordinateStatistics statistics, boolean host) {
        this.kernel = kernel;
        this.statistics = statistics;
        List<INDArray> arrays = kernel.stateArrays();
        if (arrays.size() > CoordinateBlock.STATE_LANES) {
            throw new IllegalArgumentException("a coordinate kernel keeps at most " + CoordinateBlock.STATE_LANES
                    + " state arrays, " + kernel + " has " + arrays.size());
        }
        this.states = new Vec[arrays.size()];
        boolean allFloat = true;
        for (int j = 0; j < states.length; j++) {
            states[j] = host ? Vec.host(arrays.get(j)) : Vec.of(arrays.get(j));
            allFloat &= states[j].isFloat();
        }
        this.floatStates = allFloat;
        this.fillStatistics = statistics != CoordinateStatistics.NONE || kernel.readsStatistics();
        this.sumCount = kernel.sums();
        if (sumCount < 0 || sumCount > CoordinateBlock.MAX_SUMS) {
            throw new IllegalArgumentException("a coordinate kernel keeps 0 to " + CoordinateBlock.MAX_SUMS
                    + " sums, " + kernel + " declares " + sumCount);
        }
        this.totals = new double[sumCount];
        DirectFloatKernel dk = null;
        DirectFloatStatistics ds = null;
        if (Kernels.vectorModule() && Kernels.mode() == Kernels.Mode.AUTO && sumCount == 0 && allFloat && kernel instanceof DirectFloatKernel.Source k) {
            if (statistics instanceof DirectFloatStatistics.Source st) {
                ds = st.directFloats();
                dk = ds != null ? k.directFloats() : null;
            } else if (!fillStatistics) {
                dk = k.directFloats();
            }
        }
        this.directKernel = dk;
        this.directStatistics = dk != null ? ds : null;
        this.memory = dk != null ? new DirectFloatMemory(ds != null ? ds.vectors() : null, states) : null;
    }

    /**
     * Whether float steps over {@code length} coordinates run in the Vector API directly over host memory
     * ({@link DirectFloatKernel}; {@link Kernels#simd(long)}).
     */
    public boolean direct(long length) {
        return directKernel != null && Kernels.simd(length);
    }

    /** Runs one step over all coordinates (see {@link dev.ogr.core.OgrOptimizer#step(INDArray, double, INDArray)}). */
    public void step(Vec theta, Vec gradient, double learningRate, Vec update) {
        if (gradient.length() != theta.length() || update != null && update.length() != theta.length()) {
            throw new IllegalArgumentException("theta, gradient and update must have equal lengths, got "
                    + theta.length() + ", " + gradient.length() + (update == null ? "" : ", " + update.length()));
        }
        for (Vec s : states) {
            if (s.length() != theta.length()) {
                throw new IllegalArgumentException("a state array of " + kernel + " has " + s.length()
                        + " elements, theta has " + theta.length());
            }
        }
        this.weight = statistics.beginObservation();
        this.observations = statistics.observations();
        this.learningRate = learningRate;
        this.theta = theta;
        this.gradient = gradient;
        this.update = update;
        this.floats = theta.isFloat() && gradient.isFloat() && (update == null || update.isFloat())
                && statistics.isFloat() && floatStates;
        kernel.beginStep(learningRate);
        int passes = kernel.passes();
        if (passes < 1 || passes > 2) {
            throw new IllegalStateException(kernel + " asks for " + passes + " passes over the coordinates, expected 1"
                    + " or 2");
        }
        int blocks = (theta.length() + CoordinateBlock.SIZE - 1) / CoordinateBlock.SIZE;
        if (sumCount > 0 && (partials == null || partials.length != blocks * sumCount)) {
            partials = new double[blocks * sumCount];
        }
        updateSquares.begin(theta.length());
        if (floats && passes == 1 && directKernel != null && Kernels.simd(theta.length())) {
            memory.bind(theta, gradient, update);
            memory.observations = observations;
            try {
                Parallel.forRange(theta.length(), directPass);
            } finally {
                this.theta = null;
                this.gradient = null;
                this.update = null;
            }
            kernel.endPass(0, totals);
            return;
        }
        try {
            for (pass = 0; pass < passes; pass++) {
                lastPass = pass == passes - 1;
                Parallel.forRange(theta.length(), this);
                if (sumCount > 0) {
                    java.util.Arrays.fill(totals, 0.0);
                    for (int b = 0; b < blocks; b++) {
                        for (int j = 0; j < sumCount; j++) {
                            totals[j] += partials[b * sumCount + j];
                        }
                    }
                }
                kernel.endPass(pass, totals);
            }
        } finally {
            this.theta = null;
            this.gradient = null;
            this.update = null;
        }
    }

    /** The coordinates of one statistics update and kernel call of the direct pass: a few KiB per array, in L1. */
    private static final int DIRECT_CHUNK = 128;

    /** The direct pass over a range: per chunk the statistics update, then the kernel, both in host memory. */
    private final Parallel.RangeKernel directPass = this::runDirect;

    private void runDirect(int from, int to, Scratch unused) {
        boolean squares = memory.update != null && updateSquares.covers(from, to);
        for (int b = from; b < to; b += DIRECT_CHUNK) {
            int end = Math.min(b + DIRECT_CHUNK, to);
            if (directStatistics != null) {
                directStatistics.update(memory, b, end, weight);
            }
            directKernel.compute(memory, b, end, learningRate);
            if (squares) {
                updateSquares.addInVectors(memory.update, memory.updateAt, b, end);
            }
        }
    }

    /**
     * ‖θ_old − θ_new‖² of the last {@link #step}'s update output, with the bits of
     * {@link dev.ogr.core.Vectors#squaredNorm(Vec)}, where the pass summed it: a float step in the Vector API whose one
     * range covered all coordinates (one thread). NaN where it did not: then read the update.
     */
    public double updateSquaredNorm() {
        return updateSquares.total();
    }

    @Override
    public void run(int from, int to, Scratch s) {
        if (floats) {
            runFloats(from, to, s);
            return;
        }
        CoordinateBlock block = s.block();
        float[] f = s.floats();
        double[] x = block.lane(CoordinateBlock.THETA);
        double[] y = block.lane(CoordinateBlock.GRADIENT);
        double[] newX = block.lane(CoordinateBlock.NEW_THETA);
        for (int b = from; b < to; b += CoordinateBlock.SIZE) {
            int count = Math.min(CoordinateBlock.SIZE, to - b);
            block.begin(count, learningRate, observations, states.length);
            if (sumCount > 0 || pass > 0) {
                block.beginPass(pass, sumCount);
            }
            theta.read(b, count, x, f);
            gradient.read(b, count, y, f);
            if (fillStatistics && pass == 0) {
                statistics.updateBlock(b, block, weight);
            }
            for (int j = 0; j < states.length; j++) {
                states[j].read(b, count, block.lane(CoordinateBlock.STATE + j), f);
            }
            kernel.compute(block);
            for (int j = 0; j < states.length; j++) {
                states[j].write(b, count, block.lane(CoordinateBlock.STATE + j), f);
            }
            if (sumCount > 0) {
                System.arraycopy(block.sums(), 0, partials, b / CoordinateBlock.SIZE * sumCount, sumCount);
            }
            if (!lastPass) {
                continue;
            }
            theta.write(b, count, newX, f);
            if (update != null) {
                double[] u = block.lane(UPDATE);
                for (int i = 0; i < count; i++) {
                    u[i] = x[i] - newX[i];
                }
                update.write(b, count, u, f);
            }
        }
    }

    /** {@link #run} when every vector is float: the same steps in the float lanes. */
    private void runFloats(int from, int to, Scratch s) {
        CoordinateBlock block = s.block();
        float[] x = block.floatLane(CoordinateBlock.THETA);
        float[] y = block.floatLane(CoordinateBlock.GRADIENT);
        float[] newX = block.floatLane(CoordinateBlock.NEW_THETA);
        for (int b = from; b < to; b += CoordinateBlock.SIZE) {
            int count = Math.min(CoordinateBlock.SIZE, to - b);
            block.begin(count, learningRate, observations, states.length);
            if (sumCount > 0 || pass > 0) {
                block.beginPass(pass, sumCount);
            }
            theta.readFloats(b, count, x);
            gradient.readFloats(b, count, y);
            if (fillStatistics && pass == 0) {
                statistics.updateFloatBlock(b, block, weight);
            }
            for (int j = 0; j < states.length; j++) {
                states[j].readFloats(b, count, block.floatLane(CoordinateBlock.STATE + j));
            }
            kernel.computeFloats(block);
            for (int j = 0; j < states.length; j++) {
                states[j].writeFloats(b, count, block.floatLane(CoordinateBlock.STATE + j));
            }
            if (sumCount > 0) {
                System.arraycopy(block.sums(), 0, partials, b / CoordinateBlock.SIZE * sumCount, sumCount);
            }
            if (!lastPass) {
                continue;
            }
            theta.writeFloats(b, count, newX);
            if (update != null) {
                float[] u = block.floatLane(UPDATE);
                for (int i = 0; i < count; i++) {
                    u[i] = x[i] - newX[i];
                }
                update.writeFloats(b, count, u);
            }
        }
    }
}
