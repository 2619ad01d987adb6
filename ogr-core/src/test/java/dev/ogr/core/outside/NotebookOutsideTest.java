package dev.ogr.core.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ogr.api.Basis;
import dev.ogr.api.StrategyState;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The notebooks' sOGR/dsOGR step outside the subspace against their recursion, written out per coordinate. */
class NotebookOutsideTest {

    private static final double[] V = {0.6, 0, 0.8}; // the one basis direction, a unit vector

    private static void check(boolean diagonal, double blend, double cut) {
        double beta = 0.8;
        double r = 1 - beta;
        double eta = 0.5;
        INDArray theta = Nd4j.zeros(DataType.DOUBLE, 3);
        INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 3);
        NotebookOutside outside = diagonal ? NotebookOutside.dogr(beta, blend, cut, "gradient")
                : NotebookOutside.momentum(beta, "gradient");
        outside.init(3, DataType.DOUBLE, new StrategyState());
        Basis basis = Basis.of(Nd4j.createFromArray(V).reshape(3, 1));
        double[] m = new double[3];
        double[] mt = new double[3];
        double[] mg = new double[3];
        double[] vt = {1, 1, 1};
        double[] cgt = new double[3];
        double[] th = {1, -2, 0.5};
        double[] h = {3, 0.5, 8}; // curvatures on both sides of the floor: 1/η = 2, or the cut
        Random rnd = new Random(6);
        for (int t = 0; t < 9; t++) {
            double[] g = new double[3];
            for (int i = 0; i < 3; i++) {
                g[i] = h[i] * th[i] + 0.1 * rnd.nextGaussian();
            }
            theta.assign(Nd4j.createFromArray(th));
            gradient.assign(Nd4j.createFromArray(g));
            outside.observe(theta, gradient);
            outside.apply(theta, eta, basis);

            double[] u = new double[3];
            for (int i = 0; i < 3; i++) {
                m[i] += r * (g[i] - m[i]);
                mt[i] += r * (th[i] - mt[i]);
                mg[i] += r * (g[i] - mg[i]);
                vt[i] += r * ((th[i] - mt[i]) * (th[i] - mt[i]) - vt[i]);
                cgt[i] += r * ((g[i] - mg[i]) * (th[i] - mt[i]) - cgt[i]);
                double dogr = -m[i] / Math.max(Math.abs(cgt[i] / vt[i]), cut > 0 ? cut : 1 / eta);
                u[i] = -(1 - blend) * eta * m[i] + blend * dogr;
            }
            double along = V[0] * u[0] + V[1] * u[1] + V[2] * u[2];
            for (int i = 0; i < 3; i++) {
                th[i] += u[i] - along * V[i];
                assertEquals(th[i], theta.getDouble(i), 1e-12, "theta[" + i + "] after step " + t);
            }
        }
    }

    @Test
    void momentumOutsideIsMinusEtaTimesTheMomentumProjectedOffTheBasis() {
        check(false, 0, 0);
    }

    @Test
    void dogrOutsideBlendsTheMomentumStepWithTheFlooredNewtonStep() {
        check(true, 0.3, 0);
        check(true, 1, 0);
        check(true, 0.6, 5); // a constant floor (the notebooks' cut) between the curvatures 3 and 8
    }
}
