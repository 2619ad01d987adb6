package com.example.ogr;

import static dev.ogr.api.block.CoordinateBlock.GRADIENT;
import static dev.ogr.api.block.CoordinateBlock.NEW_THETA;
import static dev.ogr.api.block.CoordinateBlock.STATE;
import static dev.ogr.api.block.CoordinateBlock.THETA;
import static dev.ogr.api.block.CoordinateBlock.VAR_GRADIENT;
import static dev.ogr.api.block.CoordinateBlock.VAR_THETA;

import dev.ogr.api.Geometry;
import dev.ogr.api.ModelLayout;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.RegressionModel;
import dev.ogr.api.StepRule;
import dev.ogr.api.StrategyState;
import dev.ogr.api.block.CoordinateBlock;
import dev.ogr.api.block.CoordinateKernel;
import dev.ogr.api.block.FloatLanes;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Paper 1's sigma-ratio step per coordinate: η_i = max(σθ_i / (σg_i + ε), δ), Δ_i = −α·η_i·g_i, and −η·g_i (the
 * recipe's rate) while the spreads are undefined. {@link #step} is the general path, for any geometry; the
 * {@link CoordinateKernel} is the same arithmetic over one block, which the core runs in its fused pass.
 */
public final class ExampleSigmaRatioStep implements StepRule {

    /** The parameters, with their defaults and ranges (the core validates recipes against them). */
    public static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("alpha", 1, 0, false, 10, true, "fraction of the sigma-ratio step taken"),
            ParameterSpec.real("floor", 1e-6, 0, true, 1e6, true, "floor delta on the per-coordinate learning rate"),
            ParameterSpec.real("epsilon", 1e-12, 0, true, 1e6, true, "epsilon added to sigma_g in the denominator"));

    private final Parameters parameters;
    private final double alpha;
    private final double floor;
    private final double epsilon;
    private boolean coordinates;

    /**
     * The step with fraction {@code alpha}, rate floor {@code floor} and denominator epsilon {@code epsilon}, each
     * checked against its spec in {@link #PARAMETERS} (an error names the parameter and its range).
     */
    public ExampleSigmaRatioStep(double alpha, double floor, double epsilon) {
        this.parameters = Parameters.inOrder(PARAMETERS, "step 'example-sigma-ratio'", alpha, floor, epsilon);
        this.alpha = parameters.real("alpha");
        this.floor = parameters.real("floor");
        this.epsilon = parameters.real("epsilon");
    }

    @Override
    public void init(ModelLayout layout, StrategyState state) {
        coordinates = layout.geometry() == Geometry.COORDINATES; // no state of its own
    }

    /** The displacement of one coordinate, from its variances and gradient. */
    private double displacement(double varTheta, double varGradient, double g, double learningRate) {
        double ratio = Math.sqrt(varTheta) / (Math.sqrt(varGradient) + epsilon);
        if (!(varTheta > 0) || !(varGradient >= 0) || !Double.isFinite(ratio)) {
            return -learningRate * g; // the spreads are not defined yet
        }
        return -alpha * (ratio > floor ? ratio : floor) * g;
    }

    @Override
    public void step(RegressionModel model, double learningRate, INDArray delta) {
        for (long i = 0; i < model.size(); i++) {
            delta.putScalar(i, displacement(model.positionVariance(i), model.gradientVariance(i), model.gradient(i),
                    learningRate));
        }
    }

    @Override
    public boolean readsCovariance() {
        return false;
    }

    @Override
    public CoordinateKernel coordinateKernel() {
        return coordinates ? kernel : null;
    }

    private final CoordinateKernel kernel = new CoordinateKernel() {
        @Override
        public void compute(CoordinateBlock b) {
            double[] x = b.lane(THETA), g = b.lane(GRADIENT), out = b.lane(NEW_THETA);
            double[] vx = b.lane(VAR_THETA), vg = b.lane(VAR_GRADIENT);
            for (int i = 0; i < b.count(); i++) {
                out[i] = x[i] + displacement(vx[i], vg[i], g[i], b.learningRate());
            }
        }

        /** In float: branch-free loops the JIT vectorises, then the guarded form where the ratio is not in (0, ∞). */
        @Override
        public void computeFloats(CoordinateBlock b) {
            int n = b.count();
            float[] x = b.floatLane(THETA), g = b.floatLane(GRADIENT), out = b.floatLane(NEW_THETA);
            float[] vx = b.floatLane(VAR_THETA), vg = b.floatLane(VAR_GRADIENT), ratio = b.floatLane(STATE);
            float eps = (float) epsilon, a = (float) alpha, f = (float) floor;
            for (int i = 0; i < n; i++) {
                ratio[i] = (float) Math.sqrt(vx[i]) / ((float) Math.sqrt(vg[i]) + eps);
            }
            for (int i = 0; i < n; i++) {
                out[i] = x[i] - a * Math.max(ratio[i], f) * g[i];
            }
            if (!FloatLanes.allPositiveFinite(ratio, n)) {
                for (int i = 0; i < n; i++) {
                    if (!FloatLanes.positiveFinite(ratio[i])) {
                        out[i] = (float) (x[i] + displacement(vx[i], vg[i], g[i], b.learningRate()));
                    }
                }
            }
        }
    };

    @Override
    public String toString() {
        return "example-sigma-ratio(" + parameters.canonical() + ")";
    }
}
