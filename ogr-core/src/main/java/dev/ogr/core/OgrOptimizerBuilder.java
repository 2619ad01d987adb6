package dev.ogr.core;

import dev.ogr.api.AverageTracker;
import dev.ogr.api.DirectionProvider;
import dev.ogr.api.LearningRateLearner;
import dev.ogr.api.OutsideRule;
import dev.ogr.api.StepRule;
import dev.ogr.api.StrategyState;
import dev.ogr.core.outside.FirstOrderOutside;
import dev.ogr.core.outside.NotebookOutside;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Composes an {@link OgrOptimizer} from strategy instances; the learning-rate learner is required. */
public final class OgrOptimizerBuilder {
    private DirectionProvider direction;
    private AverageTracker tracker;
    private StepRule stepRule;
    private OutsideRule outside = FirstOrderOutside.DESCENT;
    private LearningRateLearner learner;
    private long warmup;
    private StepTransforms transforms = StepTransforms.NONE;

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

    /**
     * Sets the step outside the modelled subspace: {@link FirstOrderOutside#DESCENT} (the default),
     * {@link FirstOrderOutside#NONE}, the notebooks' {@link NotebookOutside#momentum} or {@link NotebookOutside#dogr},
     * or a plugin's rule.
     */
    public OgrOptimizerBuilder outside(OutsideRule value) {
        this.outside = java.util.Objects.requireNonNull(value, "outside");
        return this;
    }

    /** Sets whether to descend outside the modelled subspace: {@code outside(DESCENT)} or {@code outside(NONE)}. */
    public OgrOptimizerBuilder orthogonalDescent(boolean value) {
        return outside(value ? FirstOrderOutside.DESCENT : FirstOrderOutside.NONE);
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

    /** Sets the gradient clipping, the learning-rate schedule and the decoupled weight decay ({@link StepTransforms}). */
    public OgrOptimizerBuilder transforms(StepTransforms value) {
        this.transforms = java.util.Objects.requireNonNull(value, "transforms");
        return this;
    }

    /** Builds the optimizer at a copy of {@code initialPoint}. */
    public OgrOptimizer build(INDArray initialPoint) {
        List<String> clauses = new ArrayList<>();
        if (direction != null) {
            clauses.add("direction=" + direction);
            clauses.add("averages=" + tracker);
            clauses.add("step=" + stepRule);
            clauses.add("outside=" + outside);
        }
        clauses.add("lr=" + learner);
        if (transforms.schedule() != null) {
            clauses.add("schedule=" + transforms.schedule());
        }
        if (direction != null) {
            clauses.add("warmup=" + warmup);
        }
        if (transforms.clipNorm() > 0) {
            clauses.add("clip-norm=" + dev.ogr.api.ParameterSpec.format(transforms.clipNorm()));
        }
        if (transforms.clipValue() > 0) {
            clauses.add("clip-value=" + dev.ogr.api.ParameterSpec.format(transforms.clipValue()));
        }
        if (transforms.maxStep() > 0) {
            clauses.add("max-step=" + dev.ogr.api.ParameterSpec.format(transforms.maxStep()));
        }
        if (transforms.decay() > 0) {
            clauses.add("decay=" + dev.ogr.api.ParameterSpec.format(transforms.decay()));
        }
        return new OgrOptimizer(String.join("; ", clauses), direction, tracker, stepRule, outside, learner, warmup,
                transforms, initialPoint, StrategyState.Allocator.ZEROS);
    }
}
