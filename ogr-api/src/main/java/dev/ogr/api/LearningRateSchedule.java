package dev.ogr.api;

/**
 * A learning-rate schedule: the factor s(t) ≥ 0 by which the learning rate of step t (0-based) is multiplied, whatever
 * the learner (a fixed rate, or one it learns). Stateless: the factor depends on the step index only, so a restored
 * optimizer continues the schedule where it stopped. The recipe slot {@code schedule}; absent, every factor is 1.
 */
public interface LearningRateSchedule {

    /** The factor s(t) for step {@code step}, finite and {@code >= 0}. */
    double factor(long step);
}
