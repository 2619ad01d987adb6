package dev.ogr.core.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.StrategyState;
import dev.ogr.core.averages.MovingAverages;
import dev.ogr.core.kernel.Parallel;
import dev.ogr.core.exec.FusedCoordinatePass;
import dev.ogr.core.kernel.Vec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused kernels' update output: with {@code update == gradient} the gradient array ends up holding exactly
 * θ_old − θ_new, and θ and every state array move exactly (bit for bit) as without the output; and the kernels give
 * the same bits on one thread as on several.
 */
class FusedUpdateOutputTest {

    private static final int THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(THREADS);
    }

    static Stream<Arguments> rulesTypesAndSizes() {
        List<Arguments> out = new ArrayList<>();
        Map<String, Supplier<ElementwiseStepRule>> rules = Map.of(
                "sigma-ratio", () -> new SigmaRatioStep(1, 1e-6, 1e-12),
                "confidence-eta", () -> new ConfidenceEtaStep(1, 1, 0.9),
                "newton-floor slope", () -> new NewtonFloorStep("slope", 1, 0, 0.9),
                "newton-floor sigma", () -> new NewtonFloorStep("sigma", 1, 0, 0.9),
                "ratio-capped", () -> new RatioCappedStep(10, 1e-12, 0.9),
                "heavy-ball", () -> new FirstOrderSteps.Momentum(0.9, false),
                "adam", () -> new FirstOrderSteps.Adam(0.9, 0.999, 1e-8));
        for (var rule : rules.entrySet()) {
            for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
                for (int n : new int[] {5, Parallel.THRESHOLD + 1500}) {
                    for (MovingAverages.Mode mode : List.of(MovingAverages.Mode.PLAIN, MovingAverages.Mode.NOTEBOOK)) {
                        out.add(Arguments.of(rule.getKey(), rule.getValue(), type, n, mode));
                    }
                }
            }
        }
        return out.stream();
    }

    /** A rule, its averages and its state, stepped by the fused kernel on a noisy diagonal quadratic. */
    private static final class Run {
        final MovingAverages tracker;
        final ElementwiseStepRule rule;
        final StrategyState averagesState = new StrategyState();
        final StrategyState ruleState = new StrategyState();
        final INDArray theta;
        final FusedCoordinatePass pass;

        Run(ElementwiseStepRule rule, MovingAverages.Mode mode, DataType type, int n) {
            ModelLayout layout = new ModelLayout(Geometry.COORDINATES, n, n, type);
            tracker = new MovingAverages(mode, 0.9);
            tracker.init(layout, averagesState);
            this.rule = rule;
            rule.init(layout, ruleState);
            pass = new FusedCoordinatePass(rule.coordinateKernel(), tracker.coordinateStatistics());
            double[] start = new double[n];
            Random r = new Random(5);
            for (int i = 0; i < n; i++) {
                start[i] = r.nextGaussian();
            }
            theta = Nd4j.createFromArray(start).castTo(type);
        }

        /** One step with gradient g; writes the update into g when {@code inPlace}; returns θ before the step. */
        INDArray step(INDArray g, boolean inPlace) {
            INDArray before = theta.dup();
            Vec gradient = Vec.of(g);
            pass.step(Vec.of(theta), gradient, 0.05, inPlace ? gradient : null);
            return before;
        }

        List<double[]> state() {
            List<double[]> all = new ArrayList<>();
            all.add(theta.castTo(DataType.DOUBLE).toDoubleVector());
            for (StrategyState s : List.of(averagesState, ruleState)) {
                s.arrays().values().forEach(a -> all.add(a.castTo(DataType.DOUBLE).ravel().toDoubleVector()));
            }
            return all;
        }
    }

    private static INDArray gradient(Random r, INDArray theta, DataType type) {
        double[] x = theta.castTo(DataType.DOUBLE).toDoubleVector();
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double h = 0.01 + (i % 7) * 3.0;
            g[i] = h * (x[i] - 1 - i % 3) + 0.1 * r.nextGaussian();
        }
        return Nd4j.createFromArray(g).castTo(type);
    }

    @ParameterizedTest(name = "{0} in {2}, D={3}, {4}")
    @MethodSource("rulesTypesAndSizes")
    void updateInPlaceIsThetaOldMinusThetaNewAndLeavesTheStepUnchanged(String name,
            Supplier<ElementwiseStepRule> rule, DataType type, int n, MovingAverages.Mode mode) {
        Run plain = new Run(rule.get(), mode, type, n);
        Run inPlace = new Run(rule.get(), mode, type, n);
        Random r = new Random(7);
        for (int t = 0; t < 6; t++) {
            INDArray g = gradient(r, plain.theta, type);
            plain.step(g.dup(), false);
            INDArray update = g.dup();
            INDArray before = inPlace.step(update, true);
            INDArray expected = before.sub(inPlace.theta);
            assertArrayEquals(expected.toDoubleVector(), update.toDoubleVector(), 0.0, name + " step " + t);
            List<double[]> a = plain.state();
            List<double[]> b = inPlace.state();
            for (int k = 0; k < a.size(); k++) {
                assertArrayEquals(a.get(k), b.get(k), 0.0, name + " step " + t + " state array " + k);
            }
        }
        assertTrue(plain.theta.amaxNumber().doubleValue() > 0, name + " moved theta");
    }

    @ParameterizedTest(name = "{0} in {2}, D={3}, {4}")
    @MethodSource("rulesTypesAndSizes")
    void oneThreadAndSeveralGiveTheSameBits(String name, Supplier<ElementwiseStepRule> rule, DataType type, int n,
            MovingAverages.Mode mode) {
        Run single = new Run(rule.get(), mode, type, n);
        Run several = new Run(rule.get(), mode, type, n);
        Random r = new Random(3);
        for (int t = 0; t < 4; t++) {
            INDArray g = gradient(r, single.theta, type);
            Parallel.setThreads(1);
            single.step(g.dup(), false);
            Parallel.setThreads(3);
            several.step(g.dup(), false);
        }
        List<double[]> a = single.state();
        List<double[]> b = several.state();
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k), b.get(k), 0.0, name + " state array " + k);
        }
    }
}
