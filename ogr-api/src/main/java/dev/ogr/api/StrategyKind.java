package dev.ogr.api;

import java.util.Locale;
import java.util.Optional;

/** The interchangeable strategy slots of an ogr optimizer (five, and the optional schedule), with their recipe keys. */
public enum StrategyKind {
    /** Chooses the subspace (basis) in which the gradient regression is done. */
    DIRECTION("direction", DirectionProvider.class),
    /** Keeps the moving averages from which curvature and minimum are estimated. */
    AVERAGES("averages", AverageTracker.class),
    /** Turns the regression model into a displacement along the model coordinates. */
    STEP("step", StepRule.class),
    /** Steps in the directions outside the modelled subspace. */
    OUTSIDE("outside", OutsideRule.class),
    /** Supplies the learning rate of first-order steps, possibly learning it. */
    LEARNING_RATE("lr", LearningRateLearner.class),
    /** Multiplies the learning rate by a factor of the step index (warm-up, cosine or step decay); optional. */
    SCHEDULE("schedule", LearningRateSchedule.class);

    private final String key;
    private final Class<?> type;

    StrategyKind(String key, Class<?> type) {
        this.key = key;
        this.type = type;
    }

    /** The key of this slot in a recipe, e.g. {@code direction} or {@code lr}. */
    public String key() {
        return key;
    }

    /** The interface every strategy of this kind implements. */
    public Class<?> type() {
        return type;
    }

    /** Finds the kind whose recipe key is {@code key} (case-insensitive). */
    public static Optional<StrategyKind> byKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (StrategyKind kind : values()) {
            if (kind.key.equals(k)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
