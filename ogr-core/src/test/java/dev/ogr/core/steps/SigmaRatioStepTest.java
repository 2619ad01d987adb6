package dev.ogr.core.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ogr.api.Basis;
import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.StrategyState;
import dev.ogr.core.averages.MovingAverages;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Paper 1, eq. 5–9: on a diagonal quadratic the per-coordinate σθ/σg is exactly 1/hᵢ. */
class SigmaRatioStepTest {

    @Test
    void theSpreadRatioIsTheInverseCurvatureOnADiagonalQuadratic() {
        double[] h = {1e-4, 0.01, 1, 30, 1e3};
        double[] minimum = {1, -2, 0.5, 0, 3};
        MovingAverages tracker = MovingAverages.plain(0.9);
        tracker.init(new ModelLayout(Geometry.COORDINATES, 5, 5, DataType.DOUBLE), new StrategyState());
        SigmaRatioStep rule = new SigmaRatioStep(1, 0, 0);
        rule.init(new ModelLayout(Geometry.COORDINATES, 5, 5, DataType.DOUBLE), new StrategyState());
        Random r = new Random(11);
        for (int t = 0; t < 9; t++) {
            double[] theta = new double[5];
            double[] g = new double[5];
            for (int i = 0; i < 5; i++) {
                theta[i] = minimum[i] + r.nextGaussian();
                g[i] = h[i] * (theta[i] - minimum[i]);
            }
            tracker.observe(Nd4j.createFromArray(theta), Nd4j.createFromArray(g), Basis.coordinates());
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(1 / h[i], rule.rate(tracker.model(), i), 1e-9 / h[i], "coordinate " + i);
        }
    }
}
