package dev.ogr.directions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.StrategyState;
import dev.ogr.core.averages.FullAverages;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.api.Parameters;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The online-PCA subspace: orthonormal, turning by its two rules as their closed forms say, and towards the
 * directions the gradients keep taking.
 */
class SubspaceDirectionTest {

    private static SubspaceDirection direction(int d, String rule, double rate, int dim) {
        SubspaceDirection s = new SubspaceDirection(d, rule, rate, 7);
        s.init(dim, DataType.DOUBLE, new StrategyState());
        return s;
    }

    private static void assertOrthonormal(INDArray v, double tolerance) {
        INDArray gram = v.transpose().mmul(v);
        for (int i = 0; i < gram.rows(); i++) {
            for (int j = 0; j < gram.columns(); j++) {
                assertEquals(i == j ? 1 : 0, gram.getDouble(i, j), tolerance, "(V'V)[" + i + "][" + j + "]");
            }
        }
    }

    /** One step with gradient g, through the general path (a tracker that needs both bases). */
    private static void step(SubspaceDirection s, INDArray g) {
        s.accumulate(null, g);
        s.rotate(null, mock(AverageTracker.class));
    }

    @Test
    void staysOrthonormalAndCapturesAPersistentGradientDirection() {
        for (String rule : new String[] {"oja", "plain"}) {
            int dim = 30;
            SubspaceDirection subspace = direction(3, rule, 0.5, dim);
            AverageTracker tracker = mock(AverageTracker.class);
            Random r = new Random(1);
            double[] u = new double[dim];
            u[4] = 0.6;
            u[11] = 0.8; // a unit vector
            INDArray direction = Nd4j.createFromArray(u);
            for (int t = 0; t < 200; t++) {
                INDArray g = direction.mul(1 + r.nextDouble()).addi(Nd4j.rand(DataType.DOUBLE, dim).subi(0.5).muli(0.05));
                subspace.accumulate(Nd4j.zeros(DataType.DOUBLE, dim), g);
                subspace.rotate(Nd4j.zeros(DataType.DOUBLE, dim), tracker);
            }
            verify(tracker, atLeastOnce()).beforeRotation(any(), any(), any());
            INDArray v = subspace.basis().columns();
            assertOrthonormal(v, 1e-12);
            // |VᵀU| is the length of U's projection on the subspace: 1 when U lies in it
            double captured = v.transpose().mmul(direction.reshape(dim, 1)).norm2Number().doubleValue();
            assertTrue(captured > 0.99, rule + ": projection of the persistent direction: " + captured);
        }
    }

    @Test
    void theInitialBasisIsOrthonormalAndSeeded() {
        SubspaceDirection a = direction(4, "oja", 0.1, 9);
        SubspaceDirection b = direction(4, "oja", 0.1, 9);
        assertOrthonormal(a.basis().columns(), 1e-12);
        assertEquals(a.basis().columns(), b.basis().columns());
        assertEquals(4, a.basis().rank());
    }

    @Test
    void aSubspaceOfAllDimensionsStartsFromTheAxesAndNeverTurnsAtRateZero() {
        SubspaceDirection all = new SubspaceDirection(0, 0, 1);
        all.init(3, DataType.DOUBLE, new StrategyState());
        assertEquals(3, all.rank(3));
        step(all, Nd4j.createFromArray(1.0, 2.0, 3.0));
        assertEquals(Nd4j.eye(3).castTo(DataType.DOUBLE), all.basis().columns());
    }

    /**
     * In one dimension both rules have closed forms: with v at angle φ from ĝ, Oja's rule keeps v in the plane of v and
     * ĝ and divides tan φ by 1 + γ (v + γ·ĝ(ĝ·v) = (1 + γ)cos φ·ĝ + sin φ·n); the plain rule sets
     * tan φ ← sin φ / (cos φ + γ) (v + γĝ = (cos φ + γ)·ĝ + sin φ·n).
     */
    @Test
    void inOneDimensionBothRulesTurnByTheirClosedForms() {
        for (String rule : new String[] {"oja", "plain"}) {
            int dim = 6;
            double rate = 0.4;
            SubspaceDirection s = direction(1, rule, rate, dim);
            INDArray g = Nd4j.createFromArray(3.0, -1.0, 0.5, 2.0, 0.0, 1.5); // constant, not normalised
            double[] gHat = g.div(g.norm2Number()).toDoubleVector();
            double[] v = s.basis().columns().ravel().toDoubleVector();
            double cos = dot(v, gHat);
            if (cos < 0) { // the rules turn v towards ±ĝ; measure the angle to the side v is on
                for (int i = 0; i < dim; i++) {
                    gHat[i] = -gHat[i];
                }
                cos = -cos;
            }
            double[] n = new double[dim]; // the unit vector of v's part orthogonal to ĝ
            for (int i = 0; i < dim; i++) {
                n[i] = v[i] - cos * gHat[i];
            }
            double sinNorm = Math.sqrt(dot(n, n));
            for (int i = 0; i < dim; i++) {
                n[i] /= sinNorm;
            }
            double phi = Math.atan2(sinNorm, cos);
            for (int t = 0; t < 12; t++) {
                step(s, g);
                double tan = rule.equals("oja") ? Math.tan(phi) / (1 + rate)
                        : Math.sin(phi) / (Math.cos(phi) + Math.signum(dot(v, gHat)) * rate);
                phi = Math.atan(tan);
                double[] expected = new double[dim];
                for (int i = 0; i < dim; i++) {
                    expected[i] = Math.cos(phi) * gHat[i] + Math.sin(phi) * n[i];
                }
                assertArrayEquals(expected, s.basis().columns().ravel().toDoubleVector(), 1e-12,
                        rule + ", step " + t);
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void withAConstantGradientThePlainRuleTurnsTheSubspaceOntoIt() {
        int dim = 30;
        SubspaceDirection s = direction(3, "plain", 0.5, dim);
        double[] values = new double[dim];
        for (int i = 0; i < dim; i++) {
            values[i] = -1 + 0.1 * i; // any fixed gradient, of any length
        }
        INDArray g = Nd4j.createFromArray(values);
        double residual = Double.POSITIVE_INFINITY;
        for (int t = 0; t < 60; t++) {
            step(s, g);
            INDArray v = s.basis().columns();
            INDArray gHat = g.div(g.norm2Number()).reshape(dim, 1);
            double next = gHat.sub(v.mmul(v.transpose().mmul(gHat))).norm2Number().doubleValue(); // |ĝ − VVᵀĝ|
            assertTrue(next <= residual + 1e-14, "the part of g outside V never grows: " + next + " after " + residual);
            residual = next;
            assertOrthonormal(v, 1e-12);
        }
        assertTrue(residual < 1e-9, "part of the gradient outside the subspace after 60 steps: " + residual);
    }

    @Test
    void projectedAndMatrixTrackersSeeTheSameBasis() {
        SubspaceDirection a = direction(3, "oja", 0.3, 12);
        SubspaceDirection b = direction(3, "oja", 0.3, 12);
        FullAverages tracker = new FullAverages(0.9);
        tracker.init(new ModelLayout(Geometry.SUBSPACE, 12, 3, DataType.DOUBLE), new StrategyState());
        Random r = new Random(2);
        for (int t = 0; t < 5; t++) {
            INDArray g = Nd4j.randn(r.nextLong(), new long[] {12}).castTo(DataType.DOUBLE);
            a.accumulate(null, g);
            a.rotate(null, tracker); // moves the basis in place, telling the tracker T
            step(b, g); // through a second array and beforeRotation(current, next)
            assertEquals(b.basis().columns(), a.basis().columns(), "step " + t);
        }
    }

    @Test
    void aBadRuleIsNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new SubspaceDirection(2, "pca", 0.1, 1));
        assertTrue(e.getMessage().contains("parameter 'rule' of direction 'online-pca'") && e.getMessage().contains("pca"),
                e.getMessage());
    }

    @Test
    void subspaceIsAnotherNameOfOnlinePca() {
        StrategyRegistry registry = PluginLoader.load();
        StrategyFactory<?> f = registry.strategy(StrategyKind.DIRECTION, "subspace");
        assertSame(registry.strategy(StrategyKind.DIRECTION, "online-pca"), f);
        assertEquals("online-pca", f.name());
        Object created = f.create(Parameters.parse(f.parameters(), java.util.Map.of("d", "2", "rate", "0.2"), "test"));
        assertEquals("online-pca(d=2, rule=oja, rate=0.2, seed=1)", created.toString());
    }
}
