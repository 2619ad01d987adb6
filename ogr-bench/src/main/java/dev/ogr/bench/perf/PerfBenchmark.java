package dev.ogr.bench.perf;

import dev.ogr.api.Geometry;
import dev.ogr.api.Sample;
import dev.ogr.api.StepResult;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.kernel.Scratch;
import dev.ogr.core.kernel.Vec;
import dev.ogr.api.StrategyKind;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.core.recipe.ResolvedStrategy;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The per-step cost of optimizers on float parameters, in one run: every preset, DL4J's (ND4J's) own {@code Adam}
 * updater step (applyUpdater and the parameter update, as a DL4J network does it), and a STREAM-style reference
 * ({@link StreamReference}: copy, scale, add and triad over D floats, the same memory and threads) whose triad is the
 * bandwidth yardstick. Only the optimizer's own work is reported. The presets minimise the noisy
 * quadratic ½‖θ‖², whose gradient g = θ + n_k (n_k one of {@value #NOISES} fixed random vectors, in turn) is filled
 * in one pass through the kernels' element views; that fill is timed alone and subtracted, so that the averages
 * see gradients that vary and follow θ as in training: with one constant gradient var(g) = 0, and with random
 * gradients unrelated to θ σθ/σg grows without bound, and the coordinate-wise rules would time their guarded
 * fallback for undefined fits, not their usual step. Presets with a fixed learning rate take the gradient as a host
 * hands it over ({@link OgrOptimizer#step(INDArray, double, INDArray)}, no update output). Presets whose
 * learning-rate learner evaluates the loss step through {@link OgrOptimizer#step(Sample)}, their probes included,
 * on one constant gradient with a constant loss (on the quadratic the hypergradient learner raises η until the run
 * diverges within the timing). A preset that fails is reported as a row and the table goes on.
 *
 * <p>Bytes moved: what the step must move at least. A coordinate-wise step can be one pass: read θ and g, read and
 * write each D-sized state array, and write θ: 4·D·(3 + 2·S) bytes for S state arrays of length D (a subspace basis of
 * k vectors counts as k arrays). A model along a direction or a subspace cannot: its move of θ depends on sums over
 * whole vectors of the same step (the projections θ·v, g·v, the norm of the next direction), so θ, g and the state are
 * read once to measure and once more to write: 4·D·(2 + S) bytes more (for {@code ogr1d}, 440 MB at D = 10⁷ instead
 * of 280). Dividing by the step time gives an effective bandwidth, set against the triad's (which reads two arrays
 * and writes one, 12·D bytes, counted the STREAM way without write-allocate traffic) in the rounds timed beside the
 * step's ({@link StepTimer#paired}).
 *
 * <p>The last column counts the ND4J op calls of one step (ND4J's op profiler: legacy and custom ops, the fused
 * pass makes none), and says how a preset ran: (fused) for the fused pass over host memory, (staged) for the array-op
 * path's fallback for a rule without an array-op form, nothing for the array-op program or the general path.
 */
public final class PerfBenchmark {

    /** The number of random gradients the fixed-rate presets rotate through. */
    static final int GRADIENTS = 7;

    private final RecipeResolver resolver;
    private final StepTimer timer;
    private final StreamReference reference;
    private final PrintWriter out;

    /** A benchmark writing its table to {@code out}. */
    public PerfBenchmark(RecipeResolver resolver, StepTimer timer, PrintWriter out) {
        this.resolver = resolver;
        this.timer = timer;
        this.reference = new StreamReference(0.2);
        this.out = out;
    }

    /**
     * A sample with one fixed gradient and a constant loss, for the presets whose learner probes the loss: filling it
     * is not the optimizer's cost, so it is done once.
     */
    private static Sample fixedGradient(INDArray g) {
        boolean[] filled = new boolean[1];
        return new Sample() {
            @Override
            public double lossAndGradient(INDArray theta, INDArray gradient) {
                if (!filled[0]) {
                    gradient.assign(g);
                    filled[0] = true;
                }
                return 1.0;
            }

            @Override
            public double loss(INDArray theta) {
                return 1.0;
            }
        };
    }

    /** The number of noise vectors the quadratic's gradient rotates through. */
    static final int NOISES = 7;

    /**
     * The noisy quadratic ½‖θ‖² at the optimizer's θ: {@link #fill} writes g = θ + n_k (k advancing each call)
     * and returns ½‖θ‖² in one blocked pass, with no allocation.
     */
    private static final class NoisyQuadratic implements Sample {
        private final Vec theta;
        private final Vec gradient;
        private final Vec[] noise;
        private final float[] x = new float[Scratch.BLOCK];
        private final float[] n = new float[Scratch.BLOCK];
        private int k;

        NoisyQuadratic(INDArray theta, INDArray gradient, INDArray[] noise) {
            this.theta = Vec.of(theta);
            this.gradient = Vec.of(gradient);
            this.noise = new Vec[noise.length];
            for (int i = 0; i < noise.length; i++) {
                this.noise[i] = Vec.of(noise[i]);
            }
        }

        double fill() {
            return fill(theta, gradient);
        }

        private double fill(Vec at, Vec into) {
            Vec nk = noise[k];
            k = (k + 1) % noise.length;
            double loss = 0;
            for (int b = 0; b < at.length(); b += Scratch.BLOCK) {
                int count = Math.min(Scratch.BLOCK, at.length() - b);
                at.readFloats(b, count, x);
                nk.readFloats(b, count, n);
                float sum = 0;
                for (int i = 0; i < count; i++) {
                    float xi = x[i];
                    sum += xi * xi;
                    n[i] += xi;
                }
                loss += sum;
                if (into != null) {
                    into.writeFloats(b, count, n);
                }
            }
            return loss / 2;
        }

        @Override
        public double lossAndGradient(INDArray at, INDArray into) {
            return fill(Vec.of(at), Vec.of(into));
        }

        @Override
        public double loss(INDArray at) {
            return fill(Vec.of(at), null);
        }
    }

    /**
     * One preset's timing at one size: seconds per step, the bytes it must move, the triad's seconds per pass in the
     * rounds alternating with the step's ({@link StepTimer#paired}), the step's effective bandwidth as a fraction of
     * the triad's (the median over those pairs of rounds), and the ops column's text (ND4J op calls and the path); or, when it could not be timed, {@code failure}: "n/a" for a preset that does not apply at
     * this size, else "failed: " and why.
     */
    public record PresetTiming(String preset, long d, double seconds, double bytes, double triadSeconds,
            double ofTriad, String ops, String failure) {

        /** A preset that could not be timed at size {@code d}. */
        public static PresetTiming failed(String preset, long d, String failure) {
            return new PresetTiming(preset, d, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", failure);
        }
    }

    /** Where the presets' rows come from: timed in this JVM, or in a JVM of their own ({@link ForkedTimings}). */
    public interface TimingSource {
        /** The timing of {@code preset} at size {@code d}. */
        PresetTiming timing(String preset, long d);
    }

    /** Runs every size and prints a Markdown table, timing every preset in this JVM. */
    public void run(List<Long> sizes, List<String> presets) {
        run(sizes, presets, null);
    }

    /**
     * Runs every size and prints a Markdown table: the STREAM reference and DL4J's Adam step timed here, each preset's
     * step taken from {@code source} (null: timed here, after the reference rows of its size).
     */
    public void run(List<Long> sizes, List<String> presets, TimingSource source) {
        out.println("| optimizer | D | time per step | / DL4J Adam | bytes moved per step | effective GB/s | / triad bandwidth"
                + " | ND4J ops per step | triad beside it |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        for (long d : sizes) {
            Inputs inputs = new Inputs(d);
            StreamReference.Bandwidths stream = reference.measure(d);
            double triad = stream.triad(); // the STREAM rows' reference; the steps are set against paired triad rounds
            streamRow("STREAM copy", d, 8.0 * d, stream.copy(), triad);
            streamRow("STREAM scale", d, 8.0 * d, stream.scale(), triad);
            streamRow("STREAM add", d, 12.0 * d, stream.add(), triad);
            streamRow("STREAM triad", d, 12.0 * d, stream.triad(), triad);

            INDArray params = Nd4j.rand(DataType.FLOAT, 1, d);
            INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2 * d);
            GradientUpdater<?> adam = new Adam(1e-3).instantiate(state, true);
            INDArray grad = inputs.g.reshape(1, d).dup();
            int[] iteration = new int[1];
            Runnable adamStep = () -> {
                adam.applyUpdater(grad, iteration[0]++, 0);
                params.subi(grad);
            };
            StepTimer.Paired adamTiming = timer.paired(adamStep, 0, inputs.triad());
            double dl4j = adamTiming.seconds();
            long adamOps = opsOf(adamStep);
            double adamBytes = 4.0 * d * 7;
            row("DL4J Adam updater", d, dl4j, dl4j, adamBytes, adamTiming.ratio() * adamBytes / (12.0 * d),
                    ops(adamOps), adamTiming.referenceSeconds());

            for (String preset : presets) {
                PresetTiming t = source == null ? time(preset, inputs) : source.timing(preset, d);
                if (t.failure() != null) {
                    out.printf(Locale.ROOT, "| %s | %s | %s | | | | | | |%n", preset, size(d), t.failure());
                } else {
                    row(preset, d, t.seconds(), dl4j, t.bytes(), t.ofTriad(), t.ops(), t.triadSeconds());
                }
            }
            out.flush();
        }
    }

    /**
     * Times each preset at each size in this JVM, without the reference rows, for {@link ForkedTimings}' child
     * processes: one line per preset and size, {@link ForkedTimings#format}.
     */
    public void timingsOnly(List<Long> sizes, List<String> presets) {
        for (long d : sizes) {
            Inputs inputs = new Inputs(d);
            for (String preset : presets) {
                out.println(ForkedTimings.format(time(preset, inputs)));
            }
            out.flush();
        }
    }

    /** The gradients of one size: the fixed gradient of the learners' sample and the noise of the quadratic. */
    private static final class Inputs {
        final long d;
        final INDArray g;
        final INDArray[] noise = new INDArray[NOISES];
        private Runnable triad;

        /** The triad pass the step's rounds alternate with, made on first use (three arrays of D floats). */
        Runnable triad() {
            if (triad == null) {
                triad = StreamReference.triadPass(d);
            }
            return triad;
        }

        Inputs(long d) {
            this.d = d;
            g = Nd4j.rand(DataType.FLOAT, d).subi(0.5f).muli(1e-3f);
            for (int k = 0; k < NOISES; k++) {
                noise[k] = Nd4j.rand(DataType.FLOAT, d).subi(0.5f).muli(0.1f);
            }
        }
    }

    /** One preset's step at the inputs' size, timed in this JVM. */
    private PresetTiming time(String preset, Inputs inputs) {
        long d = inputs.d;
        OgrOptimizer opt;
        try {
            opt = OgrOptimizer.create(resolver.resolve(preset), Nd4j.rand(DataType.FLOAT, d));
        } catch (dev.ogr.api.ConfigurationException notApplicable) { // e.g. full-ogr beyond 64 parameters
            return PresetTiming.failed(preset, d, "n/a");
        }
        ResolvedStrategy lr = resolver.resolve(preset).strategy(StrategyKind.LEARNING_RATE).orElseThrow();
        StepTimer.Paired paired;
        long stepOps;
        try {
            if (lr.factory().name().equals("fixed")) {
                INDArray gradient = Nd4j.createUninitialized(DataType.FLOAT, d);
                NoisyQuadratic quadratic = new NoisyQuadratic(opt.parameters(), gradient, inputs.noise);
                double fill = timer.secondsPerCall(quadratic::fill);
                double eta = lr.parameters().real("eta");
                pastWarmup(opt, () -> {
                    quadratic.fill();
                    return opt.step(gradient, eta, null);
                });
                paired = timer.paired(() -> {
                    quadratic.fill();
                    opt.step(gradient, eta, null);
                }, fill, inputs.triad());
                quadratic.fill();
                stepOps = opsOf(() -> opt.step(gradient, eta, null));
            } else {
                Sample sample = fixedGradient(inputs.g);
                pastWarmup(opt, () -> opt.step(sample));
                paired = timer.paired(() -> opt.step(sample), 0, inputs.triad());
                stepOps = opsOf(() -> opt.step(sample));
            }
        } catch (RuntimeException failed) { // one preset's failure is a row, not the end of the table
            return PresetTiming.failed(preset, d, "failed: " + failed.getMessage());
        }
        int states = stateArrays(opt.exportState(), d);
        boolean measureFirst = opt.layout() != null && opt.layout().geometry() != Geometry.COORDINATES;
        double bytes = 4.0 * d * (3 + 2 * states + (measureFirst ? 2 + states : 0));
        String path = opt.arrayProgram() ? (opt.stagedFallback() ? " (staged)" : "")
                : opt.fused() ? " (fused)" : "";
        return new PresetTiming(preset, d, paired.seconds(), bytes, paired.referenceSeconds(),
                paired.ratio() * bytes / (12.0 * d), ops(stepOps) + path, null);
    }

    /** The most steps {@link #pastWarmup} takes before it gives up waiting for the model's first step. */
    static final int MAX_WARMUP_STEPS = 1000;

    /**
     * Steps a preset with a regression model until it takes its first model step, so that what is timed is the
     * steady state: the warm-up steps (5 for paper 1's presets) run another path, and at D = 10⁷ a short timing's
     * few calls would otherwise be mostly warm-up steps. Presets without a model have no warm-up.
     *
     * @throws IllegalStateException if no model step came within {@value #MAX_WARMUP_STEPS} steps
     */
    static void pastWarmup(OgrOptimizer opt, Supplier<StepResult> step) {
        if (opt.layout() == null) {
            return;
        }
        for (int i = 0; i < MAX_WARMUP_STEPS; i++) {
            if (step.get().modelStep()) {
                return;
            }
        }
        throw new IllegalStateException("no model step within " + MAX_WARMUP_STEPS + " steps: the timing would"
                + " measure the warm-up, not the preset's step");
    }

    /**
     * The number of D-length state arrays besides θ; a k×D array (a subspace basis, one basis vector per row) counts
     * as k of them.
     */
    private static int stateArrays(Map<String, INDArray> state, long d) {
        int n = 0;
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            INDArray a = e.getValue();
            if (e.getKey().equals("optimizer/theta")) {
                continue;
            }
            if (a.rank() == 2 && a.size(1) == d) {
                n += (int) a.size(0);
            } else if (a.length() == d) {
                n++;
            }
        }
        return n;
    }

    private void row(String name, long d, double seconds, double dl4j, double bytes, double ofTriad, String ops,
            double triadSeconds) {
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.3g MB | %.2f | %.2f | %s | %s |%n", name, size(d),
                time(seconds), Double.isNaN(dl4j) ? "" : String.format(Locale.ROOT, "%.2f", seconds / dl4j),
                bytes / 1e6, bytes / seconds / 1e9, ofTriad, ops, Double.isNaN(triadSeconds) ? "" : time(triadSeconds));
    }

    private void streamRow(String name, long d, double bytes, double bandwidth, double triad) {
        row(name, d, bytes / bandwidth / 1e9, Double.NaN, bytes, bandwidth / triad, "", Double.NaN);
    }

    /**
     * The ND4J op calls (legacy and custom ops, as ND4J's op profiler counts them; BLAS calls are not ops) one run of
     * {@code step} makes.
     */
    private static long opsOf(Runnable step) {
        org.nd4j.linalg.api.ops.executioner.OpExecutioner ex = Nd4j.getExecutioner();
        org.nd4j.linalg.api.ops.executioner.OpExecutioner.ProfilingMode before = ex.getProfilingMode();
        ex.setProfilingMode(org.nd4j.linalg.api.ops.executioner.OpExecutioner.ProfilingMode.OPERATIONS);
        try {
            org.nd4j.linalg.profiler.OpProfiler.getInstance().reset();
            step.run();
            return org.nd4j.linalg.profiler.OpProfiler.getInstance().getInvocationsCount();
        } finally {
            ex.setProfilingMode(before);
        }
    }

    private static String ops(long n) {
        return Long.toString(n);
    }

    static String size(long d) {
        if (d < 10_000) {
            return Long.toString(d);
        }
        int k = 0;
        long p = 1;
        while (p <= d / 10) {
            p *= 10;
            k++;
        }
        return d % p == 0 ? (d / p) + "e" + k : Long.toString(d); // 1e7, 2e6; 1234567 as it is (not "1e6")
    }

    private static String time(double seconds) {
        if (seconds < 1e-5) { // a median over rounds of many calls each: finer than the clock's tick, so two decimals
            return String.format(Locale.ROOT, "%.2f µs", seconds * 1e6);
        }
        if (seconds < 1e-3) {
            return String.format(Locale.ROOT, "%.1f µs", seconds * 1e6);
        }
        return String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
    }
}
