package dev.ogr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ogr.api.Objective;
import dev.ogr.bench.problems.Problems;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
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
