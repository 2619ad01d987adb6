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
    void rejectsBadParametersNamingThem() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new ClippedParabolaStep(0, 1, "reverse"));
        assertEquals("parameter 'alpha' of step 'parabola-clipped' must be a real in (0, 10], got 0.0", e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> new ClippedParabolaStep(1, 1, "flip"));
        assertEquals("parameter 'negative' of step 'parabola-clipped' must be one of reverse, descent, got 'flip'",
                e.getMessage());
    }
}
