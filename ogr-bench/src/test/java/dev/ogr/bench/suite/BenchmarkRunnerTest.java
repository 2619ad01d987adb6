package dev.ogr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.Objective;
import dev.ogr.bench.problems.Problems;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's scoring: lattices by the geometric mean of their trajectories, the tuning's choice, the schedule. */
class BenchmarkRunnerTest {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());

    private static final String SUITE = """
            grid: [0.001, 0.01]
            optimizers: [sgd]
            problems:
              - problem: rosenbrock(noise=0.1)
                steps: 30
                lattice: {x: [-1, 1], y: [0, 2], n: 2}
            """;

    @Test
    void aLatticeRunScoresTheGeometricMeanOfItsTrajectoriesFinalLosses() {
        SuiteProblem p = SuiteFile.parse(SUITE, "s.yaml", PluginLoader.load()).problems().get(0);
        RunRecord r = new BenchmarkRunner(RESOLVER, null).run(p, "sgd", 0.001, 7, Curve.schedule(30, 100));
        double logSum = 0;
        for (int i = 0; i < 4; i++) {
            Objective o = Problems.create(p.specOf(i), 7 * 10_000 + i);
            OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve("sgd; lr=fixed(eta=0.001)"), o.initialPoint());
            for (int t = 0; t < 30; t++) {
                opt.step(o.sample(t));
            }
            logSum += Math.log(o.loss(opt.parameters()));
        }
        assertEquals(RunRecord.OK, r.status());
        assertEquals(Math.exp(logSum / 4), r.finalLoss(), 1e-12 * r.finalLoss());
        assertEquals(r.finalLoss(), r.curve().loss()[30], 0);
        assertEquals(0.001, r.curve().eta()[30], 1e-15); // a fixed rate traces as itself
    }

    /** Under tuning: none each optimizer runs at its preset's own step size, and the record says which. */
    @Test
    void withoutTuningAnOptimizerRunsAtItsPresetsStepSize() {
        Suite suite = SuiteFile.parse(SUITE.replace("grid: [0.001, 0.01]", "tuning: none"), "s.yaml",
                PluginLoader.load());
        assertFalse(suite.tuned());
        BenchmarkResults results = new BenchmarkRunner(RESOLVER, null).run(suite.withOptimizers(List.of("sgd")),
                (done, total, problem, optimizer) -> { });
        assertTrue(results.runs().stream().allMatch(r -> r.eta() == 0.01), "sgd's preset rate is 0.01");
        SuiteProblem p = suite.problems().get(0);
        assertEquals(new BenchmarkRunner(RESOLVER, null).run(p, "sgd", 0.01, 1, Curve.schedule(p.steps(), 100))
                .finalLoss(), results.runs().get(0).finalLoss(), 0.0);
    }

    @Test
    void theTuningChoosesTheLowestScoreAndTheFirstOnTies() {
        assertEquals(1, BenchmarkRunner.best(new double[] {3, 1, 2}));
        assertEquals(0, BenchmarkRunner.best(new double[] {1, 1}));
        assertEquals(1, BenchmarkRunner.best(new double[] {Double.NaN, Double.POSITIVE_INFINITY}));
        assertEquals(-1, BenchmarkRunner.best(new double[] {Double.NaN, Double.NaN}));
    }

    @Test
    void theScheduleRecordsEveryStepUpToItsCountThenEvenlySpaced() {
        assertEquals(31, Curve.schedule(30, 100).length);
        int[] sparse = Curve.schedule(1000, 10);
        assertEquals(11, sparse.length);
        assertEquals(0, sparse[0]);
        assertEquals(100, sparse[1]);
        assertEquals(1000, sparse[10]);
        assertEquals(7, Curve.schedule(7, 3)[3]);
    }
}
