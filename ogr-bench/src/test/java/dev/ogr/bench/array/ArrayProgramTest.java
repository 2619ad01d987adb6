package dev.ogr.bench.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ogr.api.Geometry;
import dev.ogr.api.Sample;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * Every coordinate-wise preset's array-op path (whole-array ND4J ops, {@code Kernels.Program.ARRAYS}) against its
 * fused pass on the CPU backend: whole 40-step trajectories in double to 1e-9 relative, one float step from a common
 * state to 1e-5 relative, each over θ and every state array, on a noisy quadratic with the coordinates the fused path
 * guards: one whose gradient is always 0 (zero variances, a coordinate that never moves), one with a constant
 * gradient (var g = 0), one at θ = 1e200 (1e20 in float) whose squares overflow (infinite variances, NaN ratios) and
 * one that stays at 0. The array-op path makes no element access to any vector per step (buffers that count every
 * access), allocates nothing per step, and its ND4J op calls per step are the ones its strategies declare.
 */
class ArrayProgramTest {

    private static final StrategyRegistry REGISTRY = PluginLoader.load();
    private static final RecipeResolver RESOLVER = new RecipeResolver(REGISTRY);
    /** Two blocks of 1024 and a ragged tail. */
    private static final int D = 2 * 1024 + 317;
    private static final int NOISES = 5;

    @AfterEach
    void restore() {
        Kernels.setProgram(null);
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    }

    /**
     * The presets whose model is coordinate-wise, and two recipes for the branches their defaults do not take: the
     * notebook averages at β = 0 (the deviation formed before it is squared) and newton-floor with div ≠ 1.
     */
    static Stream<String> coordinatePresets() {
        List<String> names = new ArrayList<>();
        for (String name : REGISTRY.presets().keySet()) {
            OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve(name), Nd4j.zeros(DataType.DOUBLE, 4));
            if (opt.layout() != null && opt.layout().geometry() == Geometry.COORDINATES) {
                names.add(name);
            }
        }
        names.add("dogr; averages=notebook(beta=0)");
        names.add("idogr; step=newton-floor(curvature=sigma, div=2)");
        return names.stream();
    }

    /** ½Σ hᵢθᵢ² with noise: g = h·θ + n_k (k in turn), computed with ND4J ops only. */
    private static final class Bowl implements Sample {
        private final INDArray h;
        private final INDArray[] noise;
        private int k;

        Bowl(INDArray h, INDArray[] noise) {
            this.h = h;
            this.noise = noise;
        }

        @Override
        public double lossAndGradient(INDArray theta, INDArray gradient) {
            theta.mul(h, gradient);
            gradient.addi(noise[k]);
            k = (k + 1) % noise.length;
            return 1.0;
        }

        @Override
        public double loss(INDArray theta) {
            return 1.0;
        }
    }

    /** The problem's arrays: curvatures, noise vectors and the start, with the guarded coordinates 0 to 3. */
    private static final class Problem {
        final double[] h = new double[D];
        final double[][] noise = new double[NOISES][D];
        final double[] start = new double[D];

        /**
         * The problem for {@code preset}: the overflowing coordinate only where the preset keeps averages (the
         * parameter-free baselines' global sums would overflow with it, on either path, ending the run).
         */
        Problem(DataType type, String preset) {
            java.util.Random r = new java.util.Random(15);
            for (int i = 0; i < D; i++) {
                h[i] = 0.5 + 4 * r.nextDouble();
                start[i] = r.nextGaussian();
                for (int k = 0; k < NOISES; k++) {
                    noise[k][i] = 0.1 * r.nextGaussian();
                }
            }
            h[0] = 0; // g = 0 always: zero variances, never moves
            h[1] = 0; // a constant gradient: var g = 0
            h[2] = 1; // squares overflow: infinite variances, NaN ratios
            boolean averages = !RESOLVER.resolve(preset).canonical().contains("averages=none");
            start[2] = !averages ? 3 : type == DataType.DOUBLE ? 1e200 : 1e20;
            start[3] = 0; // g = 2θ = 0 without noise: stays at 0
            h[3] = 2;
            for (int k = 0; k < NOISES; k++) {
                noise[k][0] = 0;
                noise[k][1] = 1e-3;
                noise[k][2] = 0;
                noise[k][3] = 0;
            }
        }

        Bowl bowl(DataType type, CountingArrays arrays) {
            INDArray[] n = new INDArray[NOISES];
            for (int k = 0; k < NOISES; k++) {
                n[k] = array(type, noise[k], arrays);
            }
            return new Bowl(array(type, h, arrays), n);
        }

        private static INDArray array(DataType type, double[] values, CountingArrays arrays) {
            return arrays != null ? arrays.vector(type, values) : Nd4j.createFromArray(values).castTo(type);
        }
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("coordinatePresets")
    void fortyDoubleStepsAgreeWithTheFusedPath(String preset) {
        Problem p = new Problem(DataType.DOUBLE, preset);
        INDArray start = Nd4j.createFromArray(p.start);
        OgrOptimizer fused = NoisyBowl.create(preset, Kernels.Program.FUSED, start);
        OgrOptimizer arrays = NoisyBowl.create(preset, Kernels.Program.ARRAYS, start);
        assertTrue(fused.fused(), preset + ": the reference runs the fused pass");
        assertTrue(arrays.arrayProgram() && !arrays.fused(), preset + ": the array-op path runs");
        Bowl a = p.bowl(DataType.DOUBLE, null);
        Bowl b = p.bowl(DataType.DOUBLE, null);
        Map<String, INDArray> before = copy(fused.exportState());
        for (int t = 0; t < 40; t++) {
            fused.step(a);
            arrays.step(b);
        }
        // relative to each element's larger value and its start: a coordinate that oscillates about 0 (dadapt-adam's
        // once its d has grown) carries rounding relative to its amplitude, not to the value where step 40 left it
        assertStatesAgree(preset + " after 40 double steps", fused.exportState(), arrays.exportState(), before, 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coordinatePresets")
    void oneFloatStepFromACommonStateAgrees(String preset) {
        Problem p = new Problem(DataType.FLOAT, preset);
        INDArray start = Nd4j.createFromArray(p.start).castTo(DataType.FLOAT);
        OgrOptimizer fused = NoisyBowl.create(preset, Kernels.Program.FUSED, start);
        OgrOptimizer arrays = NoisyBowl.create(preset, Kernels.Program.ARRAYS, start);
        Bowl a = p.bowl(DataType.FLOAT, null);
        Bowl b = p.bowl(DataType.FLOAT, null);
        for (int t = 0; t < 12; t++) {
            fused.step(a);
            b.lossAndGradient(start, Nd4j.createUninitialized(DataType.FLOAT, D)); // keep the noise in step
        }
        Map<String, INDArray> common = copy(fused.exportState());
        arrays.restoreState(common);
        fused.step(a);
        arrays.step(b);
        // float rounding of θ + Δ is relative to the larger term, so each element is compared relative to the larger
        // of its values before and after the step
        assertStatesAgree(preset + " one float step", fused.exportState(), arrays.exportState(), common, 1e-5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coordinatePresets")
    void noElementAccessNoAllocationAndTheDeclaredOpsPerStep(String preset) {
        CountingArrays memory = new CountingArrays();
        Problem p = new Problem(DataType.FLOAT, preset);
        INDArray start = memory.vector(DataType.FLOAT, p.start);
        Kernels.setProgram(Kernels.Program.ARRAYS);
        OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve(preset), start, memory);
        Kernels.setProgram(null);
        assertTrue(opt.arrayProgram(), preset);
        boolean staged = opt.stagedFallback();
        Bowl bowl = p.bowl(DataType.FLOAT, memory);
        INDArray g = memory.scratch(DataType.FLOAT, D);
        double eta = RESOLVER.resolve(preset).strategy(dev.ogr.api.StrategyKind.LEARNING_RATE).orElseThrow()
                .parameters().real("eta");
        for (int t = 0; t < 3; t++) { // past the first observations and the one-time set-up
            bowl.lossAndGradient(opt.parameters(), g);
            opt.step(g, eta, null);
        }
        int steps = 5;
        memory.reset();
        for (int t = 0; t < steps; t++) {
            bowl.lossAndGradient(opt.parameters(), g);
            opt.step(g, eta, null);
        }
        if (staged) { // the documented fallback (a rule with only the block form): it reads host memory by design
            return;
        }
        assertEquals(0, memory.vectorAccesses.get(), preset + ": element accesses to vectors in " + steps + " steps");
        assertEquals(0, memory.allocations.get(), preset + ": arrays allocated in " + steps + " steps");
        // the few host scalars a step needs: at most ten, or for a rule with many scalar estimates (the step count
        // among them) the finiteness count and each estimate read once and set once
        long estimates = opt.exportState().values().stream().filter(a -> a.length() <= CountingArrays.SCALAR_ARRAY)
                .mapToLong(INDArray::length).sum();
        long scalars = memory.scalarAccesses.get() / steps;
        assertTrue(scalars <= Math.max(10, 1 + 2 * estimates), preset + ": " + scalars + " scalar accesses per step, more than"
                + " the finiteness count and " + estimates + " scalar estimates read and set once each");
        int declared = opt.declaredArrayOps();
        if (declared >= 0) { // the staged fallback declares none
            Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
            bowl.lossAndGradient(opt.parameters(), g);
            OpProfiler.getInstance().reset();
            opt.step(g, eta, null);
            long ops = OpProfiler.getInstance().getInvocationsCount();
            Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
            // the cap shortens the steps of the overflowing coordinate's long first moves: two ops more then
            // (θ_old = θ + u, θ ← θ_old − s·u)
            assertTrue(ops == declared || ops == declared + 2, preset + ": " + ops + " ND4J op calls in one step,"
                    + " declared " + declared + ": " + OpProfiler.getInstance().getOpCounter().asString());
        }
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> state) {
        Map<String, INDArray> out = new java.util.LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    /** Every array of {@code expected} equals its namesake in {@code actual} to {@code tolerance} relative. */
    static void assertStatesAgree(String what, Map<String, INDArray> expected, Map<String, INDArray> actual,
            double tolerance) {
        assertStatesAgree(what, expected, actual, null, tolerance);
    }

    /**
     * As above, relative to the larger of the two values and, when {@code before} is given, the element's value
     * there.
     */
    static void assertStatesAgree(String what, Map<String, INDArray> expected, Map<String, INDArray> actual,
            Map<String, INDArray> before, double tolerance) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": the state arrays");
        int checked = 0;
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            double[] x = e.getValue().castTo(DataType.DOUBLE).reshape(e.getValue().length()).toDoubleVector();
            double[] y = actual.get(e.getKey()).castTo(DataType.DOUBLE).reshape(x.length).toDoubleVector();
            double[] z = before == null ? null
                    : before.get(e.getKey()).castTo(DataType.DOUBLE).reshape(x.length).toDoubleVector();
            for (int i = 0; i < x.length; i++) {
                if (Double.compare(x[i], y[i]) == 0 || x[i] == y[i]) {
                    continue;
                }
                double scale = Math.max(Math.abs(x[i]), Math.abs(y[i]));
                if (z != null && Double.isFinite(z[i])) {
                    scale = Math.max(scale, Math.abs(z[i]));
                }
                if (!(Math.abs(x[i] - y[i]) <= tolerance * scale)) {
                    fail(what + ": " + e.getKey() + "[" + i + "] is " + y[i] + " on the array-op path, " + x[i]
                            + " on the fused path (relative difference "
                            + Math.abs(x[i] - y[i]) / scale + ", allowed " + tolerance + ")");
                }
                checked++;
            }
        }
        assertFalse(expected.isEmpty(), what);
    }
}
