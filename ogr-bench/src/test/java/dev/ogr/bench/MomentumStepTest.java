package dev.ogr.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.NonFiniteException;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.averages.DualAverages;
import dev.ogr.core.averages.FullAverages;
import dev.ogr.core.averages.MovingAverages;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Parallel;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.core.steps.ClippedParabolaStep;
import dev.ogr.directions.MomentumDirection;
import dev.ogr.lr.FixedLearningRate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Model steps along paper 1's normalised momentum run as one measuring and one applying pass over memory
 * ({@code ogr1d}, {@code ogr1ds}, {@code ogr1dc}) on the CPU backend. That is the general path's step (accumulate, project with dot
 * products, move, normalise) with the sums rounded differently: double trajectories agree to 1e-9, one float step from a
 * common state to float roundings of the exact sums; the elementwise results (momentum, update output) are the same bit for bit.
 */
class MomentumStepTest {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());
    /** Three reduction units of 16 blocks and a ragged tail. */
    private static final int SHORT = 3 * 16 * 1024 + 517;
    /** More than 64 reduction units, so the measuring pass splits over threads, and a ragged tail. */
    private static final int LONG = 70 * 16 * 1024 + 517;

    @AfterEach
    void restore() {
        Kernels.setMode(Kernels.Mode.AUTO);
        Parallel.setThreads(1);
    }

    private static AverageTracker tracker(String kind) {
        return switch (kind) {
            case "plain" -> MovingAverages.plain(0.9);
            case "notebook" -> new MovingAverages(MovingAverages.Mode.NOTEBOOK, 0.9);
            case "centered" -> new MovingAverages(MovingAverages.Mode.CENTERED, 0.9);
            case "dual" -> new DualAverages(0.9, 4, "plain");
            case "full" -> new FullAverages(0.9);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static OgrOptimizer build(AverageTracker tracker, String orthogonal, INDArray start) {
        return OgrOptimizer.builder()
                .direction(new MomentumDirection(0.8))
                .averages(tracker)
                .step(new ClippedParabolaStep(1, 0.5, "reverse"))
                .learningRate(new FixedLearningRate(0.05))
                .warmup(3)
                .outside(TestOutsideRules.of(orthogonal, 0.9, 0.5, 0, "gradient"))
                .build(start);
    }

    /** The gradients of ½Σ hᵢθᵢ² with hᵢ in [1, 10], plus fixed noise vectors taken in turn. */
    private static final class Quadratic {
        private final INDArray curvature;
        private final INDArray[] noise = new INDArray[5];
        private final INDArray start;

        Quadratic(int n, DataType type) {
            Random random = new Random(7);
            double[] h = new double[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                h[i] = 1 + 9 * (i % 7) / 6.0;
                s[i] = random.nextGaussian();
            }
            curvature = Nd4j.createFromArray(h).castTo(type);
            start = Nd4j.createFromArray(s).castTo(type);
            for (int k = 0; k < noise.length; k++) {
                double[] e = new double[n];
                for (int i = 0; i < n; i++) {
                    e[i] = 0.01 * random.nextGaussian();
                }
                noise[k] = Nd4j.createFromArray(e).castTo(type);
            }
        }

        INDArray gradient(INDArray theta, int t) {
            return theta.mul(curvature).addi(noise[t % noise.length]);
        }
    }

    private static void steps(OgrOptimizer opt, Quadratic q, int from, int to) {
        for (int t = from; t < to; t++) {
            opt.step(q.gradient(opt.parameters(), t), 0.05, null);
        }
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> state) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    /** Equal element by element, exactly (ND4J's equals allows a tolerance). */
    private static void assertIdentical(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.castTo(DataType.DOUBLE).ravel().toDoubleVector(),
                actual.castTo(DataType.DOUBLE).ravel().toDoubleVector(), what);
    }

    private static void assertClose(String what, Map<String, INDArray> expected, Map<String, INDArray> actual,
            double tolerance) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            double[] a = actual.get(key).castTo(DataType.DOUBLE).ravel().toDoubleVector();
            double[] b = expected.get(key).castTo(DataType.DOUBLE).ravel().toDoubleVector();
            double scale = 1e-30;
            for (double v : b) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < a.length; i++) {
                assertTrue(Math.abs(a[i] - b[i]) <= tolerance * scale,
                        what + " " + key + "[" + i + "]: " + a[i] + " vs " + b[i]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain descent", "notebook descent", "dual descent", "full descent", "plain none",
        "centered descent", "centered none"})
    void doubleTrajectoriesAreTheGeneralPaths(String composition) {
        String[] parts = composition.split(" ");
        Quadratic q = new Quadratic(SHORT, DataType.DOUBLE);
        OgrOptimizer passes = build(tracker(parts[0]), parts[1], q.start);
        OgrOptimizer general = build(new OpaqueTracker(tracker(parts[0])), parts[1], q.start);
        assertTrue(passes.twoPassMomentum());
        assertFalse(general.twoPassMomentum());
        int modelSteps = 0;
        for (int t = 0; t < 25; t++) {
            modelSteps += passes.step(q.gradient(passes.parameters(), t), 0.05, null).modelStep() ? 1 : 0;
            general.step(q.gradient(general.parameters(), t), 0.05, null);
        }
        assertEquals(22, modelSteps);
        assertClose(composition, general.exportState(), passes.exportState(), 1e-9);
    }

    /**
     * One float step from a common state: the elementwise work (the momentum) is the same bit for bit; the sums x = θ·v̂,
     * y = g·v̂ and ‖v‖ are within a few float roundings of the exact sums (the general path's BLAS sdot sums a million
     * float products in float, about 1e-5 off, so θ and v̂ are compared with it at 2e-5; the variances of the averages,
     * which subtract nearly equal x, amplify that and are left to the double test).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "dual", "full", "centered"})
    void oneFloatStepFromACommonStateIsTheGeneralPaths(String kind) {
        Quadratic q = new Quadratic(SHORT, DataType.FLOAT);
        OgrOptimizer first = build(tracker(kind), "descent", q.start);
        steps(first, q, 0, 12);
        Map<String, INDArray> state = copy(first.exportState());
        OgrOptimizer passes = build(tracker(kind), "descent", q.start);
        OgrOptimizer general = build(new OpaqueTracker(tracker(kind)), "descent", q.start);
        passes.restoreState(state);
        general.restoreState(state);
        INDArray g = q.gradient(passes.parameters(), 12);
        double[] theta = state.get("optimizer/theta").castTo(DataType.DOUBLE).toDoubleVector();
        double[] centre = state.containsKey("averages/centre")
                ? state.get("averages/centre").castTo(DataType.DOUBLE).toDoubleVector() : new double[theta.length];
        double[] unit = state.get("direction/direction").castTo(DataType.DOUBLE).ravel().toDoubleVector();
        double[] gradient = g.castTo(DataType.DOUBLE).toDoubleVector();
        passes.step(g, 0.05, null);
        general.step(g, 0.05, null);
        double x = 0;
        double xScale = 0;
        double y = 0;
        double yScale = 0;
        for (int i = 0; i < theta.length; i++) {
            x += (theta[i] - centre[i]) * unit[i];
            xScale += Math.abs((theta[i] - centre[i]) * unit[i]);
            y += gradient[i] * unit[i];
            yScale += Math.abs(gradient[i] * unit[i]);
        }
        assertEquals(x, passes.model().position(0), 1e-7 * xScale, kind + ": x = (θ − c)·v̂");
        assertEquals(y, passes.model().gradient(0), 1e-7 * yScale, kind + ": y = g·v̂");

        Map<String, INDArray> a = passes.exportState();
        Map<String, INDArray> b = general.exportState();
        assertIdentical(b.get("direction/momentum"), a.get("direction/momentum"), "momentum");
        assertClose(kind, Map.of("theta", b.get("optimizer/theta"), "direction", b.get("direction/direction")),
                Map.of("theta", a.get("optimizer/theta"), "direction", a.get("direction/direction")), 2e-5);
        double[] m = a.get("direction/momentum").castTo(DataType.DOUBLE).toDoubleVector();
        double squared = 0;
        for (double v : m) {
            squared += v * v;
        }
        double norm = Math.sqrt(squared);
        double[] direction = a.get("direction/direction").castTo(DataType.DOUBLE).ravel().toDoubleVector();
        for (int i = 0; i < m.length; i++) {
            assertEquals(m[i] / norm, direction[i], 3e-7 * Math.abs(m[i] / norm), kind + ": v̂ = v/‖v‖ at " + i);
        }
        if (kind.equals("centered")) {
            // Alg. 7: the centre moves to the new θ and mean(x) by −Δ, Δ = (θ_new − c)·v̂ summed exactly here
            assertIdentical(a.get("optimizer/theta"), a.get("averages/centre"), "centre");
            double[] moved = a.get("optimizer/theta").castTo(DataType.DOUBLE).toDoubleVector();
            double shift = 0;
            double shiftScale = 0;
            for (int i = 0; i < moved.length; i++) {
                shift += (moved[i] - centre[i]) * unit[i];
                shiftScale += Math.abs((moved[i] - centre[i]) * unit[i]);
            }
            double weight = (1 - 0.9) / a.get("averages/weight").getDouble(0);
            double before = state.get("averages/mean-x").getDouble(0);
            double observed = before + weight * (x - before);
            assertEquals(observed - shift, a.get("averages/mean-x").getDouble(0), 1e-7 * (shiftScale + xScale),
                    "mean(x) after the centre moved by " + shift);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"FLOAT, plain", "DOUBLE, plain", "FLOAT, centered"})
    void theResultDoesNotDependOnTheNumberOfThreads(DataType type, String kind) {
        Quadratic q = new Quadratic(LONG, type);
        Parallel.setThreads(1);
        OgrOptimizer one = build(tracker(kind), "descent", q.start);
        steps(one, q, 0, 8);
        Parallel.setThreads(3);
        OgrOptimizer three = build(tracker(kind), "descent", q.start);
        steps(three, q, 0, 8);
        Map<String, INDArray> a = one.exportState();
        Map<String, INDArray> b = three.exportState();
        for (String key : a.keySet()) {
            assertIdentical(a.get(key), b.get(key), key);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void theUpdateOutputIsTheMoveOfThetaAndMayBeTheGradient(DataType type) {
        Quadratic q = new Quadratic(3000, type);
        OgrOptimizer a = build(tracker("plain"), "descent", q.start);
        OgrOptimizer b = build(tracker("plain"), "descent", q.start);
        steps(a, q, 0, 6);
        steps(b, q, 0, 6);
        for (int t = 6; t < 10; t++) {
            INDArray before = a.parameters().dup();
            INDArray g = q.gradient(a.parameters(), t);
            INDArray update = Nd4j.createUninitialized(type, g.shape());
            a.step(g, 0.05, update);
            INDArray inPlace = g.dup();
            b.step(inPlace, 0.05, inPlace); // the update overwrites the gradient it is computed from
            assertIdentical(before.sub(a.parameters()), update, "update at step " + t);
            assertIdentical(update, inPlace, "update in place at step " + t);
            assertIdentical(a.parameters(), b.parameters(), "parameters at step " + t);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void aNonFiniteGradientEntryChangesNothing(String entry) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Quadratic q = new Quadratic(SHORT, type);
            OgrOptimizer opt = build(tracker("dual"), "descent", q.start);
            steps(opt, q, 0, 6);
            Map<String, INDArray> before = copy(opt.exportState());
            INDArray g = q.gradient(opt.parameters(), 6);
            g.putScalar(SHORT - 3, Double.parseDouble(entry));
            for (INDArray update : new INDArray[] {null, Nd4j.zeros(type, SHORT), g}) {
                NonFiniteException e = assertThrows(NonFiniteException.class, () -> opt.step(g, 0.05, update));
                assertTrue(e.getMessage().contains("step 6: the gradient has NaN or infinite entries"), e.getMessage());
                Map<String, INDArray> after = opt.exportState();
                for (String key : before.keySet()) {
                    assertIdentical(before.get(key), after.get(key), type + " " + key);
                }
            }
            assertEquals(Double.parseDouble(entry), g.getDouble(SHORT - 3)); // the refused step wrote no update
        }
    }

    /** Finite gradients whose sums overflow float are not mistaken for NaN or infinite ones. */
    @Test
    void hugeFiniteGradientsAreStepsNotErrors() {
        Quadratic q = new Quadratic(5000, DataType.FLOAT);
        OgrOptimizer opt = build(tracker("plain"), "descent", q.start);
        steps(opt, q, 0, 6);
        INDArray g = Nd4j.valueArrayOf(new long[] {5000}, 3e38f, DataType.FLOAT);
        assertTrue(opt.step(g, 0, null).modelStep());
        assertEquals(7, opt.iteration());
    }

    /** A momentum of norm 0 has no direction: v̂ is kept (and a centre stays where it was), on both paths. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "centered"})
    void aZeroMomentumKeepsTheDirection(String kind) {
        Quadratic q = new Quadratic(3000, DataType.DOUBLE);
        OgrOptimizer first = build(tracker(kind), "descent", q.start);
        steps(first, q, 0, 6);
        Map<String, INDArray> state = copy(first.exportState());
        state.get("direction/momentum").assign(0);
        OgrOptimizer passes = build(tracker(kind), "descent", q.start);
        OgrOptimizer general = build(new OpaqueTracker(tracker(kind)), "descent", q.start);
        passes.restoreState(state);
        general.restoreState(state);
        passes.step(Nd4j.zeros(DataType.DOUBLE, 3000), 0.05, null);
        general.step(Nd4j.zeros(DataType.DOUBLE, 3000), 0.05, null);
        assertIdentical(state.get("direction/direction"), passes.exportState().get("direction/direction"), "direction");
        if (kind.equals("centered")) {
            assertIdentical(state.get("averages/centre"), passes.exportState().get("averages/centre"), "centre");
        }
        assertClose("zero momentum", general.exportState(), passes.exportState(), 1e-12);
    }

    @Test
    void whichCompositionsRunInTwoPasses() {
        Supplier<INDArray> start = () -> Nd4j.ones(DataType.FLOAT, 10);
        for (String recipe : new String[] {"ogr1d", "ogr1ds", "ogr1dc", "ogr1d; averages=notebook(beta=0.9)",
            "ogr1d; averages=full(beta=0.9)", "ogr1d; outside=none"}) {
            assertTrue(OgrOptimizer.create(RESOLVER.resolve(recipe), start.get()).twoPassMomentum(), recipe);
        }
        for (String recipe : new String[] {"ogr1d; averages=dual(beta=0.9, period=10, of=centered)",
            "ogr1d; outside=momentum", "ogr-pca", "asgd", "sgd"}) {
            assertFalse(OgrOptimizer.create(RESOLVER.resolve(recipe), start.get()).twoPassMomentum(), recipe);
        }
        Kernels.setMode(Kernels.Mode.ND4J);
        assertFalse(OgrOptimizer.create(RESOLVER.resolve("ogr1d"), start.get()).twoPassMomentum());
    }

    /**
     * A direction from outside the core that declares {@code NormalisedMomentum} through the public API (here by
     * delegating to the built-in one) takes the two-pass step too, and follows the built-in bit for bit.
     */
    @Test
    void aPluginDirectionDeclaringNormalisedMomentumTakesTheTwoPassStep() {
        Quadratic q = new Quadratic(SHORT, DataType.FLOAT);
        MomentumDirection inner = new MomentumDirection(0.8);
        class PluginMomentum implements dev.ogr.api.DirectionProvider, dev.ogr.api.block.NormalisedMomentum {
            public dev.ogr.api.Geometry geometry() {
                return inner.geometry();
            }

            public long rank(long dimension) {
                return inner.rank(dimension);
            }

            public void init(long dimension, DataType type, dev.ogr.api.StrategyState state) {
                inner.init(dimension, type, state);
            }

            public void accumulate(INDArray theta, INDArray gradient) {
                inner.accumulate(theta, gradient);
            }

            public boolean ready() {
                return inner.ready();
            }

            public dev.ogr.api.Basis basis() {
                return inner.basis();
            }

            public void rotate(INDArray theta, AverageTracker averages) {
                inner.rotate(theta, averages);
            }

            @Override
            public INDArray warmupDirection(INDArray gradient) {
                return inner.warmupDirection(gradient);
            }

            public double momentumCoefficient() {
                return inner.momentumCoefficient();
            }

            public INDArray momentumVector() {
                return inner.momentumVector();
            }

            public INDArray unitDirection() {
                return inner.unitDirection();
            }
        }
        OgrOptimizer plugin = OgrOptimizer.builder().direction(new PluginMomentum()).averages(tracker("plain"))
                .step(new ClippedParabolaStep(1, 0.5, "reverse")).learningRate(new FixedLearningRate(0.05))
                .warmup(3).build(q.start);
        OgrOptimizer builtIn = build(tracker("plain"), "descent", q.start);
        assertTrue(plugin.twoPassMomentum());
        steps(plugin, q, 0, 12);
        steps(builtIn, q, 0, 12);
        assertArrayEquals(builtIn.parameters().toFloatVector(), plugin.parameters().toFloatVector());
    }

    @Test
    void aSavedTwoPassOptimizerContinuesBitForBit() {
        Quadratic q = new Quadratic(SHORT, DataType.FLOAT);
        OgrOptimizer through = build(tracker("dual"), "descent", q.start);
        steps(through, q, 0, 9);
        OgrOptimizer restored = build(tracker("dual"), "descent", q.start);
        restored.restoreState(copy(through.exportState()));
        steps(through, q, 9, 15);
        steps(restored, q, 9, 15);
        Map<String, INDArray> a = through.exportState();
        Map<String, INDArray> b = restored.exportState();
        for (String key : a.keySet()) {
            assertIdentical(a.get(key), b.get(key), key);
        }
        assertArrayEquals(through.parameters().toFloatVector(), restored.parameters().toFloatVector());
    }
}
