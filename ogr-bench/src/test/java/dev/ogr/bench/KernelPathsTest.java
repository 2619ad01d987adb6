package dev.ogr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.Objective;
import dev.ogr.bench.problems.Problems;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CPU kernels (direct memory) and the ND4J path (what the GPU backend runs) give the same optimizer state to
 * 1e-6 relative (of each array's largest entry), for every preset: one step from a common state in float and double,
 * and whole trajectories in double (in float, the paths round differently, once per store against once per op, and
 * adaptive methods amplify that over many steps).
 */
class KernelPathsTest {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());

    @AfterEach
    void restoreMode() {
        Kernels.setMode(Kernels.Mode.AUTO);
    }

    static Stream<Arguments> presetsAndTypes() {
        return PluginLoader.load().presets().keySet().stream()
                .flatMap(p -> Stream.of(Arguments.of(p, DataType.DOUBLE), Arguments.of(p, DataType.FLOAT)));
    }

    private static final Objective PROBLEM = Problems.create("quadratic(dim=64, cond=50, rotated=true, noise=0.01)", 4);

    private static OgrOptimizer create(String preset, DataType type, Kernels.Mode mode) {
        Kernels.setMode(mode);
        return OgrOptimizer.create(RESOLVER.resolve(preset + "; lr=fixed(eta=0.05)"), PROBLEM.initialPoint().castTo(type));
    }

    private static Map<String, INDArray> run(String preset, DataType type, Kernels.Mode mode) {
        return steps(create(preset, type, mode), type, 0, 40);
    }

    private static Map<String, INDArray> steps(OgrOptimizer opt, DataType type, int from, int to) {
        Objective q = PROBLEM;
        INDArray g = q.initialPoint().castTo(type);
        for (int t = from; t < to; t++) {
            dev.ogr.api.Sample s = q.sample(t);
            opt.step(new dev.ogr.api.Sample() {
                @Override
                public double lossAndGradient(INDArray theta, INDArray gradient) {
                    INDArray th = theta.castTo(DataType.DOUBLE);
                    INDArray gd = g.castTo(DataType.DOUBLE);
                    double loss = s.lossAndGradient(th, gd);
                    gradient.assign(gd);
                    return loss;
                }

                @Override
                public double loss(INDArray theta) {
                    return s.loss(theta.castTo(DataType.DOUBLE));
                }
            });
        }
        return opt.exportState();
    }

    /** From the same state after 40 steps, one step by each path gives the same state, float or double. */
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("presetsAndTypes")
    void oneStepOfEachPathAgrees(String preset, DataType type) {
        assertOneStepAgrees(preset, type, run(preset, type, Kernels.Mode.AUTO));
    }

    /**
     * Coordinates whose fit is undefined after the step's update of the averages (θ at its mean with var θ = 0), or
     * whose state is corrupt (var θ < 0), or degenerate (cov = 0, no residual noise) send a block of the float
     * kernels from its vectorised form to its guarded form; one step by each path still agrees.
     */
    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("coordinatePresetsAndTypes")
    void degenerateCoordinatesAgreeOnEachPath(String preset, DataType type) {
        Map<String, INDArray> state = run(preset, type, Kernels.Mode.AUTO);
        state.get("averages/mean-x").putScalar(3, state.get("optimizer/theta").getDouble(3));
        state.get("averages/var-x").putScalar(3, 0);
        state.get("averages/var-x").putScalar(13, -1);
        if (state.containsKey("averages/cov-xy")) {
            state.get("averages/cov-xy").putScalar(7, 0);
        }
        if (state.containsKey("step/noise")) {
            state.get("step/noise").putScalar(9, 0);
        }
        assertOneStepAgrees(preset, type, state);
    }

    /** Coordinate-wise trackers keep cov(g, θ) only for step rules that read it, on both paths. */
    @ParameterizedTest(name = "{0}: {1}")
    @org.junit.jupiter.params.provider.CsvSource({"asgd, false", "cdogr, false", "idogr, false", "dogr, true",
        "asgdc, true"})
    void theCovarianceIsKeptOnlyWhenTheStepRuleReadsIt(String preset, boolean kept) {
        for (Kernels.Mode mode : Kernels.Mode.values()) {
            Map<String, INDArray> state = steps(create(preset, DataType.FLOAT, mode), DataType.FLOAT, 0, 3);
            assertEquals(kept, state.containsKey("averages/cov-xy"), preset + " " + mode + ": " + state.keySet());
            assertTrue(state.containsKey("averages/var-x") && state.containsKey("averages/var-y"));
        }
    }

    static Stream<Arguments> coordinatePresetsAndTypes() {
        return Stream.of("asgd", "asgdc", "dogr", "idogr", "cdogr")
                .flatMap(p -> Stream.of(Arguments.of(p, DataType.DOUBLE), Arguments.of(p, DataType.FLOAT)));
    }

    /** One step from {@code state} by the kernels and by ND4J, each created and stepped in its own mode. */
    private static void assertOneStepAgrees(String preset, DataType type, Map<String, INDArray> state) {
        OgrOptimizer fast = create(preset, type, Kernels.Mode.AUTO);
        fast.restoreState(state);
        Map<String, INDArray> byKernels = steps(fast, type, 40, 41);
        OgrOptimizer nd4j = create(preset, type, Kernels.Mode.ND4J);
        nd4j.restoreState(state);
        assertAgree(preset + " " + type, byKernels, steps(nd4j, type, 40, 41));
    }

    /** In double precision whole trajectories of 40 steps agree too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void doubleTrajectoriesAgree(String preset) {
        assertAgree(preset, run(preset, DataType.DOUBLE, Kernels.Mode.AUTO),
                run(preset, DataType.DOUBLE, Kernels.Mode.ND4J));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"asgd", "asgdc", "dogr", "idogr", "cdogr", "momentum",
        "nesterov", "adam"})
    void coordinateWisePresetsRunFusedOnTheCpuBackendOnly(String preset) {
        assertTrue(create(preset, DataType.FLOAT, Kernels.Mode.AUTO).fused(), preset + " is not fused");
        assertTrue(!create(preset, DataType.FLOAT, Kernels.Mode.ND4J).fused(), preset + " is fused in ND4J mode");
    }

    static Stream<String> presets() {
        return PluginLoader.load().presets().keySet().stream();
    }

    private static void assertAgree(String what, Map<String, INDArray> fast, Map<String, INDArray> nd4j) {
        assertEquals(fast.keySet(), nd4j.keySet());
        double tolerance = 1e-6;
        for (String key : fast.keySet()) {
            double[] a = fast.get(key).castTo(DataType.DOUBLE).ravel().toDoubleVector();
            double[] b = nd4j.get(key).castTo(DataType.DOUBLE).ravel().toDoubleVector();
            double scale = 0;
            for (double v : b) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < a.length; i++) {
                assertTrue(Math.abs(a[i] - b[i]) <= tolerance * Math.max(scale, 1e-30),
                        what + " " + key + "[" + i + "]: " + a[i] + " vs " + b[i]);
            }
        }
    }
}
