package dev.ogr.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The harness against the closed form of gradient descent on a noise-free quadratic: with θ ← θ − η∇f, each
 * eigen-coordinate shrinks by the factor 1 − ηh_i per step, so after t steps f = ½ Σ h_i (1 − ηh_i)^(2t) z_i(0)².
 */
class HarnessTest {

    private static final double ETA = 0.8;
    private static final int STEPS = 30;

    /** ½ Σ h_i (1 − ηh_i)^(2t) z_i², the loss after t steps of gradient descent from eigen-coordinates z. */
    private static double closedForm(double[] h, double[] z, int t) {
        double f = 0;
        for (int i = 0; i < h.length; i++) {
            f += h[i] * Math.pow(1 - ETA * h[i], 2 * t) * z[i] * z[i];
        }
        return 0.5 * f;
    }

    @Test
    void gradientDescentOnANoiseFreeQuadraticFollowsItsClosedForm() {
        NoisyQuadratic q = NoisyQuadratic.of(20, 10, 0, 3);
        double[] h = q.eigenvalues();
        double[] z = q.eigencoordinates(q.initialPoint().toDoubleVector());
        Trajectory t = Harness.run("sgd; lr=fixed(eta=" + ETA + ")", q, STEPS);
        assertEquals(STEPS, t.steps());
        assertEquals("lr=fixed(eta=0.8)", t.recipe());
        // rounding: θ ≈ 1 carries about u·t of error per coordinate against |z| ≥ (1 − 0.8·0.1)^30 ≈ 0.08·|z(0)|,
        // so f is good to some 1e-13 relative; 1e-10 leaves room
        assertEquals(closedForm(h, z, 0), t.initialLoss(), 1e-10 * closedForm(h, z, 0));
        for (int s = 0; s < STEPS; s++) {
            double before = closedForm(h, z, s);
            double after = closedForm(h, z, s + 1);
            assertEquals(before, t.losses()[s], 1e-10 * before, "the sample's loss before step " + s);
            assertEquals(after, t.fullLosses()[s], 1e-10 * after, "the loss after step " + s);
            assertEquals(ETA, t.learningRates()[s], 0.0);
        }
        assertEquals(closedForm(h, z, STEPS), t.finalLoss(), 1e-10 * closedForm(h, z, STEPS));
        assertTrue(t.state().containsKey("optimizer/theta"), t.state().keySet().toString());
        assertEquals(20, t.parameters().length());
    }

    @Test
    void aFloatRunCastsTheObjectivesGradientAndKeepsItsType() {
        NoisyQuadratic q = NoisyQuadratic.of(20, 10, 0, 3);
        Trajectory t = Harness.run(Harness.registry(), "sgd; lr=fixed(eta=" + ETA + ")", q, STEPS, DataType.FLOAT);
        assertEquals(DataType.FLOAT, t.parameters().dataType());
        double[] h = q.eigenvalues();
        double[] z = q.eigencoordinates(q.initialPoint().castTo(DataType.FLOAT).castTo(DataType.DOUBLE)
                .toDoubleVector());
        // in float θ carries u = 2^-24 ≈ 6e-8 of rounding per step: some 30·6e-8/0.08 ≈ 2e-5 of the smallest
        // eigen-coordinate after 30 steps, so 4e-5 of its loss, allowed 1e-3
        double expected = closedForm(h, z, STEPS);
        assertEquals(expected, t.finalLoss(), 1e-3 * expected);
    }

    @Test
    void noStepsIsTheStart() {
        NoisyQuadratic q = NoisyQuadratic.of(5, 10, 0.1, 1);
        Trajectory t = Harness.run("ogr1d", q, 0);
        assertEquals(0, t.steps());
        assertEquals(q.loss(q.initialPoint()), t.finalLoss(), 0.0);
    }
}
