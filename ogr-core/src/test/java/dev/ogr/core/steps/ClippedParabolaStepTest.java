package dev.ogr.core.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.RegressionModel;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The clipped parabola step Δ = α·sign(λ)·C(p − x) and its fallbacks. */
class ClippedParabolaStepTest {

    private static RegressionModel model(boolean defined, double lambda, double minimum, double position, double gradient) {
        RegressionModel m = mock(RegressionModel.class);
        when(m.size()).thenReturn(1L);
        when(m.defined(0)).thenReturn(defined);
        when(m.curvature(0)).thenReturn(lambda);
        when(m.minimum(0)).thenReturn(minimum);
        when(m.position(0)).thenReturn(position);
        when(m.gradient(0)).thenReturn(gradient);
        return m;
    }

    private static double step(ClippedParabolaStep rule, RegressionModel m, double eta) {
        INDArray delta = Nd4j.zeros(DataType.DOUBLE, 1);
        rule.step(m, eta, delta);
        return delta.getDouble(0);
    }

    @Test
    void movesAFractionOfTheWayToTheMinimumForPositiveCurvature() {
        ClippedParabolaStep rule = new ClippedParabolaStep(0.5, 10, "reverse");
        assertEquals(0.5 * (3.0 - 1.0), step(rule, model(true, 2, 3, 1, -4), 0.1), 0);
    }

    @Test
    void clipsTheDistance() {
        ClippedParabolaStep rule = new ClippedParabolaStep(1, 0.25, "reverse");
        assertEquals(0.25, step(rule, model(true, 2, 3, 1, -4), 0.1), 0);
        assertEquals(-0.25, step(rule, model(true, 2, -3, 1, 8), 0.1), 0);
    }

    @Test
    void reversesAwayFromAMaximumForNegativeCurvature() {
        ClippedParabolaStep rule = new ClippedParabolaStep(1, 10, "reverse");
        // The fitted maximum is at 3, we are at 1: move away, to smaller x.
        assertEquals(-2, step(rule, model(true, -2, 3, 1, 4), 0.1), 0);
    }

    @Test
    void fallsBackToGradientDescent() {
        ClippedParabolaStep descent = new ClippedParabolaStep(1, 10, "descent");
        assertEquals(-0.1 * 4, step(descent, model(true, -2, 3, 1, 4), 0.1), 1e-15);
        ClippedParabolaStep reverse = new ClippedParabolaStep(1, 10, "reverse");
        assertEquals(-0.1 * 4, step(reverse, model(false, Double.NaN, Double.NaN, 1, 4), 0.1), 1e-15);
    }

    @Test
    void tanhOfASmallCurvatureIsAGradientStepOnTheFittedGradient() {
        // λ(p − x) = −(ȳ + λ(x − x̄)), so for λ ≪ κ, α·tanh(λ/κ)·(p − x) → −(α/κ)·(ȳ + λ(x − x̄)); κ = 1/η by default.
        double lambda = 1e-6;
        double meanX = 1;
        double meanY = 0.3;
        double x = 2;
        double eta = 0.1;
        RegressionModel m = model(true, lambda, meanX - meanY / lambda, x, 0.7);
        double fitted = meanY + lambda * (x - meanX);
        ClippedParabolaStep byRate = new ClippedParabolaStep(0.5, Double.POSITIVE_INFINITY, "reverse", "tanh", 0);
        assertEquals(-0.5 * eta * fitted, step(byRate, m, eta), 1e-12 * 0.5 * eta * fitted);
        ClippedParabolaStep byScale = new ClippedParabolaStep(0.5, Double.POSITIVE_INFINITY, "reverse", "tanh", 4);
        assertEquals(-0.5 / 4 * fitted, step(byScale, m, eta), 1e-12 * 0.5 / 4 * fitted);
        // the sign step from the same model jumps the whole (huge) distance to p instead
        assertEquals(0.5 * (meanX - meanY / lambda - x), step(new ClippedParabolaStep(0.5, Double.POSITIVE_INFINITY,
                "reverse"), m, eta), 1e-9);
    }

    @Test
    void tanhOfALargeCurvatureIsTheSignStep() {
        // tanh(u) rounds to ±1 for |u| > 19.1: the steps are the same to the bit, on both sides of zero curvature
        for (double lambda : new double[] {250, -250}) {
            RegressionModel m = model(true, lambda, 3, 1, -4);
            ClippedParabolaStep sign = new ClippedParabolaStep(0.5, 0.75, "reverse", "sign", 0);
            ClippedParabolaStep tanh = new ClippedParabolaStep(0.5, 0.75, "reverse", "tanh", 0);
            assertEquals(step(sign, m, 0.1), step(tanh, m, 0.1), 0);
            assertEquals(Math.signum(lambda) * 0.5 * 0.75, step(tanh, m, 0.1), 0);
        }
    }

    @Test
    void rejectsBadParametersNamingThem() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new ClippedParabolaStep(0, 1, "reverse"));
        assertEquals("parameter 'alpha' of step 'parabola-clipped' must be a real in (0, 10], got 0.0", e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> new ClippedParabolaStep(1, 1, "flip"));
        assertEquals("parameter 'negative' of step 'parabola-clipped' must be one of reverse, descent, got 'flip'",
                e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> new ClippedParabolaStep(1, 1, "reverse", "tanh", -1));
        assertEquals("parameter 'scale' of step 'parabola-clipped' must be a real in [0, inf), got -1.0", e.getMessage());
    }
}
