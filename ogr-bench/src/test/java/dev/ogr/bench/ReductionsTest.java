package dev.ogr.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Objective;
import dev.ogr.bench.problems.Problems;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The new compositions (paper 1's Alg. 6 {@code ogr1ds}, the notebooks' {@code sogr} and {@code dsogr}) reduce to known
 * ones at the extremes of their parameters: the same trajectory, bit for bit where the arithmetic is the same.
 */
class ReductionsTest {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());

    private static double[][] trajectory(String recipe, Objective objective, int steps) {
        OgrOptimizer opt = OgrOptimizer.create(RESOLVER.resolve(recipe), objective.initialPoint());
        double[][] out = new double[steps][];
        for (int t = 0; t < steps; t++) {
            opt.step(objective.sample(t));
            out[t] = opt.parameters().toDoubleVector();
        }
        return out;
    }

    /**
     * Bit for bit: dual averages that never switch are one set of plain averages; a subspace of all D dimensions
     * leaves nothing outside (V = I exactly, so the projected outside step is exactly 0), whatever the outside step;
     * dsOGR with w = 0 computes sOGR's momentum step. Rows marked "general" run both on the general path (ND4J mode):
     * on the CPU backend {@code ogr1dc} takes the two-pass momentum step, whose sums round differently from the dual
     * sets' dot products.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "ogr1ds; averages=dual(beta=0.9, period=1000000000, of=plain) | ogr1d | 20 | auto",
        "ogr1ds; averages=dual(beta=0.9, period=1000000000, of=centered) | ogr1dc | 20 | general",
        "sogr; direction=subspace(d=0, rate=0, seed=1) | full-ogr; warmup=5 | 6 | auto",
        "dsogr; direction=subspace(d=0, rate=0, seed=1); blend=1 | full-ogr; warmup=5 | 6 | auto",
        "dsogr; blend=0 | sogr | 20 | auto",
    })
    void extremesAreKnownCompositions(String recipe, String known, int dim, String path) {
        Objective q = Problems.create("quadratic(dim=" + dim + ", cond=30, rotated=true, noise=0.01)", 3);
        Kernels.setMode(path.equals("general") ? Kernels.Mode.ND4J : Kernels.Mode.AUTO);
        double[][] a;
        double[][] b;
        try {
            a = trajectory(recipe, q, 150);
            b = trajectory(known, q, 150);
        } finally {
            Kernels.setMode(Kernels.Mode.AUTO);
        }
        for (int t = 0; t < a.length; t++) {
            assertArrayEquals(b[t], a[t], 0.0, "parameters after step " + t);
        }
    }

    @Test
    void aMomentumOfRetentionZeroOutsideIsGradientDescentOutside() {
        // m = g when outside-beta = 0: −η(g − VVᵀg) as outside=descent computes it, in another order of operations.
        // (Not with ogr-pca: its Lyapunov model turns rounding differences of 1e-16 into 1e-12 within 14 steps.)
        Objective q = Problems.create("quadratic(dim=12, cond=30, rotated=true, noise=0.01)", 4);
        for (String preset : new String[] {"ogr1d", "ogr1dc"}) {
            double[][] a = trajectory(preset + "; outside=momentum(beta=0)", q, 60);
            double[][] b = trajectory(preset, q, 60);
            for (int t = 0; t < a.length; t++) {
                for (int i = 0; i < a[t].length; i++) {
                    assertEquals(b[t][i], a[t][i], 1e-12 * Math.max(1, Math.abs(b[t][i])),
                            preset + ": parameter " + i + " after step " + t);
                }
            }
        }
    }

    @Test
    void dualSetsDepartFromPlainAveragesAfterTheSecondSwitch() {
        // Until observation 2m the older set holds every observation, like plain averages; from then on it does not.
        Objective q = Problems.create("quadratic(dim=20, cond=30, rotated=true, noise=0.01)", 5);
        int m = 10;
        String unclipped = "ogr1d; step=parabola-clipped(alpha=1, clip=inf, negative=reverse)"; // steps tell models apart
        double[][] dual = trajectory(unclipped + "; averages=dual(beta=0.9, period=" + m + ", of=plain)", q, 40);
        double[][] plain = trajectory(unclipped, q, 40);
        // the momentum direction is ready after step 0, so observation n is made at step n + 1 and its model moves
        // the parameters at that step: identical through step 2m, different from step 2m + 1 on
        for (int t = 0; t <= 2 * m; t++) {
            assertArrayEquals(plain[t], dual[t], 0.0, "step " + t);
        }
        assertTrue(plain[2 * m + 1][0] != dual[2 * m + 1][0], "the older set was reset at observation " + m);
    }

    @Test
    void outsideStepsNeedSomethingOutside() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> OgrOptimizer.create(RESOLVER.resolve("dogr; outside=momentum"),
                        Problems.create("beale", 1).initialPoint()));
        assertEquals("outside=momentum(beta=0.9, inside=gradient) needs a momentum or subspace direction: direction"
                + " 'coordinates' models every"
                + " coordinate, nothing is outside", e.getMessage());
    }
}
