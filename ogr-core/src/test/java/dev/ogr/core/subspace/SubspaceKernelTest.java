package dev.ogr.core.subspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Parallel;
import dev.ogr.core.kernel.Vec;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The two passes of a subspace step against the sums and updates they stand for, written out naively. */
class SubspaceKernelTest {

    @AfterEach
    void restore() {
        Kernels.setMode(Kernels.Mode.AUTO);
    }

    /** A hook whose vectors are closed forms of the row, θ and g: u = sin(i)·θ, m = g + i/1000. */
    private static final SubspaceKernel.RowHook HOOK = new SubspaceKernel.RowHook() {
        @Override
        public void rows(int from, int count, double[] theta, double[] gradient, double[][] out) {
            for (int r = 0; r < count; r++) {
                out[0][r] = Math.sin(from + r) * theta[r];
                out[1][r] = gradient[r] + (from + r) / 1000.0;
            }
        }
    };

    private static double hookU(int i, double theta) {
        return Math.sin(i) * theta;
    }

    private static double hookM(int i, double g) {
        return g + i / 1000.0;
    }

    private static INDArray random(Random r, DataType type, long... shape) {
        INDArray a = Nd4j.zeros(type, shape);
        long n = a.length();
        INDArray flat = a.reshape(n);
        for (long i = 0; i < n; i++) {
            flat.putScalar(i, r.nextGaussian());
        }
        return a;
    }

    private static double relative(double expected, double actual, double scale) {
        return Math.abs(expected - actual) / Math.max(scale, 1e-300);
    }

    private static void checkMeasure(int d, int k, DataType type, double tolerance) {
        Random r = new Random(d + k);
        INDArray vectors = random(r, type, k, d);
        INDArray theta = random(r, type, d);
        INDArray g = random(r, type, d);
        SubspaceKernel kernel = new SubspaceKernel(d, k, 2, true);
        kernel.measure(SubspaceKernel.vectorsOf(vectors), Vec.of(theta), Vec.of(g), HOOK);
        double[] v = vectors.castTo(DataType.DOUBLE).ravel().toDoubleVector();
        double[] t = theta.castTo(DataType.DOUBLE).toDoubleVector();
        double[] gr = g.castTo(DataType.DOUBLE).toDoubleVector();
        double s = 0;
        double scale = 0;
        for (int i = 0; i < d; i++) {
            s += gr[i] * gr[i];
            scale += Math.abs(gr[i] * gr[i]);
        }
        assertEquals(0, relative(s, kernel.squaredNorm(), scale), tolerance, "s");
        for (int j = 0; j < k; j++) {
            double x = 0;
            double y = 0;
            double u = 0;
            double m = 0;
            double sx = 0;
            double sy = 0;
            double su = 0;
            double sm = 0;
            for (int i = 0; i < d; i++) {
                double vj = v[j * d + i];
                x += vj * t[i];
                y += vj * gr[i];
                u += vj * hookU(i, t[i]);
                m += vj * hookM(i, gr[i]);
                sx += Math.abs(vj * t[i]);
                sy += Math.abs(vj * gr[i]);
                su += Math.abs(vj * hookU(i, t[i]));
                sm += Math.abs(vj * hookM(i, gr[i]));
            }
            assertEquals(0, relative(x, kernel.positions()[j], sx), tolerance, "x[" + j + "]");
            assertEquals(0, relative(y, kernel.gradients()[j], sy), tolerance, "y[" + j + "]");
            assertEquals(0, relative(u, kernel.extra(0)[j], su), tolerance, "u[" + j + "]");
            assertEquals(0, relative(m, kernel.extra(1)[j], sm), tolerance, "m[" + j + "]");
            for (int l = 0; l < k; l++) {
                double gjl = 0;
                double sg = 0;
                for (int i = 0; i < d; i++) {
                    gjl += v[j * d + i] * v[l * d + i];
                    sg += Math.abs(v[j * d + i] * v[l * d + i]);
                }
                assertEquals(0, relative(gjl, kernel.gram()[j * k + l], sg), tolerance, "G[" + j + "][" + l + "]");
            }
        }
    }

    @Test
    void measuresProjectionsGramAndNormInDouble() {
        checkMeasure(1, 1, DataType.DOUBLE, 1e-14);
        checkMeasure(1000, 3, DataType.DOUBLE, 1e-14);
        checkMeasure(777, 5, DataType.DOUBLE, 1e-14);
        checkMeasure(2 * SubspaceKernel.UNIT + 123, 4, DataType.DOUBLE, 1e-14); // three reduction units
    }

    @Test
    void measuresFloatDataWithFloatProductsSummedInDouble() {
        // each product is rounded to float once: the sums are accurate to about float rounding of their terms
        checkMeasure(1000, 4, DataType.FLOAT, 1e-6);
        checkMeasure(2 * SubspaceKernel.UNIT + 123, 2, DataType.FLOAT, 1e-6);
    }

    private static void checkApply(int d, int k, DataType type, double tolerance) {
        Random r = new Random(31 * d + k);
        INDArray vectors = random(r, type, k, d);
        INDArray theta = random(r, type, d);
        INDArray g = random(r, type, d);
        double[] v = vectors.castTo(DataType.DOUBLE).ravel().toDoubleVector();
        double[] t = theta.castTo(DataType.DOUBLE).toDoubleVector();
        double[] gr = g.castTo(DataType.DOUBLE).toDoubleVector();
        double[] c = new double[k];
        double[] w = new double[k];
        double[] b = new double[k];
        double[] a = new double[k * k];
        for (int j = 0; j < k; j++) {
            c[j] = r.nextGaussian();
            w[j] = r.nextGaussian();
            b[j] = r.nextGaussian();
            for (int l = 0; l <= j; l++) {
                a[l * k + j] = r.nextGaussian();
            }
        }
        double scale = -0.3;
        SubspaceKernel kernel = new SubspaceKernel(d, k, 2, true);
        Vec basis = SubspaceKernel.vectorsOf(vectors);
        kernel.apply(basis, Vec.of(theta), Vec.of(g), c, scale, HOOK, w, a, b, basis);
        double[] newTheta = theta.castTo(DataType.DOUBLE).toDoubleVector();
        double[] newV = vectors.castTo(DataType.DOUBLE).ravel().toDoubleVector();
        for (int i = 0; i < d; i++) {
            double expected = t[i] + hookU(i, t[i]) + scale * gr[i];
            double size = Math.abs(t[i]) + Math.abs(hookU(i, t[i])) + Math.abs(scale * gr[i]);
            for (int j = 0; j < k; j++) {
                expected += v[j * d + i] * (c[j] - w[j]);
                size += Math.abs(v[j * d + i] * c[j]) + Math.abs(v[j * d + i] * w[j]);
            }
            assertEquals(0, relative(expected, newTheta[i], size), tolerance, "theta[" + i + "]");
            for (int j = 0; j < k; j++) {
                double vj = b[j] * gr[i];
                double sj = Math.abs(vj);
                for (int l = 0; l <= j; l++) {
                    vj += v[l * d + i] * a[l * k + j];
                    sj += Math.abs(v[l * d + i] * a[l * k + j]);
                }
                assertEquals(0, relative(vj, newV[j * d + i], sj), tolerance, "V[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void movesThetaAndTheBasisAsTheirFormulasSay() {
        checkApply(1, 1, DataType.DOUBLE, 1e-15);
        checkApply(1000, 4, DataType.DOUBLE, 1e-15);
        checkApply(3001, 3, DataType.DOUBLE, 1e-15);
        checkApply(1000, 4, DataType.FLOAT, 1e-6); // float arithmetic on float data
    }

    @Test
    void theNd4jPathComputesExactlyWhatTheDirectPathComputes() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            double[][] results = new double[2][];
            for (Kernels.Mode mode : Kernels.Mode.values()) {
                Kernels.setMode(mode);
                Random r = new Random(9);
                INDArray vectors = random(r, type, 3, 500);
                INDArray theta = random(r, type, 500);
                INDArray g = random(r, type, 500);
                SubspaceKernel kernel = new SubspaceKernel(500, 3, 2, true);
                Vec basis = SubspaceKernel.vectorsOf(vectors);
                kernel.measure(basis, Vec.of(theta), Vec.of(g), HOOK);
                double[] a = {1, 0.1, 0.2, 0, 1.1, 0.3, 0, 0, 0.9};
                kernel.apply(basis, Vec.of(theta), Vec.of(g), kernel.positions().clone(), -0.01, HOOK,
                        kernel.extra(0).clone(), a, kernel.gradients().clone(), basis);
                double[] out = new double[3 * 3 + 1 + 4 * 3 + 500 + 1500];
                int p = 0;
                for (double v : kernel.gram()) {
                    out[p++] = v;
                }
                out[p++] = kernel.squaredNorm();
                for (double[] e : new double[][] {kernel.positions(), kernel.gradients(), kernel.extra(0),
                        kernel.extra(1)}) {
                    for (double v : e) {
                        out[p++] = v;
                    }
                }
                for (double v : theta.castTo(DataType.DOUBLE).toDoubleVector()) {
                    out[p++] = v;
                }
                for (double v : vectors.castTo(DataType.DOUBLE).ravel().toDoubleVector()) {
                    out[p++] = v;
                }
                results[mode.ordinal()] = out;
            }
            assertArrayEquals(results[0], results[1], 0.0, type.toString());
        }
    }

    @Test
    void theKeptStepOfFloatDataIsThetaBeforeAndWhatThePassMovedItBy() {
        // float arithmetic: the kept step must be the stored θ's own difference, bit for bit
        for (int[] shape : new int[][] {{1, 1}, {37, 3}, {2 * SubspaceKernel.UNIT + 123, 4}}) {
            int d = shape[0];
            int k = shape[1];
            Random r = new Random(d + k);
            INDArray vectors = random(r, DataType.FLOAT, k, d).muli(0.5);
            INDArray theta = random(r, DataType.FLOAT, d).muli(16);
            INDArray g = random(r, DataType.FLOAT, d).muli(1.0 / 16);
            double[] a = new double[k * k];
            double[] b = new double[k];
            for (int j = 0; j < k; j++) {
                b[j] = r.nextGaussian() / 3;
                for (int l = 0; l <= j; l++) {
                    a[l * k + j] = r.nextGaussian();
                }
            }
            SubspaceKernel kernel = new SubspaceKernel(d, k, 0, true);
            Vec basis = SubspaceKernel.vectorsOf(vectors);
            kernel.measure(basis, Vec.of(theta), Vec.of(g), null);
            float[] old = theta.toFloatVector();
            INDArray before = Nd4j.zeros(DataType.FLOAT, d);
            INDArray step = Nd4j.zeros(DataType.FLOAT, d);
            kernel.keepStep(Vec.of(before), Vec.of(step));
            kernel.apply(basis, Vec.of(theta), Vec.of(g), kernel.positions().clone(), -0.3, null, null, a, b, basis);
            float[] now = theta.toFloatVector();
            int moved = 0;
            for (int i = 0; i < d; i++) {
                assertEquals(Float.floatToRawIntBits(old[i]), Float.floatToRawIntBits(before.getFloat(i)),
                        "θ before, " + i);
                assertEquals(Float.floatToRawIntBits(now[i] - old[i]), Float.floatToRawIntBits(step.getFloat(i)),
                        "θ_new − θ_old, " + i);
                moved += now[i] != old[i] ? 1 : 0;
            }
            assertTrue(moved > d / 2, moved + " of " + d + " coordinates moved");
        }
    }

    @Test
    void theKeptStepIsThetaBeforeAndWhatThePassMovedItBy() {
        for (int variant = 0; variant < 2; variant++) {
            int d = 777;
            Random r = new Random(77);
            INDArray vectors = random(r, DataType.DOUBLE, 2, d);
            INDArray theta = random(r, DataType.DOUBLE, d);
            INDArray g = random(r, DataType.DOUBLE, d);
            double[] old = theta.toDoubleVector();
            INDArray oldBasis = vectors.dup();
            INDArray before = Nd4j.zeros(DataType.DOUBLE, d);
            INDArray step = Nd4j.zeros(DataType.DOUBLE, d);
            SubspaceKernel kernel = new SubspaceKernel(d, 2, 0, true);
            Vec basis = SubspaceKernel.vectorsOf(vectors);
            kernel.keepStep(Vec.of(before), Vec.of(step));
            // variant 1: nothing moves θ (no c, no gradient term), yet the kept step is written: θ and a zero step
            kernel.apply(basis, Vec.of(theta), Vec.of(g), variant == 0 ? new double[] {0.3, -0.2} : null,
                    variant == 0 ? -0.1 : 0, null, null, new double[] {1, 0.1, 0, 1}, new double[] {0.01, 0.02},
                    basis);
            double[] now = theta.toDoubleVector();
            for (int i = 0; i < d; i++) {
                assertEquals(old[i], before.getDouble(i), 0.0, "θ before, " + i);
                assertEquals(now[i] - old[i], step.getDouble(i), 0.0, "θ_new − θ_old, " + i);
                if (variant == 1) {
                    assertEquals(old[i], now[i], 0.0);
                } else {
                    double expected = old[i] + (0.3 * oldBasis.getDouble(0, i) + -0.2 * oldBasis.getDouble(1, i))
                            + -0.1 * g.getDouble(i);
                    assertEquals(expected, now[i], 1e-15 * (Math.abs(old[i]) + 1));
                }
            }
        }
    }

    @Test
    void aKeptStepNeedsVectorsAsLongAsThetaAndTheta() {
        SubspaceKernel kernel = new SubspaceKernel(10, 1, 0, false);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> kernel.keepStep(Vec.of(Nd4j.zeros(DataType.DOUBLE, 10)), Vec.of(Nd4j.zeros(DataType.DOUBLE, 9))));
        assertEquals("the kept step needs two vectors of 10 elements, got 10 and 9", e.getMessage());
        INDArray vectors = Nd4j.zeros(DataType.DOUBLE, 1, 10);
        kernel.keepStep(Vec.of(Nd4j.zeros(DataType.DOUBLE, 10)), Vec.of(Nd4j.zeros(DataType.DOUBLE, 10)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> kernel.apply(SubspaceKernel.vectorsOf(vectors), null, Vec.of(Nd4j.zeros(DataType.DOUBLE, 10)),
                        null, 0, null, null, new double[] {1}, new double[] {0}, SubspaceKernel.vectorsOf(vectors)));
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        int threads = Parallel.threads();
        try {
            int d = 64 * SubspaceKernel.UNIT + 5; // enough units to be split
            double[][] results = new double[2][];
            for (int n = 1; n <= 2; n++) {
                Parallel.setThreads(n);
                Random r = new Random(1);
                INDArray vectors = random(r, DataType.DOUBLE, 1, d);
                INDArray theta = random(r, DataType.DOUBLE, d);
                INDArray g = random(r, DataType.DOUBLE, d);
                SubspaceKernel kernel = new SubspaceKernel(d, 1, 0, true);
                Vec basis = SubspaceKernel.vectorsOf(vectors);
                kernel.measure(basis, Vec.of(theta), Vec.of(g), null);
                kernel.apply(basis, Vec.of(theta), Vec.of(g), new double[] {0.5}, -0.1, null, null,
                        new double[] {0.9}, new double[] {0.2}, basis);
                results[n - 1] = new double[] {kernel.positions()[0], kernel.gradients()[0], kernel.gram()[0],
                        kernel.squaredNorm(), theta.getDouble(12345), theta.getDouble(d - 1),
                        vectors.getDouble(0, d - 2)};
            }
            assertArrayEquals(results[0], results[1], 0.0);
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void viewsOfBasesShareTheirMemoryOrAreRefused() {
        INDArray vectors = Nd4j.zeros(DataType.DOUBLE, 3, 10);
        Vec view = SubspaceKernel.vectorsOf(vectors);
        assertNotNull(view);
        view.set(2 * 10 + 7, 5.0);
        assertEquals(5.0, vectors.getDouble(2, 7), 0.0);
        Vec columns = SubspaceKernel.columnsOf(vectors.transpose()); // a D×k matrix whose columns are the rows
        assertNotNull(columns);
        assertEquals(5.0, columns.get(2 * 10 + 7), 0.0);
        assertNotNull(SubspaceKernel.columnsOf(Nd4j.zeros(DataType.DOUBLE, 10, 1)));
        assertNull(SubspaceKernel.columnsOf(Nd4j.zeros(DataType.DOUBLE, 10, 3))); // row-major D×k: columns strided
        assertNull(SubspaceKernel.vectorsOf(Nd4j.zeros(DataType.DOUBLE, 10, 3).transpose()));
    }
}
