package dev.ogr.bench.problems;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The problems' gradients against central differences, and their known minima. */
class ProblemsTest {

    @ParameterizedTest
    @ValueSource(strings = {"rosenbrock(noise=0.3)", "beale(x0=0.5, y0=-0.3, noise=0.3)",
        "quadratic(dim=7, cond=30, rotated=true, noise=0.2)", "quadratic(dim=5, cond=10)", "boston",
        "logistic(dataset=digits, batch=16)", "matyas(x0=-3, y0=2, noise=0.1)", "goldstein-price(x0=-0.7, y0=0.4)",
        "three-hump-camel(x0=1.5, y0=-1.2, noise=0.2)", "double-well(x0=0.7, y0=0.3, noise=0.1)"})
    void gradientsMatchCentralDifferencesOfTheSampleLoss(String spec) {
        Objective o = Problems.create(spec, 9);
        Sample s = o.sample(4);
        INDArray theta = o.initialPoint().addi(Nd4j.rand(DataType.DOUBLE, o.dimension()).subi(0.5));
        INDArray g = Nd4j.zerosLike(theta);
        s.lossAndGradient(theta, g);
        double h = 1e-6;
        for (int i = 0; i < theta.length(); i += (int) Math.max(1, theta.length() / 40)) {
            INDArray plus = theta.dup();
            INDArray minus = theta.dup();
            plus.putScalar(i, theta.getDouble(i) + h);
            minus.putScalar(i, theta.getDouble(i) - h);
            double fd = (s.loss(plus) - s.loss(minus)) / (2 * h);
            assertEquals(fd, g.getDouble(i), 1e-6 * Math.max(1, Math.abs(fd)), spec + " coordinate " + i);
        }
    }

    @Test
    void bostonLeastSquaresHasZeroGradientAtTheNormalEquationsSolution() {
        // Standardised features X (400x13) with a bias: solve [X 1]'[X 1] w = [X 1]' y and check the gradient vanishes.
        Objective o = Problems.create("boston", 1);
        int d = (int) o.dimension();
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, d);
        Sample s = o.sample(0);
        // The loss is quadratic: its gradient is affine, g(θ) = Aθ − c; read A and c from d + 1 gradients.
        INDArray c = Nd4j.zeros(DataType.DOUBLE, d);
        s.lossAndGradient(Nd4j.zeros(DataType.DOUBLE, d), c);
        c.negi();
        INDArray a = Nd4j.zeros(DataType.DOUBLE, d, d);
        for (int j = 0; j < d; j++) {
            INDArray e = Nd4j.zeros(DataType.DOUBLE, d);
            e.putScalar(j, 1);
            s.lossAndGradient(e, grad);
            a.putColumn(j, grad.add(c));
        }
        INDArray solution = org.nd4j.linalg.inverse.InvertMatrix.invert(a, false).mmul(c.reshape(d, 1)).reshape(d);
        s.lossAndGradient(solution, grad);
        assertEquals(0, grad.norm2Number().doubleValue(), 1e-9);
        // The bias of standardised least squares is the mean target.
        double meanTarget = 0;
        for (double y : dev.ogr.bench.data.Datasets.boston().trainTargets()) {
            meanTarget += y / 400;
        }
        assertEquals(meanTarget, solution.getDouble(d - 1), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"matyas(x0=0, y0=0)", "goldstein-price(x0=0, y0=-1)", "three-hump-camel(x0=0, y0=0)",
        "double-well(x0=0, y0=1.4142135623730951)", "double-well(x0=0, y0=-1.4142135623730951)"})
    void theNewTestFunctionsAreZeroWithZeroGradientAtTheirMinimum(String spec) {
        Objective o = Problems.create(spec, 1);
        INDArray g = Nd4j.zeros(DataType.DOUBLE, 2);
        double f = o.sample(0).lossAndGradient(o.initialPoint(), g);
        assertEquals(0, f, 1e-12, spec);
        assertEquals(0, o.loss(o.initialPoint()), 1e-12, spec);
        assertArrayEquals(new double[] {0, 0}, g.toDoubleVector(), 1e-12, spec);
        // and strictly above 0 a little away from it
        INDArray away = o.initialPoint().add(Nd4j.createFromArray(0.01, -0.02));
        org.junit.jupiter.api.Assertions.assertTrue(o.loss(away) > 0, spec);
    }

    @Test
    void goldsteinPriceKeepsItsClassicValuesShiftedByThree() {
        // f(0, 0) = (1 + 1·19)(30 + 0·18) = 600, shifted: 597
        Objective o = Problems.create("goldstein-price", 1);
        assertEquals(597, o.loss(Nd4j.createFromArray(0.0, 0.0)), 1e-9);
        // f(-0.6, -0.4) = 30 is a local minimum of the original function: 27 after the shift
        assertEquals(27, o.loss(Nd4j.createFromArray(-0.6, -0.4)), 1e-9);
    }

    @Test
    void minimaAreZero() {
        assertEquals(0, Problems.create("rosenbrock", 1).loss(Nd4j.createFromArray(1.0, 1.0)), 0);
        assertEquals(0, Problems.create("beale", 1).loss(Nd4j.createFromArray(3.0, 0.5)), 0);
        assertEquals(0, Problems.create("quadratic(rotated=true)", 1).loss(Nd4j.zeros(DataType.DOUBLE, 10)), 0);
    }

    @Test
    void theRotatedQuadraticHasTheStatedSpectrum() {
        // θᵀHθ over the eigenvalues: the Rayleigh quotient of H stays within [1/cond, 1] and H is symmetric.
        Quadratic q = new Quadratic(6, 1e3, true, 0, 4);
        INDArray h = Nd4j.zeros(DataType.DOUBLE, 6, 6);
        for (int j = 0; j < 6; j++) {
            INDArray e = Nd4j.zeros(DataType.DOUBLE, 6);
            e.putScalar(j, 1);
            INDArray col = Nd4j.zeros(DataType.DOUBLE, 6);
            q.sample(0).lossAndGradient(e, col);
            h.putColumn(j, col);
        }
        assertArrayEquals(h.toDoubleMatrix()[1], h.transpose().toDoubleMatrix()[1], 1e-12);
        double trace = 0;
        for (int j = 0; j < 6; j++) {
            trace += h.getDouble(j, j);
        }
        assertEquals(q.eigenvalues().sumNumber().doubleValue(), trace, 1e-12);
    }

    @Test
    void samplesAreReproducibleByStep() {
        Objective a = Problems.create("quadratic(dim=4, noise=1)", 3);
        Objective b = Problems.create("quadratic(dim=4, noise=1)", 3);
        INDArray ga = Nd4j.zeros(DataType.DOUBLE, 4);
        INDArray gb = Nd4j.zeros(DataType.DOUBLE, 4);
        a.sample(17).lossAndGradient(a.initialPoint(), ga);
        b.sample(17).lossAndGradient(b.initialPoint(), gb);
        assertEquals(ga, gb);
    }
}
