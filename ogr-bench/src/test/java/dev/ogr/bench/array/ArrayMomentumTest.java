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
 * The momentum-direction presets' array-op step (whole-array ND4J ops, {@code Kernels.Program.ARRAYS}) against their
 * two-pass fused step on the CPU backend: whole 40-step trajectories in double to 1e-9 relative, and one float step
 * from a common state to 1e-5 relative, over θ and every state array, on a noisy quadratic with a coordinate whose
 * gradient is always 0, one with a constant gradient and one that stays at 0; the one float step also from the
 * degenerate states the fused step guards: a zero gradient, a zero momentum with a zero gradient (no direction: v̂
 * is kept) and fresh averages (a model without variance, whose ratios are NaN). The array-op step makes no element
 * access to any vector and allocates nothing per step, and its ND4J op calls are the ones it declares.
 */
class ArrayMomentumTest {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());
    /** Two blocks of 1024 and a ragged tail. */
    private static final int D = 2 * 1024 + 317;
    private static final double ETA = 0.01;

    @AfterEach
    void restore() {
        Kernels.setProgram(null);
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    }


    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ogr1d", "ogr1dc", "ogr1ds"})
    void fortyDoubleStepsAgreeWithTheFusedStep(String preset) {
        INDArray start = Nd4j.createFromArray(NoisyBowl.start(D));
        OgrOptimizer fused = NoisyBowl.create(preset, Kernels.Program.FUSED, start);
        OgrOptimizer arrays = NoisyBowl.create(preset, Kernels.Program.ARRAYS, start);
        assertTrue(fused.twoPassMomentum(), preset + ": the reference runs the two-pass fused step");
        assertTrue(arrays.arrayProgram() && !arrays.twoPassMomentum(), preset + ": the array-op step runs");
        NoisyBowl a = new NoisyBowl(D, DataType.DOUBLE, null);
        NoisyBowl b = new NoisyBowl(D, DataType.DOUBLE, null);
        for (int t = 0; t < 40; t++) {
            fused.step(a);
            arrays.step(b);
        }
        ArrayProgramTest.assertStatesAgree(preset + " after 40 double steps", fused.exportState(),
                arrays.exportState(), 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ogr1d", "ogr1dc", "ogr1ds"})
    void oneFloatStepFromACommonStateAgrees(String preset) {
        oneFloatStep(preset, "noisy gradient", s -> s, false);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ogr1d", "ogr1dc", "ogr1ds"})
    void oneFloatStepWithAZeroGradientAgrees(String preset) {
        oneFloatStep(preset, "zero gradient", s -> s, true);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ogr1d", "ogr1dc", "ogr1ds"})
    void oneFloatStepWithoutMomentumAgrees(String preset) {
        oneFloatStep(preset, "v = 0, g = 0", s -> {
            s.get("direction/momentum").assign(0);
            return s;
        }, true);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ogr1d", "ogr1dc", "ogr1ds"})
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
     * Twelve fused float steps, then {@code change} applied to the exported state, restored in both paths, and one
     * step of each from it with the same gradient (zero with {@code zero}).
     */
    private static void oneFloatStep(String preset, String what, UnaryOperator<Map<String, INDArray>> change,
            boolean zero) {
        INDArray start = Nd4j.createFromArray(NoisyBowl.start(D)).castTo(DataType.FLOAT);
        OgrOptimizer fused = NoisyBowl.create(preset, Kernels.Program.FUSED, start);
        OgrOptimizer arrays = NoisyBowl.create(preset, Kernels.Program.ARRAYS, start);
        NoisyBowl bowl = new NoisyBowl(D, DataType.FLOAT, null);
        for (int t = 0; t < 12; t++) {
            fused.step(bowl);
        }
        Map<String, INDArray> common = change.apply(copy(fused.exportState()));
        fused.restoreState(copy(common));
        arrays.restoreState(copy(common));
        INDArray g = Nd4j.zeros(DataType.FLOAT, D);
        if (!zero) {
            bowl.lossAndGradient(fused.parameters(), g);
        }
        fused.step(g, ETA, null);
        arrays.step(g, ETA, null);
        assertTrue(fused.twoPassMomentum() && arrays.arrayProgram(), preset);
        ArrayProgramTest.assertStatesAgree(preset + " one float step, " + what, fused.exportState(),
                arrays.exportState(), common, 1e-5);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ogr1d", "ogr1dc", "ogr1ds"})
    void noElementAccessNoAllocationAndTheDeclaredOpsPerStep(String preset) {
        CountingArrays memory = new CountingArrays();
        INDArray start = memory.vector(DataType.FLOAT, NoisyBowl.start(D));
        Kernels.setProgram(Kernels.Program.ARRAYS);
        OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve(preset), start, memory);
        Kernels.setProgram(null);
        assertTrue(opt.arrayProgram() && !opt.stagedFallback(), preset);
        NoisyBowl bowl = new NoisyBowl(D, DataType.FLOAT, memory);
        INDArray g = memory.scratch(DataType.FLOAT, D);
        for (int t = 0; t < 8; t++) { // past the warm-up (5 steps), the first rotation and the one-time set-up
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

    private static Map<String, INDArray> copy(Map<String, INDArray> state) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
