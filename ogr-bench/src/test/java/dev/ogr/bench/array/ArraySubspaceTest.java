package dev.ogr.bench.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.Sample;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * The subspace presets' array-op step ({@code ogr-pca}, {@code full-ogr}, {@code sogr}, {@code dsogr}; whole-array ND4J ops,
 * {@code Kernels.Program.ARRAYS}) against their two-pass fused step on the CPU backend: each of 40 double steps along
 * the fused trajectory, from the fused path's state, to 1e-9, and one float step from a common state to 1e-5, both
 * relative to each array's largest magnitude, over θ and every state array (the basis included), on a noisy quadratic with a coordinate whose gradient is always 0, one with a constant
 * gradient and one that stays at 0; the one float step also from the degenerate states the fused step guards: a zero
 * gradient (the basis cannot turn) and fresh averages (a model without variance, whose ratios are NaN). The array-op
 * step makes no element access to any D-length vector and allocates no array through the state allocator per step,
 * and its ND4J op calls are the ones it declares.
 */
class ArraySubspaceTest {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());
    /** Two blocks of 1024 and a ragged tail for ogr-pca; full-ogr models every dimension of a small problem. */
    private static int d(String preset) {
        return preset.equals("full-ogr") ? 40 : 2 * 1024 + 317;
    }
    private static final double ETA = 0.01;

    @AfterEach
    void restore() {
        Kernels.setProgram(null);
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    }


    /**
     * Each of 40 double steps along the fused trajectory, taken by both paths from the fused path's state: the
     * Lyapunov model amplifies rounding differences of the sums (1e-16) from step to step, so whole trajectories of
     * the two paths drift apart faster than the step's own arithmetic differs (docs/gpu.md).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ogr-pca", "full-ogr", "sogr", "dsogr"})
    void fortyDoubleStepsAlongTheFusedTrajectoryAgree(String preset) {
        INDArray start = Nd4j.createFromArray(NoisyBowl.start(d(preset)));
        OgrOptimizer fused = NoisyBowl.create(preset, Kernels.Program.FUSED, start);
        OgrOptimizer arrays = NoisyBowl.create(preset, Kernels.Program.ARRAYS, start);
        assertTrue(fused.twoPassSubspace(), preset + ": the reference runs the two-pass subspace step");
        assertTrue(arrays.arrayProgram() && !arrays.twoPassSubspace(), preset + ": the array-op step runs");
        NoisyBowl bowl = new NoisyBowl(d(preset), DataType.DOUBLE, null);
        INDArray g = Nd4j.zeros(DataType.DOUBLE, d(preset));
        for (int t = 0; t < 40; t++) {
            Map<String, INDArray> common = copy(fused.exportState());
            arrays.restoreState(copy(common));
            bowl.lossAndGradient(fused.parameters(), g);
            fused.step(g, ETA, null);
            arrays.step(g, ETA, null);
            assertStatesAgree(preset + " double step " + t, fused.exportState(), arrays.exportState(), common, 1e-9);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ogr-pca", "full-ogr", "sogr", "dsogr"})
    void oneFloatStepFromACommonStateAgrees(String preset) {
        oneFloatStep(preset, "noisy gradient", s -> s, false);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ogr-pca", "full-ogr", "sogr", "dsogr"})
    void oneFloatStepWithAZeroGradientAgrees(String preset) {
        oneFloatStep(preset, "zero gradient", s -> s, true);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ogr-pca", "full-ogr", "sogr", "dsogr"})
    void oneFloatStepFromFreshAveragesAgrees(String preset) {
        oneFloatStep(preset, "fresh averages", s -> {
            s.forEach((name, a) -> {
                if (name.startsWith("averages/") && !name.endsWith("centre")) {
                    a.assign(0);
                }
            });
            return s;
        }, false);
    }

    /**
     * dsogr's outside averages of every third coordinate made those of a coordinate that has not moved: mean θ = θ
     * and var θ = 0, so that the step's observation leaves var θ at 0 (dx = 0), with cov 0 on every other one of
     * them, and a momentum of 1. There cov/var θ is NaN (cov 0) or infinite, and both paths take the floor 1/η.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dsogr"})
    void oneFloatStepWithAVanishedOutsideVarianceAgrees(String preset) {
        oneFloatStep(preset, "vanished outside variance", s -> {
            INDArray var = s.get("outside/var-theta");
            assertTrue(var != null, "dsogr keeps outside/var-theta: " + s.keySet());
            INDArray cov = s.get("outside/cov");
            INDArray mean = s.get("outside/mean-theta");
            INDArray theta = s.get("optimizer/theta");
            INDArray momentum = s.get("outside/momentum");
            for (long i = 0; i < var.length(); i += 3) {
                var.putScalar(i, 0);
                mean.putScalar(i, theta.getDouble(i));
                momentum.putScalar(i, 1); // a step there as large as θ's entries, not lost in the tolerance
                if (i % 2 == 0) {
                    cov.putScalar(i, 0);
                }
            }
            return s;
        }, false);
    }

    /**
     * Twelve fused float steps, then {@code change} applied to the exported state, restored in both paths, and one
     * step of each from it with the same gradient (zero with {@code zero}).
     */
    private static void oneFloatStep(String preset, String what, UnaryOperator<Map<String, INDArray>> change,
            boolean zero) {
        INDArray start = Nd4j.createFromArray(NoisyBowl.start(d(preset))).castTo(DataType.FLOAT);
        OgrOptimizer fused = NoisyBowl.create(preset, Kernels.Program.FUSED, start);
        OgrOptimizer arrays = NoisyBowl.create(preset, Kernels.Program.ARRAYS, start);
        NoisyBowl bowl = new NoisyBowl(d(preset), DataType.FLOAT, null);
        for (int t = 0; t < 12; t++) {
            fused.step(bowl);
        }
        Map<String, INDArray> common = change.apply(copy(fused.exportState()));
        fused.restoreState(copy(common));
        arrays.restoreState(copy(common));
        INDArray g = Nd4j.zeros(DataType.FLOAT, d(preset));
        if (!zero) {
            bowl.lossAndGradient(fused.parameters(), g);
        }
        fused.step(g, ETA, null);
        arrays.step(g, ETA, null);
        assertTrue(fused.twoPassSubspace() && arrays.arrayProgram(), preset);
        assertStatesAgree(preset + " one float step, " + what, fused.exportState(),
                arrays.exportState(), common, 1e-5);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ogr-pca", "full-ogr", "sogr", "dsogr"})
    void noElementAccessNoAllocationAndTheDeclaredOpsPerStep(String preset) {
        CountingArrays memory = new CountingArrays();
        INDArray start = memory.vector(DataType.FLOAT, NoisyBowl.start(d(preset)));
        Kernels.setProgram(Kernels.Program.ARRAYS);
        OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve(preset), start, memory);
        Kernels.setProgram(null);
        assertTrue(opt.arrayProgram() && !opt.stagedFallback(), preset);
        NoisyBowl bowl = new NoisyBowl(d(preset), DataType.FLOAT, memory);
        INDArray g = memory.scratch(DataType.FLOAT, d(preset));
        for (int t = 0; t < 8; t++) { // past the warm-up (5 steps) and the one-time set-up
            bowl.lossAndGradient(opt.parameters(), g);
            opt.step(g, ETA, null);
        }
        int steps = 5;
        memory.reset();
        for (int t = 0; t < steps; t++) {
            bowl.lossAndGradient(opt.parameters(), g);
            opt.step(g, ETA, null);
        }
        assertEquals(0, memory.vectorAccesses.get(), preset + ": element accesses to vectors in " + steps + " steps");
        assertEquals(0, memory.allocations.get(), preset + ": arrays allocated in " + steps + " steps");
        int declared = opt.declaredArrayOps();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        bowl.lossAndGradient(opt.parameters(), g);
        OpProfiler.getInstance().reset();
        opt.step(g, ETA, null);
        long ops = OpProfiler.getInstance().getInvocationsCount();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        assertTrue(ops == declared || ops == declared + 3, preset + ": " + ops + " ND4J op calls in one step,"
                + " declared " + declared + ": " + OpProfiler.getInstance().getOpCounter().asString());
    }

    /**
     * Every array of {@code expected} equals its namesake in {@code actual} to {@code tolerance} relative to the
     * array's largest magnitude (on either path, and before the step when {@code before} is given): each element of
     * θ + V·c and of V·A + g·c′ᵀ is a sum of terms as large as the arrays' entries, so its rounding is relative to
     * them, not to the sum, which may cancel to almost nothing.
     */
    private static void assertStatesAgree(String what, Map<String, INDArray> expected, Map<String, INDArray> actual,
            Map<String, INDArray> before, double tolerance) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": the state arrays");
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            double[] x = e.getValue().castTo(DataType.DOUBLE).reshape(e.getValue().length()).toDoubleVector();
            double[] y = actual.get(e.getKey()).castTo(DataType.DOUBLE).reshape(x.length).toDoubleVector();
            double[] z = before == null ? new double[0]
                    : before.get(e.getKey()).castTo(DataType.DOUBLE).reshape(x.length).toDoubleVector();
            double scale = 0;
            for (double[] values : new double[][] {x, y, z}) {
                for (double v : values) {
                    if (Double.isFinite(v)) {
                        scale = Math.max(scale, Math.abs(v));
                    }
                }
            }
            for (int i = 0; i < x.length; i++) {
                if (Double.compare(x[i], y[i]) == 0 || x[i] == y[i]) {
                    continue;
                }
                if (!(Math.abs(x[i] - y[i]) <= tolerance * scale)) {
                    org.junit.jupiter.api.Assertions.fail(what + ": " + e.getKey() + "[" + i + "] is " + y[i]
                            + " on the array-op path, " + x[i] + " on the fused path (difference "
                            + Math.abs(x[i] - y[i]) / scale + " of the array's largest magnitude " + scale
                            + ", allowed " + tolerance + ")");
                }
            }
        }
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> state) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
