package dev.ogr.core.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.StrategyState;
import dev.ogr.core.kernel.Parallel;
import dev.ogr.core.steps.KernelStepRule;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The parameter-free baselines against their papers' equations: the first steps on one- and two-dimensional
 * quadratics computed by hand, the invariants of their estimates, and the two execution paths against each other.
 */
class ParameterFreeBaselinesTest {

    private static final double B2 = 0.999;
    private static final double ROOT_B2 = Math.sqrt(B2);

    /** ∇ of ½·Σ hᵢxᵢ² with h = (1, 10, 1, 10, ...). */
    private static final UnaryOperator<double[]> QUADRATIC = x -> {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = (i % 2 == 0 ? 1 : 10) * x[i];
        }
        return g;
    };

    private static ProdigyStep prodigy() {
        return new ProdigyStep(0.9, B2, 0, 1e-8, 1e-6, 1, Double.POSITIVE_INFINITY, 0, false, false);
    }

    private static DAdaptAdamStep dadaptAdam() {
        return new DAdaptAdamStep(0.9, B2, 1e-8, 1e-6, Double.POSITIVE_INFINITY, 0, false, false);
    }

    private static DAdaptSgdStep dadaptSgd() {
        return new DAdaptSgdStep(0, 1e-6, Double.POSITIVE_INFINITY, 0);
    }

    private static DogStep dog(String average) {
        return new DogStep(1e-6, 1e-8, 0, 0, average, 8);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-14 * Math.max(Math.abs(expected), 1e-300), what);
    }

    /** f = ½x² from x = 1 at η = 1: Prodigy's two first steps, written out from its update. */
    @Test
    void prodigysFirstTwoStepsOnAOneDimensionalQuadratic() {
        for (boolean fused : new boolean[] {true, false}) {
            BaselineHarness h = new BaselineHarness(prodigy(), new double[] {1}, QUADRATIC, fused, DataType.DOUBLE);
            double d0 = 1e-6;
            // step 1: ⟨g, x₀ − x⟩ = 0, so d̂ = 0 and d stays d₀; m = d(1 − β₁)g, v = d²(1 − β₂)g²
            h.step(1);
            double m = d0 * 0.1;
            double v = d0 * d0 * 0.001;
            double x1 = 1 - d0 * m / (Math.sqrt(v) + d0 * 1e-8);
            assertClose(x1, h.theta()[0], "x1");
            assertEquals(d0, ((ProdigyStep) h.rule).distance(), "d after step 1");
            // step 2: r = d·η·g·(x₀ − x₁) (β₃·0 + ...), s = β₃·s + d·η·g, d̂ = r/|s|
            h.step(1);
            double g = x1;
            double r = d0 * g * (1 - x1);
            double s = ROOT_B2 * d0 + d0 * g;
            double estimate = r / s;
            assertTrue(estimate > d0, "the estimate grows: " + estimate);
            m = 0.9 * m + d0 * 0.1 * g;
            v = B2 * v + d0 * d0 * 0.001 * g * g;
            double x2 = x1 - d0 * m / (Math.sqrt(v) + estimate * 1e-8);
            assertClose(estimate, ((ProdigyStep) h.rule).distance(), "d after step 2");
            assertClose(x2, h.theta()[0], "x2");
        }
    }

    /** f = ½(x² + 10y²) from (1, 1) at η = 1: D-Adapted Adam's two first steps. */
    @Test
    void dadaptAdamsFirstTwoStepsOnATwoDimensionalQuadratic() {
        for (boolean fused : new boolean[] {true, false}) {
            BaselineHarness h = new BaselineHarness(dadaptAdam(), new double[] {1, 1}, QUADRATIC, fused,
                    DataType.DOUBLE);
            double d0 = 1e-6;
            double[] g1 = {1, 10};
            double[] m = new double[2];
            double[] v = new double[2];
            double[] s = new double[2];
            double[] x1 = new double[2];
            h.step(1);
            for (int i = 0; i < 2; i++) { // s of the previous step is 0: nothing enters r
                m[i] = d0 * 0.1 * g1[i];
                v[i] = 0.001 * g1[i] * g1[i];
                s[i] = d0 * (1 - ROOT_B2) * g1[i];
                x1[i] = new double[] {1, 1}[i] - m[i] / (Math.sqrt(v[i]) + 1e-8);
            }
            assertClose(x1[0], h.theta()[0], "x1");
            assertClose(x1[1], h.theta()[1], "y1");
            assertEquals(d0, ((DAdaptAdamStep) h.rule).distance(), "d after step 1");
            h.step(1);
            double[] g2 = {x1[0], 10 * x1[1]};
            double sum = 0;
            double l1 = 0;
            for (int i = 0; i < 2; i++) {
                sum += g2[i] * s[i] / (Math.sqrt(v[i]) + 1e-8);
                l1 += Math.abs(ROOT_B2 * s[i] + d0 * (1 - ROOT_B2) * g2[i]);
            }
            double r = (1 - ROOT_B2) * d0 * sum;
            double estimate = r / ((1 - ROOT_B2) * l1);
            assertTrue(estimate > 10 * d0, "one step already raises d by an order of magnitude: " + estimate);
            assertEquals(estimate, ((DAdaptAdamStep) h.rule).distance(), 1e-12 * estimate, "d after step 2");
        }
    }

    /** f = ½(x² + 10y²) from (1, 1): D-Adapted SGD's first step is d₀·g/‖g‖, its second sets d̂ = 2r/‖s‖. */
    @Test
    void dadaptSgdsFirstTwoStepsOnATwoDimensionalQuadratic() {
        for (boolean fused : new boolean[] {true, false}) {
            BaselineHarness h = new BaselineHarness(dadaptSgd(), new double[] {1, 1}, QUADRATIC, fused,
                    DataType.DOUBLE);
            double d0 = 1e-6;
            double dlr = d0 / Math.sqrt(101);
            h.step(1);
            double[] x1 = {1 - dlr, 1 - dlr * 10};
            assertClose(x1[0], h.theta()[0], "x1");
            assertClose(x1[1], h.theta()[1], "y1");
            h.step(1);
            double[] g2 = {x1[0], 10 * x1[1]};
            double r = dlr * (g2[0] * dlr + g2[1] * dlr * 10);
            double[] s2 = {dlr + dlr * g2[0], dlr * 10 + dlr * g2[1]};
            double estimate = 2 * r / Math.hypot(s2[0], s2[1]); // just below d₀ here: d = max(d, d̂) keeps d₀
            assertEquals(Math.max(d0, estimate), ((DAdaptSgdStep) h.rule).distance(), 1e-12 * d0, "d after step 2");
            assertClose(1 - s2[0], h.theta()[0], "x2 = x0 - s");
            assertClose(1 - s2[1], h.theta()[1], "y2 = y0 - s");
        }
    }

    /** f = ½x² from x = 2: DoG's first step is r_ε/‖g₀‖ with r_ε = 10⁻⁶·(1 + ‖x₀‖). */
    @Test
    void dogsFirstTwoStepsOnAOneDimensionalQuadratic() {
        for (boolean fused : new boolean[] {true, false}) {
            BaselineHarness h = new BaselineHarness(dog("none"), new double[] {2}, QUADRATIC, fused, DataType.DOUBLE);
            h.step(1);
            double rEps = 1e-6 * 3;
            double squares = 4 + 1e-8;
            double eta1 = rEps / Math.sqrt(squares);
            double x1 = 2 - eta1 * 2;
            assertClose(eta1, ((DogStep) h.rule).stepSize(), "eta1");
            assertClose(x1, h.theta()[0], "x1");
            h.step(1);
            double rbar = Math.max(rEps, Math.abs(x1 - 2));
            double eta2 = rbar / Math.sqrt(squares + x1 * x1);
            assertClose(rbar, ((DogStep) h.rule).maxDistance(), "rbar after step 2");
            assertClose(x1 - eta2 * x1, h.theta()[0], "x2");
        }
    }

    /** Prodigy's and D-Adaptation's d never decreases, and grows from d₀ towards the distance to the minimum. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("distanceEstimators")
    void theDistanceEstimateNeverDecreases(String name, Supplier<KernelStepRule> rule) {
        double[] start = {3, -2, 1, 4, -1};
        BaselineHarness h = new BaselineHarness(rule.get(), start, QUADRATIC, true, DataType.DOUBLE);
        double previous = 0;
        for (int t = 0; t < 300; t++) {
            h.step(1);
            double d = distance(h.rule);
            assertTrue(d >= previous, name + ": d fell from " + previous + " to " + d + " at step " + t);
            previous = d;
        }
        double distance = Math.sqrt(3 * 3 + 2 * 2 + 1 + 4 * 4 + 1);
        assertTrue(previous > 1e3 * 1e-6, name + ": d grew from d0 = 1e-6 to " + previous
                + " (distance to the minimum " + distance + ")");
    }

    static Stream<Arguments> distanceEstimators() {
        return Stream.of(Arguments.of("prodigy", (Supplier<KernelStepRule>) ParameterFreeBaselinesTest::prodigy),
                Arguments.of("dadapt-adam", (Supplier<KernelStepRule>) ParameterFreeBaselinesTest::dadaptAdam),
                Arguments.of("dadapt-sgd", (Supplier<KernelStepRule>) ParameterFreeBaselinesTest::dadaptSgd));
    }

    private static double distance(KernelStepRule rule) {
        if (rule instanceof ProdigyStep p) {
            return p.distance();
        }
        if (rule instanceof DAdaptAdamStep a) {
            return a.distance();
        }
        return ((DAdaptSgdStep) rule).distance();
    }

    /** DoG's r̄ is the running maximum of ‖x_t − x₀‖ (and r_ε), its η the ratio of r̄ to √Σ‖g‖². */
    @Test
    void dogsDistanceIsTheRunningMaximumDistanceFromTheStart() {
        double[] start = {3, -2, 1, 4};
        BaselineHarness h = new BaselineHarness(dog("none"), start, QUADRATIC, false, DataType.DOUBLE);
        double rbar = 1e-6 * (1 + Math.sqrt(9 + 4 + 1 + 16));
        double squares = 1e-8;
        for (int t = 0; t < 200; t++) {
            double[] x = h.theta();
            double[] g = QUADRATIC.apply(x);
            double distance = 0;
            for (int i = 0; i < x.length; i++) {
                distance += (x[i] - start[i]) * (x[i] - start[i]);
                squares += g[i] * g[i];
            }
            rbar = Math.max(rbar, Math.sqrt(distance));
            h.step(1);
            DogStep dog = (DogStep) h.rule;
            assertEquals(rbar, dog.maxDistance(), 1e-12 * rbar, "rbar at step " + t);
            assertEquals(rbar / Math.sqrt(squares), dog.stepSize(), 1e-12 * dog.stepSize(), "eta at step " + t);
        }
        assertTrue(rbar > 1, "r̄ reached the scale of the distance to the minimum: " + rbar);
    }

    /** The polynomial-decay average: x̄₁ = x₁, then x̄_t = (1 − w)·x̄_{t−1} + w·x_t with w = 9/(t + 8). */
    @Test
    void dogsAverageIsThePolynomialDecayAverageOfTheIterates() {
        BaselineHarness h = new BaselineHarness(dog("polynomial"), new double[] {3, -2}, QUADRATIC, true,
                DataType.DOUBLE);
        double[] average = new double[2];
        for (int t = 1; t <= 50; t++) {
            h.step(1);
            double w = 9.0 / (t + 8);
            double[] x = h.theta();
            for (int i = 0; i < 2; i++) {
                average[i] = (1 - w) * average[i] + w * x[i];
            }
            assertArrayEquals(average, h.rule.evaluationPoint().toDoubleVector(), 1e-14, "step " + t);
        }
    }

    /**
     * Schedule-Free: x is the average of the z sequence weighted by w_t = (max_{i≤t} γ_i)² (r = 0), γ_t warmed up
     * linearly over 4 steps, and θ is the interpolation y = β·x + (1 − β)·z.
     */
    @ParameterizedTest(name = "adamw: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void scheduleFreesXIsTheWeightedAverageOfZ(boolean adamw) {
        double eta = 0.05;
        ScheduleFreeStep rule = adamw ? ScheduleFreeStep.adamw(0.9, B2, 1e-8, 4, 0, 2, 0)
                : ScheduleFreeStep.sgd(0.9, 4, 0, 2, 0);
        BaselineHarness h = new BaselineHarness(rule, new double[] {3, -2, 1}, QUADRATIC, true, DataType.DOUBLE);
        double[] weighted = new double[3];
        double weights = 0;
        double lrMax = 0;
        for (int t = 1; t <= 40; t++) {
            h.step(eta);
            lrMax = Math.max(lrMax, eta * Math.min(1, t / 4.0));
            double w = lrMax * lrMax;
            double[] z = h.array("z");
            weights += w;
            for (int i = 0; i < 3; i++) {
                weighted[i] += w * z[i];
            }
            double[] x = rule.evaluationPoint().toDoubleVector();
            double[] y = h.theta();
            for (int i = 0; i < 3; i++) {
                assertEquals(weighted[i] / weights, x[i], 1e-12, "x[" + i + "] at step " + t);
                assertEquals(0.9 * x[i] + 0.1 * z[i], y[i], 1e-12, "y[" + i + "] at step " + t);
            }
        }
    }

    /** Schedule-Free SGD's first step: z₁ = x₀ − γ₁·g(x₀), x₁ = z₁ (c₁ = 1), y₁ = z₁. */
    @Test
    void scheduleFreeSgdsFirstStepIsAGradientStep() {
        BaselineHarness h = new BaselineHarness(ScheduleFreeStep.sgd(0.9, 0, 0, 2, 0), new double[] {3, -2},
                QUADRATIC, false, DataType.DOUBLE);
        h.step(0.01);
        assertArrayEquals(new double[] {3 - 0.01 * 3, -2 + 0.01 * 20}, h.theta(), 1e-15);
    }

    /** AdamW's first step: x₁ = x₀·(1 − ηλ) − η·g/(|g| + ε) (the bias-corrected moments are g and g²). */
    @Test
    void adamwsFirstStepShrinksThenMovesBySignedUnitSteps() {
        BaselineHarness h = new BaselineHarness(new AdamWStep(0.9, B2, 1e-8, 0.1), new double[] {3, -2},
                QUADRATIC, true, DataType.DOUBLE);
        h.step(0.01);
        double shrink = 1 - 0.01 * 0.1;
        double[] expected = {3 * shrink - 0.01 * 3 / (3 + 1e-8), -2 * shrink + 0.01 * 20 / (20 + 1e-8)};
        assertArrayEquals(expected, h.theta(), 1e-14);
    }

    static Stream<Arguments> everyRule() {
        return Stream.of(
                Arguments.of("prodigy", (Supplier<KernelStepRule>) ParameterFreeBaselinesTest::prodigy),
                Arguments.of("dadapt-adam", (Supplier<KernelStepRule>) ParameterFreeBaselinesTest::dadaptAdam),
                Arguments.of("dadapt-sgd", (Supplier<KernelStepRule>) ParameterFreeBaselinesTest::dadaptSgd),
                Arguments.of("dog", (Supplier<KernelStepRule>) () -> dog("polynomial")),
                Arguments.of("schedule-free-sgd",
                        (Supplier<KernelStepRule>) () -> ScheduleFreeStep.sgd(0.9, 3, 0, 2, 0.01)),
                Arguments.of("schedule-free-adamw",
                        (Supplier<KernelStepRule>) () -> ScheduleFreeStep.adamw(0.9, B2, 1e-8, 3, 0, 2, 0.01)),
                Arguments.of("adamw", (Supplier<KernelStepRule>) () -> new AdamWStep(0.9, B2, 1e-8, 0.01)));
    }

    private static double[] start(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(0.37 * i + 1) * 2;
        }
        return x;
    }

    /** Over several blocks of coordinates, the fused pass and the general path compute the same steps. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRule")
    void theFusedPassAndTheGeneralPathAgree(String name, Supplier<KernelStepRule> rule) {
        double eta = name.contains("adam") ? 0.01 : name.equals("schedule-free-sgd") ? 0.01 : 1;
        double[] start = start(2500);
        BaselineHarness fused = new BaselineHarness(rule.get(), start, QUADRATIC, true, DataType.DOUBLE);
        BaselineHarness general = new BaselineHarness(rule.get(), start, QUADRATIC, false, DataType.DOUBLE);
        for (int t = 0; t < 30; t++) {
            fused.step(eta);
            general.step(eta);
        }
        double[] a = fused.theta();
        double[] b = general.theta();
        boolean moved = false;
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-12 * (1 + Math.abs(a[i])), name + " θ[" + i + "]");
            moved |= a[i] != start[i];
        }
        assertTrue(moved, name + " moved θ");
    }

    /** Sums are added up block by block in coordinate order: two threads give the one thread's steps bit for bit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRule")
    void theNumberOfThreadsDoesNotChangeAStep(String name, Supplier<KernelStepRule> rule) {
        double[] start = start(Parallel.THRESHOLD + 3000);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            BaselineHarness one = new BaselineHarness(rule.get(), start, QUADRATIC, true, DataType.DOUBLE);
            for (int t = 0; t < 4; t++) {
                one.step(0.01);
            }
            Parallel.setThreads(2);
            BaselineHarness two = new BaselineHarness(rule.get(), start, QUADRATIC, true, DataType.DOUBLE);
            for (int t = 0; t < 4; t++) {
                two.step(0.01);
            }
            assertArrayEquals(one.theta(), two.theta(), 0.0, name);
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Float parameters follow the double run to float rounding (the default float lanes compute in double). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRule")
    void floatRunsFollowDoubleRuns(String name, Supplier<KernelStepRule> rule) {
        double[] start = start(300);
        BaselineHarness f = new BaselineHarness(rule.get(), start, QUADRATIC, true, DataType.FLOAT);
        BaselineHarness d = new BaselineHarness(rule.get(), start, QUADRATIC, true, DataType.DOUBLE);
        for (int t = 0; t < 20; t++) {
            f.step(0.01);
            d.step(0.01);
        }
        double[] a = f.theta();
        double[] b = d.theta();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-4 * (1 + Math.abs(b[i])), name + " θ[" + i + "]");
        }
    }

    @Test
    void aSubspaceModelIsRefusedWithTheFix() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> prodigy().init(
                new ModelLayout(Geometry.SUBSPACE, 10, 2, DataType.DOUBLE), new StrategyState()));
        assertEquals("step 'prodigy' adapts each coordinate of the parameters and needs direction=coordinates, got a"
                + " subspace model", e.getMessage());
    }

    @Test
    void outOfRangeParametersAreNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new ProdigyStep(1.0, B2, 0, 1e-8, 1e-6, 1, Double.POSITIVE_INFINITY, 0, false, false));
        assertTrue(e.getMessage().contains("'beta1'") && e.getMessage().contains("step 'prodigy'"), e.getMessage());
        assertTrue(ScheduleFreeStep.sgd(0.9, 0, 0, 2, 0).toString().startsWith("schedule-free-sgd(beta=0.9, warmup=0"),
                ScheduleFreeStep.sgd(0.9, 0, 0, 2, 0).toString());
    }
}
