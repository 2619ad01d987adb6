package dev.ogr.core.exec;

import dev.ogr.api.StrategyState;
import dev.ogr.api.array.ArrayKernel;
import dev.ogr.api.array.ArrayOps;
import dev.ogr.api.array.ArrayStatistics;
import dev.ogr.api.array.ArrayStep;
import dev.ogr.api.block.CoordinateBlock;
import dev.ogr.api.block.CoordinateKernel;
import dev.ogr.api.block.CoordinateStatistics;
import dev.ogr.core.kernel.Vec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The array-op path of a coordinate-wise composition: per step the tracker's {@link ArrayStatistics} add the
 * observation and the step rule's {@link ArrayKernel} moves θ, both as whole-array ND4J operations on the arrays
 * where they live, on scratch arrays made once ({@value ArrayStep#MAX_SCRATCH} at most); the update output
 * θ_old − θ_new, when asked, costs two more ops. No element access, no allocation per step.
 *
 * <p>For a step rule that has only the block form ({@link CoordinateKernel}, e.g. a plugin's), the staged fallback:
 * the statistics are still updated by the tracker's array ops, then θ, g, the statistics and the kernel's state arrays
 * are brought to host memory once, the fused pass runs the kernel's blocks over host views, and θ and the state are
 * marked as changed on the host so the backend copies them back before its next op (ND4J's affinity manager; on the
 * CPU backend all of that is a no-op). A one-time warning says so. See docs/gpu.md.
 */
public final class ArrayCoordinatePass implements ArrayStep {

    private static final Logger LOG = LoggerFactory.getLogger(ArrayCoordinatePass.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final ArrayKernel kernel;
    private final ArrayStatistics statistics;
    private final INDArray theta;
    private final INDArray[] scratch;
    private final StrategyState.Allocator allocator;
    private INDArray before;
    private INDArray seenGradient;
    private INDArray gradient;
    private double learningRate;
    // the staged fallback (null when the kernel has an array form)
    private final Staged staged;

    private ArrayCoordinatePass(ArrayKernel kernel, ArrayStatistics statistics, Staged staged, INDArray theta,
            StrategyState.Allocator allocator) {
        this.kernel = kernel;
        this.statistics = statistics;
        this.staged = staged;
        this.theta = theta.reshape(theta.length());
        this.allocator = allocator;
        int n = Math.max(kernel == null ? 0 : kernel.scratchArrays(), statistics.scratchArrays());
        if (n < 0 || n > MAX_SCRATCH) {
            throw new IllegalArgumentException("an array kernel or statistics uses 0 to " + MAX_SCRATCH
                    + " scratch arrays, " + (kernel == null ? statistics : kernel) + " asks for " + n);
        }
        this.scratch = new INDArray[n];
        for (int j = 0; j < n; j++) {
            scratch[j] = allocator.scratch(theta.dataType(), theta.length());
        }
    }

    /** The array-op program of {@code kernel} over {@code statistics}, at θ. */
    public static ArrayCoordinatePass of(ArrayKernel kernel, ArrayStatistics statistics, INDArray theta,
            StrategyState.Allocator allocator) {
        return new ArrayCoordinatePass(kernel, statistics, null, theta, allocator);
    }

    /**
     * The staged fallback for a step rule with only the block form {@code kernel} (named {@code rule} in the one-time
     * warning), over the tracker's {@code statistics}.
     */
    public static ArrayCoordinatePass staged(Object rule, CoordinateKernel kernel, ArrayStatistics statistics,
            INDArray theta, StrategyState.Allocator allocator) {
        String name = rule.getClass().getName();
        if (WARNED.add(name)) {
            LOG.warn("step rule {} ({}) has no array-op form (StepRule.arrayKernel()); on the array-op path its block"
                    + " form runs through the staged fallback, which copies theta, the gradient, the statistics and"
                    + " its state to host memory and back once per step (docs/gpu.md)", rule, name);
        }
        return new ArrayCoordinatePass(null, statistics, new Staged(kernel, statistics, theta), theta, allocator);
    }

    /** Whether this is the staged fallback rather than an array-op program. */
    public boolean stagedFallback() {
        return staged != null;
    }

    /**
     * The ND4J op calls one step makes as the kernel and the statistics declare them (the update output and the
     * caller's finiteness check not counted), or -1 when one of them does not say or the step is staged.
     */
    public int declaredOps() {
        if (staged != null || kernel.opsPerStep() < 0 || statistics.opsPerStep() < 0) {
            return -1;
        }
        return kernel.opsPerStep() + statistics.opsPerStep();
    }

    /**
     * One step at rate {@code eta} from {@code g}; {@code update}, when not null, receives θ_old − θ_new (it may be
     * {@code g} itself).
     */
    public void step(INDArray g, double eta, INDArray update) {
        if (g != seenGradient) {
            seenGradient = g;
            gradient = g.reshape(g.length());
        }
        learningRate = eta;
        INDArray flatUpdate = null;
        if (update != null) {
            if (before == null) {
                before = allocator.scratch(theta.dataType(), theta.length());
            }
            before.assign(theta);
            flatUpdate = update.reshape(update.length());
        }
        double weight = statistics.beginObservation();
        statistics.update(this, weight);
        if (staged != null) {
            staged.step(theta, gradient, eta, weight);
        } else {
            kernel.step(this);
        }
        if (flatUpdate != null) {
            ArrayOps.sub(before, theta, flatUpdate);
        }
    }

    @Override
    public INDArray theta() {
        return theta;
    }

    @Override
    public INDArray gradient() {
        return gradient;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public long observations() {
        return statistics.observations();
    }

    @Override
    public INDArray meanTheta() {
        return statistics.meanTheta();
    }

    @Override
    public INDArray meanGradient() {
        return statistics.meanGradient();
    }

    @Override
    public INDArray varTheta() {
        return statistics.varTheta();
    }

    @Override
    public INDArray varGradient() {
        return statistics.varGradient();
    }

    @Override
    public INDArray covariance() {
        return statistics.covariance();
    }

    @Override
    public INDArray scratch(int j) {
        if (j < 0 || j >= scratch.length) {
            throw new IndexOutOfBoundsException("scratch array " + j + " of " + scratch.length + " asked for");
        }
        return scratch[j];
    }

    @Override
    public String toString() {
        return staged != null ? "staged " + staged.kernel : "array program of " + kernel + " over " + statistics;
    }

    /** The staged fallback: the block kernel in the fused pass over host views of every array. */
    private static final class Staged implements CoordinateStatistics {
        final CoordinateKernel kernel;
        private final ArrayStatistics arrays;
        private final FusedCoordinatePass pass;
        private final List<INDArray> touched = new ArrayList<>();
        private final List<INDArray> written = new ArrayList<>();
        private final Vec[] stats;
        private INDArray seenGradient;
        private Vec gradientView;
        private Vec thetaView;
        private double weight;

        Staged(CoordinateKernel kernel, ArrayStatistics arrays, INDArray theta) {
            this.kernel = kernel;
            this.arrays = arrays;
            INDArray[] s = {arrays.meanTheta(), arrays.meanGradient(), arrays.varTheta(), arrays.varGradient(),
                arrays.covariance()};
            this.stats = new Vec[s.length];
            for (int k = 0; k < s.length; k++) {
                if (s[k] != null) {
                    stats[k] = Vec.host(s[k]);
                    touched.add(s[k]);
                }
            }
            written.addAll(kernel.stateArrays());
            touched.addAll(written);
            this.pass = new FusedCoordinatePass(kernel, this, true);
        }

        void step(INDArray theta, INDArray gradient, double eta, double weight) {
            this.weight = weight;
            AffinityManager affinity = Nd4j.getAffinityManager();
            affinity.ensureLocation(theta, AffinityManager.Location.HOST);
            affinity.ensureLocation(gradient, AffinityManager.Location.HOST);
            for (INDArray a : touched) {
                affinity.ensureLocation(a, AffinityManager.Location.HOST);
            }
            if (thetaView == null) {
                thetaView = Vec.host(theta);
            }
            if (gradient != seenGradient) {
                seenGradient = gradient;
                gradientView = Vec.host(gradient);
            }
            pass.step(thetaView, gradientView, eta, null);
            affinity.tagLocation(theta, AffinityManager.Location.HOST);
            for (INDArray a : written) {
                affinity.tagLocation(a, AffinityManager.Location.HOST);
            }
        }

        // the statistics were updated by the tracker's array form: the pass only reads them into the lanes

        @Override
        public double beginObservation() {
            return weight;
        }

        @Override
        public long observations() {
            return arrays.observations();
        }

        @Override
        public boolean isFloat() {
            for (Vec v : stats) {
                if (v != null && !v.isFloat()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void updateBlock(int from, CoordinateBlock block, double w) {
            float[] f = dev.ogr.core.kernel.Scratch.current().floats();
            for (int k = 0; k < stats.length; k++) {
                double[] lane = block.lane(CoordinateBlock.MEAN_THETA + k);
                if (stats[k] == null) {
                    java.util.Arrays.fill(lane, 0, block.count(), Double.NaN);
                } else {
                    stats[k].read(from, block.count(), lane, f);
                }
            }
        }

        @Override
        public void updateFloatBlock(int from, CoordinateBlock block, double w) {
            for (int k = 0; k < stats.length; k++) {
                float[] lane = block.floatLane(CoordinateBlock.MEAN_THETA + k);
                if (stats[k] == null) {
                    java.util.Arrays.fill(lane, 0, block.count(), Float.NaN);
                } else {
                    stats[k].readFloats(from, block.count(), lane);
                }
            }
        }
    }
}
