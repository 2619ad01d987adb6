package dev.ogr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.Objective;
import dev.ogr.api.RegressionModel;
import dev.ogr.bench.problems.Problems;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.averages.FullAverages;
import dev.ogr.core.averages.MovingAverages;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.core.steps.SaddleFreeNewtonStep;
import dev.ogr.directions.SubspaceDirection;
import dev.ogr.lr.FixedLearningRate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Subspace models run as one measuring and one applying pass over memory (with {@code online-pca} and averages that
 * observe projections: {@code full}, {@code plain}, {@code notebook}, {@code dual} of them); that is the step the general path takes (projections by each strategy, the
 * model step column by column, the rotation through two bases), in another order of operations.
 */
class SubspaceStepTest {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());

    @AfterEach
    void restoreMode() {
        Kernels.setMode(Kernels.Mode.AUTO);
    }

    private static OgrOptimizer build(AverageTracker tracker, String rule, String mode, INDArray start) {
        String orthogonal = mode.replace("+inside", "");
        return OgrOptimizer.builder()
                .direction(new SubspaceDirection(3, rule, 0.2, 1))
                .averages(tracker)
                .step(new SaddleFreeNewtonStep(1, 0.5, 0.1))
                .learningRate(new FixedLearningRate(0.05))
                .warmup(4)
                .outside(TestOutsideRules.of(orthogonal, 0.8, 0.5, 0,
                        mode.endsWith("+inside") ? "momentum" : "gradient"))
                .build(start);
    }

    @ParameterizedTest(name = "orthogonal={0}")
    @ValueSource(strings = {"descent", "none", "momentum", "dogr", "momentum+inside", "dogr+inside"})
    void theTwoPassStepIsTheGeneralStep(String orthogonal) {
        for (String combination : new String[] {"oja full", "plain full", "oja plain"}) {
            String rule = combination.split(" ")[0];
            boolean full = combination.endsWith("full");
            Objective q = Problems.create("quadratic(dim=15, cond=20, rotated=true, noise=0.01)", 2);
            OgrOptimizer fused = build(full ? new FullAverages(0.9) : MovingAverages.plain(0.9), rule, orthogonal,
                    q.initialPoint());
            OgrOptimizer general = build(new OpaqueTracker(full ? new FullAverages(0.9) : MovingAverages.plain(0.9)), rule,
                    orthogonal, q.initialPoint());
            assertTrue(fused.twoPassSubspace());
            assertFalse(general.twoPassSubspace());
            for (int t = 0; t < 20; t++) {
                fused.step(q.sample(t));
                general.step(q.sample(t));
                double[] a = fused.parameters().toDoubleVector();
                double[] b = general.parameters().toDoubleVector();
                for (int i = 0; i < a.length; i++) {
                    // rounding differences of 1e-16 grow through the Lyapunov model, but stay far below the step
                    assertEquals(b[i], a[i], 1e-9 * Math.max(1, Math.abs(b[i])),
                            combination + ": parameter " + i + " after step " + t);
                }
            }
            INDArray va = fused.exportState().get("direction/basis");
            INDArray vb = general.exportState().get("direction/basis");
            assertTrue(va.equalsWithEps(vb, 1e-9), combination + ": bases " + va + " vs " + vb);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ogr-pca", "sogr", "dsogr", "full-ogr", "ogr-pca; averages=dual(beta=0.9, period=5, of=full)",
        "ogr-pca; averages=plain(beta=0.9)", "ogr-pca; averages=dual(beta=0.9, period=5, of=notebook)",
        "ogr-pca; direction=online-pca(d=2, rule=plain, rate=0.3, seed=2)"})
    void subspacePresetsRunInTwoPassesOnEveryBackend(String recipe) {
        for (Kernels.Mode mode : Kernels.Mode.values()) {
            Kernels.setMode(mode);
            OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve(recipe),
                    Problems.create("quadratic(dim=12, cond=10)", 1).initialPoint());
            assertTrue(opt.twoPassSubspace(), recipe + " in mode " + mode);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ogr-pca; averages=centered(beta=0.9)", "ogr1d",
        "ogr1d; averages=full(beta=0.9)", "dogr", "sgd"})
    void otherCompositionsTakeTheGeneralPath(String recipe) {
        OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve(recipe),
                Problems.create("quadratic(dim=12, cond=10)", 1).initialPoint());
        assertFalse(opt.twoPassSubspace(), recipe);
    }

    /**
     * With {@code inside=momentum} the model step is the notebooks' full OGR, θ ← θ − Q·C(Qᵀm / max(|λ|, floor)) with
     * Q and λ the eigenvectors and eigenvalues of the Lyapunov Hessian, m the momentum m ← m + r(g − m) and C the
     * clipping of {@code sfn}; written out here from the tracker's model and the optimizer's state, step after step.
     */
    @ParameterizedTest
    @ValueSource(strings = {"full-ogr; outside=momentum(inside=momentum)",
        "sogr; direction=online-pca(d=0, rule=oja, rate=0, seed=1); inside=momentum"})
    void insideMomentumDividesTheMomentumByTheCurvatures(String recipe) {
        Objective q = Problems.create("quadratic(dim=5, cond=10, rotated=true, noise=0.01)", 3);
        OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve(recipe + "; lr=fixed(eta=0.02)"), q.initialPoint());
        assertTrue(opt.recipe().contains("outside=momentum(beta=0.9, inside=momentum)"), opt.recipe());
        double[] m = new double[5];
        int modelSteps = 0;
        for (int t = 0; t < 40; t++) {
            double[] before = opt.parameters().toDoubleVector();
            INDArray g = q.initialPoint().dup();
            q.sample(t).lossAndGradient(opt.parameters(), g);
            boolean model = opt.step(q.sample(t)).modelStep();
            double[] after = opt.parameters().toDoubleVector();
            for (int i = 0; i < 5; i++) {
                m[i] += 0.1 * (g.getDouble(i) - m[i]);
            }
            assertEquals(0, maxDifference(m, opt.exportState().get("outside/momentum").toDoubleVector()),
                    1e-15, "momentum after step " + t);
            if (!model) {
                continue;
            }
            RegressionModel r = opt.model();
            double[][] u = r.rotation(); // V = I: model coordinate i is the eigenvector U[:, i] of H
            double[] expected = before.clone();
            for (int i = 0; i < 5; i++) {
                double mi = 0;
                for (int p = 0; p < 5; p++) {
                    mi += u[p][i] * m[p];
                }
                double step = r.defined(i) ? -Math.copySign(Math.min(Math.abs(mi / Math.max(Math.abs(r.curvature(i)), 0.1)),
                        0.5), mi) : -0.02 * mi;
                for (int p = 0; p < 5; p++) {
                    expected[p] += u[p][i] * step;
                }
            }
            assertEquals(0, maxDifference(expected, after), 1e-12, "parameters after step " + t);
            modelSteps++;
        }
        assertTrue(modelSteps > 30, "model steps: " + modelSteps);
    }

    private static double maxDifference(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
