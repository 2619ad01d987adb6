package dev.ogr.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Vector API kernels over host memory and the block lanes of the public fast API give the same float optimizer
 * state bit for bit, step after step: on a length that is not a multiple of the vector (so the scalar tail runs), with
 * coordinates that need the guarded forms (a gradient that never changes: var(g) = 0; a coordinate the step never
 * moves: var(θ) = 0; huge and tiny values), with and without the update output, through θ and g that are views
 * into larger buffers (as DL4J hands them over). The tests run with {@code --add-modules jdk.incubator.vector}
 * (the parent POM's surefire line), so the module is there.
 */
class DirectFloatKernelsTest {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());
    private static final int D = 1000 + 13;

    @AfterEach
    void restore() {
        Kernels.setSimd(null);
    }

    @Test
    void theTestJvmHasTheVectorModule() {
        assertTrue(Kernels.vectorModule(), "surefire runs with --add-modules jdk.incubator.vector");
        assertFalse(Kernels.simd(Kernels.SIMD_MIN_LENGTH - 1), "by default only for long vectors");
        assertTrue(Kernels.simd(Kernels.SIMD_MIN_LENGTH));
        Kernels.setSimd("false");
        assertFalse(Kernels.simd(Long.MAX_VALUE));
        Kernels.setSimd("true");
        assertTrue(Kernels.simd(1));
        Kernels.setMode(Kernels.Mode.ND4J);
        try {
            assertFalse(Kernels.simd(1), "not with ND4J element access");
        } finally {
            Kernels.setMode(Kernels.Mode.AUTO);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asgd", "asgd; max-step=0", "dogr", "idogr", "adam", "dogr; step=newton-floor(cut=5)",
        "asgdc", "asgdc; step=confidence-eta(gamma=0)", "cdogr", "cdogr; step=ratio-capped(cap=0.5)", "momentum",
        "nesterov"})
    void vectorAndLaneFormsAgreeBitForBit(String preset) {
        for (boolean update : new boolean[] {false, true}) {
            for (boolean views : new boolean[] {false, true}) {
                Map<String, INDArray> lanes = run(preset, false, update, views);
                Map<String, INDArray> direct = run(preset, true, update, views);
                assertEquals(lanes.keySet(), direct.keySet());
                for (String k : lanes.keySet()) {
                    assertArrayEquals(lanes.get(k).data().asFloat(), direct.get(k).data().asFloat(),
                            preset + " " + k + (update ? " with" : " without") + " update output"
                                    + (views ? ", views" : ""));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asgd", "dogr", "asgdc", "ogr1d", "ogr1dc"})
    void theVectorFormsGiveTheSameOnOneThreadAndOnThree(String preset) {
        Kernels.setSimd("true");
        Map<String, INDArray> one;
        Map<String, INDArray> three;
        try {
            dev.ogr.core.kernel.Parallel.setThreads(1);
            one = threads(preset);
            dev.ogr.core.kernel.Parallel.setThreads(3);
            three = threads(preset);
        } finally {
            dev.ogr.core.kernel.Parallel.setThreads(1);
        }
        for (String k : one.keySet()) {
            assertArrayEquals(one.get(k).data().asFloat(), three.get(k).data().asFloat(), preset + " " + k);
        }
    }

    /** 12 steps of {@code preset} over 200,003 float coordinates (long enough to be split over threads). */
    private static Map<String, INDArray> threads(String preset) {
        int n = 200_003;
        Random random = new Random(3);
        float[] x = new float[n];
        float[] e = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
            e[i] = (float) random.nextGaussian();
        }
        OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve(preset), Nd4j.createFromArray(x));
        INDArray noise = Nd4j.createFromArray(e);
        INDArray g = Nd4j.create(DataType.FLOAT, n);
        for (int t = 0; t < 12; t++) {
            g.assign(opt.parameters()).addi(noise.mul(0.1 * (t % 3)));
            opt.step(g, 0.05, null);
        }
        return opt.exportState();
    }

    @Test
    void rulesWithoutAVectorFormKeepTheLanes() {
        Kernels.setSimd("true");
        OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve("prodigy"), Nd4j.zeros(DataType.FLOAT, D));
        assertTrue(opt.fused());
        assertFalse(opt.directFloats(), "prodigy sums over coordinates: it keeps the two-pass lane form");
    }

    /** 40 steps of {@code preset} on a noisy quadratic with guard-provoking coordinates; the state and the updates. */
    private static Map<String, INDArray> run(String preset, boolean simd, boolean update, boolean views) {
        Kernels.setSimd(Boolean.toString(simd));
        Random random = new Random(7);
        INDArray start = Nd4j.create(DataType.FLOAT, D);
        for (int i = 0; i < D; i++) {
            start.putScalar(i, (float) (random.nextGaussian() * (i % 97 == 0 ? 1e18 : i % 89 == 0 ? 1e-20 : 1)));
        }
        INDArray thetaBuffer = Nd4j.create(DataType.FLOAT, D + 24);
        INDArray theta = views ? thetaBuffer.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(5, 5 + D)) : start.dup();
        theta.assign(start);
        OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve(preset), theta);
        assertEquals(simd, opt.directFloats(), preset + (simd ? " has" : " has no") + " Vector API form here");
        INDArray gradientBuffer = Nd4j.create(DataType.FLOAT, D + 40);
        INDArray g = views ? gradientBuffer.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 3 + D))
                : Nd4j.create(DataType.FLOAT, D);
        INDArray out = update ? Nd4j.create(DataType.FLOAT, D) : null;
        INDArray updates = Nd4j.create(DataType.FLOAT, 40, D);
        for (int t = 0; t < 40; t++) {
            INDArray th = opt.parameters();
            for (int i = 0; i < D; i++) {
                double gi = i % 7 == 0 ? 0.5 // var(g) stays 0
                        : i % 11 == 0 ? 0 // the step never moves it: var(θ) stays 0 for the slope-free rules
                        : th.getDouble(i) * (1 + i % 5) + 0.1 * random.nextGaussian();
                g.putScalar(i, gi);
            }
            opt.step(g, 0.05, out);
            if (out != null) {
                updates.getRow(t).assign(out);
            }
        }
        Map<String, INDArray> state = opt.exportState();
        state.put("test/updates", updates);
        return state;
    }
}
