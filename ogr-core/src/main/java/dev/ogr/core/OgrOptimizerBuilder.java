package dev.ogr.core;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.LearningRateLearner;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.StepRule;
import dev.ogr.api.StrategyState;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Composes an {@link OgrOptimizer} from strategy instances; the learning-rate learner is required. */
public final class OgrOptimizerBuilder {
    private DirectionProvider direction;
    private AverageTracker tracker;
    private StepRule stepRule;
    private LearningRateLearner learner;
    private long warmup;
    private String orthogonal = "descent";
    private String inside = (String) OptimizerOptions.INSIDE.defaultValue();
    private double outsideBeta = (Double) OptimizerOptions.OUTSIDE_BETA.defaultValue();
    private double blend = (Double) OptimizerOptions.BLEND.defaultValue();
    private double outsideCut = (Double) OptimizerOptions.OUTSIDE_CUT.defaultValue();

    OgrOptimizerBuilder() {
    }

    /** Sets the direction provider (omit it for plain first-order descent). */
    public OgrOptimizerBuilder direction(DirectionProvider value) {
        this.direction = value;
        return this;
    }

    /** Sets the average tracker. */
    public OgrOptimizerBuilder averages(AverageTracker value) {
        this.tracker = value;
        return this;
    }

    /** Sets the step rule. */
    public OgrOptimizerBuilder step(StepRule value) {
        this.stepRule = value;
        return this;
    }

    /** Sets the learning-rate learner. */
    public OgrOptimizerBuilder learningRate(LearningRateLearner value) {
        this.learner = value;
        return this;
    }

    /** Sets the number of warm-up steps ({@link OptimizerOptions#WARMUP}). */
    public OgrOptimizerBuilder warmup(long steps) {
        OptimizerOptions.WARMUP.validate(steps, "option 'warmup'");
        this.warmup = steps;
        return this;
    }

    /** Sets whether to descend outside the modelled subspace ({@link OptimizerOptions#ORTHOGONAL}). */
    public OgrOptimizerBuilder orthogonalDescent(boolean value) {
        this.orthogonal = value ? "descent" : "none";
        return this;
    }

    /**
     * Sets the step outside the modelled subspace ({@link OptimizerOptions#ORTHOGONAL}, with
     * {@link OptimizerOptions#OUTSIDE_BETA}, {@link OptimizerOptions#BLEND} and {@link OptimizerOptions#OUTSIDE_CUT},
     * which only some modes use).
     */
    public OgrOptimizerBuilder orthogonal(String mode, double beta, double weight, double cut) {
        this.orthogonal = (String) OptimizerOptions.ORTHOGONAL.validate(mode, "option 'orthogonal'");
        this.outsideBeta = (Double) OptimizerOptions.OUTSIDE_BETA.validate(beta, "option 'outside-beta'");
        this.blend = (Double) OptimizerOptions.BLEND.validate(weight, "option 'blend'");
        this.outsideCut = (Double) OptimizerOptions.OUTSIDE_CUT.validate(cut, "option 'outside-cut'");
        return this;
    }

    /**
     * Sets what the model step divides, {@code gradient} or {@code momentum} ({@link OptimizerOptions#INSIDE};
     * {@code momentum} needs {@code orthogonal} momentum or dogr).
     */
    public OgrOptimizerBuilder inside(String mode) {
        this.inside = (String) OptimizerOptions.INSIDE.validate(mode, "option 'inside'");
        return this;
    }

    /** Builds the optimizer at a copy of {@code initialPoint}. */
    public OgrOptimizer build(INDArray initialPoint) {
        List<String> clauses = new ArrayList<>();
        if (direction != null) {
            clauses.add("direction=" + direction);
            clauses.add("averages=" + tracker);
            clauses.add("step=" + stepRule);
        }
        clauses.add("lr=" + learner);
        if (direction != null) {
            clauses.add("warmup=" + warmup);
            clauses.add("orthogonal=" + orthogonal);
            if (OptimizerOptions.applies(OptimizerOptions.INSIDE.name(), orthogonal)) {
                clauses.add("inside=" + inside);
            }
            if (OptimizerOptions.applies(OptimizerOptions.OUTSIDE_BETA.name(), orthogonal)) {
                clauses.add("outside-beta=" + ParameterSpec.format(outsideBeta));
            }
            if (OptimizerOptions.applies(OptimizerOptions.BLEND.name(), orthogonal)) {
                clauses.add("blend=" + ParameterSpec.format(blend));
            }
            if (OptimizerOptions.applies(OptimizerOptions.OUTSIDE_CUT.name(), orthogonal)) {
                clauses.add("outside-cut=" + ParameterSpec.format(outsideCut));
            }
        }
        return new OgrOptimizer(String.join("; ", clauses), direction, tracker, stepRule, learner, warmup,
                orthogonal, inside.equals("momentum"), outsideBeta, blend, outsideCut, initialPoint,
                StrategyState.Allocator.ZEROS);
    }
}
