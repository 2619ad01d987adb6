package dev.ogr.core.averages;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Basis;
import dev.ogr.api.ConfigurationException;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StrategyState;
import dev.ogr.api.block.ProjectedTracker;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Paper 1's "safe" averages (Alg. 6, {@code OGR1ds}): two sets of averages of the same kind, an older one that the
 * model is read from and a newer one that accumulates, swapped every m observations.
 *
 * <p>How the sets relate to the direction. A tracker sees the direction only through the basis each observation is
 * projected on and through {@link #beforeRotation}; with paper 1's momentum direction the basis turns a little every
 * step, so a set of averages always mixes positions measured along the directions of its whole history (this is
 * what makes plain {@code ogr1d} jump near a minimum, see {@link MovingAverages}). Here both sets observe every step
 * along the current direction, exactly as one set of the inner kind would (and each re-expresses itself before a
 * rotation as that kind does: plain sets not at all, centred sets by moving their own centre, full sets by the basis
 * change R = V′ᵀV). What differs is their age: the newer set was started at the last switch, so it holds only
 * observations along the directions since then, while the older one, started one period earlier, holds m to 2m
 * observations and gives the model. Every m observations the older set is reset to its initial state and becomes the
 * newer one, and the newer becomes the older: "averages for the previous and for the new direction". So no statistic
 * the step relies on is older than 2m steps, however long the run, while the model always has at least m
 * observations behind it (a single set restarted every m steps would have none right after a restart). During the
 * first period both sets hold the same observations. Between switches the model equals that of one set of the inner
 * kind fed the observations since the older set's start, bit for bit.
 *
 * <p>The inner kind ({@code of}) makes this work in every geometry: {@code plain}, {@code centered},
 * {@code notebook} for one direction, for a subspace (diagonal in the basis) or per coordinate (where nothing
 * rotates and the switch only bounds the memory; such recipes run through the general, not the fused, path), and
 * {@code full} for the k×k Lyapunov model of a subspace (then m must be at least k, so that the older set is defined
 * after a switch). The sets live in this tracker's state as {@code a.*} and {@code b.*}, with {@code older} (0 for a,
 * 1 for b) and {@code count}, so export and restore continue bit for bit.
 */
public final class DualAverages implements AverageTracker, ProjectedTracker {

    /** The retention β of both sets. */
    public static final ParameterSpec BETA = MovingAverages.BETA;
    /** The switch period m. */
    public static final ParameterSpec PERIOD = ParameterSpec.integer("period", 10, 1, 1_000_000_000L,
            "switch period m: every m observations the older set is reset and becomes the newer one");
    /** The kind of each set. */
    public static final ParameterSpec OF = ParameterSpec.choice("of", "plain",
            List.of("plain", "centered", "notebook", "full"), "the kind of averages each of the two sets is");

    /** The parameters of {@code dual}. */
    public static final List<ParameterSpec> PARAMETERS = List.of(BETA, PERIOD, OF);

    private final Parameters parameters;
    private final double beta;
    private final long period;
    private final String of;
    private final AverageTracker[] sets = new AverageTracker[2];
    // Per set: its live state arrays and copies of their values right after init, for the reset at a switch.
    private final List<List<INDArray[]>> initial = List.of(new ArrayList<>(), new ArrayList<>());
    private INDArray older;
    private INDArray count;
    private final RegressionModel model = new Model();

    /** Dual averages of kind {@code of} with retention {@code beta}, switching every {@code period} observations. */
    public DualAverages(double beta, long period, String of) {
        String owner = "averages 'dual'";
        this.parameters = Parameters.inOrder(PARAMETERS, owner, beta, period, of);
        this.beta = parameters.real("beta");
        this.period = parameters.integer("period");
        this.of = parameters.choice("of");
        for (int i = 0; i < 2; i++) {
            sets[i] = switch (this.of) {
                case "full" -> new FullAverages(this.beta);
                case "centered" -> new MovingAverages(MovingAverages.Mode.CENTERED, this.beta);
                case "notebook" -> new MovingAverages(MovingAverages.Mode.NOTEBOOK, this.beta);
                default -> new MovingAverages(MovingAverages.Mode.PLAIN, this.beta);
            };
        }
    }

    @Override
    public void init(ModelLayout layout, StrategyState state) {
        if (of.equals("full") && period < layout.rank()) {
            throw new ConfigurationException("parameter 'period' of averages 'dual' must be at least the subspace"
                    + " dimension " + layout.rank() + " with of=full (the older set needs more than k observations"
                    + " to be defined), got " + period);
        }
        older = state.create("older", DataType.LONG, 1);
        count = state.create("count", DataType.LONG, 1);
        String[] names = {"a", "b"};
        for (int i = 0; i < 2; i++) {
            StrategyState scope = state.scope(names[i]);
            sets[i].init(layout, scope);
            for (INDArray array : scope.arrays().values()) {
                initial.get(i).add(new INDArray[] {array, array.dup()});
            }
        }
    }

    /** The index (0 or 1) of the set the model is read from. */
    int olderIndex() {
        return (int) older.getLong(0);
    }

    @Override
    public void observe(INDArray theta, INDArray gradient, Basis basis) {
        long n = beginObservation();
        sets[0].observe(theta, gradient, basis);
        sets[1].observe(theta, gradient, basis);
        count.putScalar(0, n + 1);
    }

    /** Switches the sets when a period is over; returns the number of observations before this one. */
    private long beginObservation() {
        long n = count.getLong(0);
        if (n > 0 && n % period == 0) {
            int stale = olderIndex();
            for (INDArray[] pair : initial.get(stale)) {
                pair[0].assign(pair[1]);
            }
            older.putScalar(0, 1 - stale);
        }
        return n;
    }

    /** Whether both sets can work from projections (sets of kind {@code full}). */
    @Override
    public boolean projects() {
        return sets[0] instanceof ProjectedTracker p && p.projects();
    }

    @Override
    public void observeProjections(double[] x, double[] y) {
        long n = beginObservation();
        ((ProjectedTracker) sets[0]).observeProjections(x, y);
        ((ProjectedTracker) sets[1]).observeProjections(x, y);
        count.putScalar(0, n + 1);
    }

    @Override
    public void rotateBasis(double[] transition) {
        ((ProjectedTracker) sets[0]).rotateBasis(transition);
        ((ProjectedTracker) sets[1]).rotateBasis(transition);
    }

    @Override
    public void beforeRotation(INDArray theta, Basis current, Basis next) {
        sets[0].beforeRotation(theta, current, next);
        sets[1].beforeRotation(theta, current, next);
    }

    @Override
    public RegressionModel model() {
        return model;
    }

    @Override
    public String toString() {
        return "dual(" + parameters.canonical() + ")";
    }

    /** The older set's model, followed across switches. */
    private final class Model implements RegressionModel {
        private RegressionModel current() {
            return sets[olderIndex()].model();
        }

        @Override
        public long size() {
            return current().size();
        }

        @Override
        public boolean defined(long i) {
            return current().defined(i);
        }

        @Override
        public double position(long i) {
            return current().position(i);
        }

        @Override
        public double gradient(long i) {
            return current().gradient(i);
        }

        @Override
        public double meanPosition(long i) {
            return current().meanPosition(i);
        }

        @Override
        public double meanGradient(long i) {
            return current().meanGradient(i);
        }

        @Override
        public double positionVariance(long i) {
            return current().positionVariance(i);
        }

        @Override
        public double gradientVariance(long i) {
            return current().gradientVariance(i);
        }

        @Override
        public double covariance(long i) {
            return current().covariance(i);
        }

        @Override
        public double curvature(long i) {
            return current().curvature(i);
        }

        @Override
        public double minimum(long i) {
            return current().minimum(i);
        }

        @Override
        public double[][] rotation() {
            return current().rotation();
        }
    }
}
