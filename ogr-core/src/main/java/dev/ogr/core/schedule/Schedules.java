package dev.ogr.core.schedule;

import dev.ogr.api.LearningRateSchedule;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import java.util.List;

/**
 * The built-in learning-rate schedules (the recipe slot {@code schedule}), each a factor s(t) of the 0-based step
 * index t, with a linear warm-up s(t) = (t + 1)/w over the first w steps (as optax's and PyTorch's warm-ups, and
 * Schedule-Free's):
 * <ul>
 *   <li>{@code warmup(steps)}: the warm-up, then 1;</li>
 *   <li>{@code cosine(steps, warmup, final)}: after the warm-up, half a cosine from 1 to {@code final} at step
 *       {@code steps}, then {@code final};</li>
 *   <li>{@code step-decay(every, factor, warmup)}: after the warm-up, ×{@code factor} every {@code every} steps.</li>
 * </ul>
 */
public final class Schedules {

    private static final ParameterSpec WARMUP = ParameterSpec.integer("warmup", 0, 0, 1_000_000_000L,
            "steps of linear warm-up from 1/warmup to 1");

    /** The parameters of {@code warmup}. */
    public static final List<ParameterSpec> WARMUP_PARAMETERS = List.of(ParameterSpec.integer("steps", 100, 1,
            1_000_000_000L, "steps of linear warm-up: factor (t + 1)/steps, then 1"));

    /** The parameters of {@code cosine}. */
    public static final List<ParameterSpec> COSINE_PARAMETERS = List.of(
            ParameterSpec.integer("steps", 1000, 1, 1_000_000_000L, "step at which the factor reaches final"),
            WARMUP,
            ParameterSpec.real("final", 0, 0, true, 1, true, "factor at the end of the decay, kept after it"));

    /** The parameters of {@code step-decay}. */
    public static final List<ParameterSpec> STEP_DECAY_PARAMETERS = List.of(
            ParameterSpec.integer("every", 100, 1, 1_000_000_000L, "steps between decays"),
            ParameterSpec.real("factor", 0.1, 0, true, 1, true, "factor applied at each decay"),
            WARMUP);

    private Schedules() {
    }

    /** The linear warm-up factor (t + 1)/w while t &lt; w, else 1. */
    static double warm(long t, long w) {
        return t < w ? (t + 1) / (double) w : 1;
    }

    /** {@code warmup(steps)}. */
    public static LearningRateSchedule warmup(long steps) {
        Parameters p = Parameters.inOrder(WARMUP_PARAMETERS, "schedule 'warmup'", steps);
        long w = p.integer("steps");
        return named("warmup(" + p.canonical() + ")", t -> warm(t, w));
    }

    /** {@code cosine(steps, warmup, final)}. */
    public static LearningRateSchedule cosine(long steps, long warmup, double last) {
        Parameters p = Parameters.inOrder(COSINE_PARAMETERS, "schedule 'cosine'", steps, warmup, last);
        long n = p.integer("steps");
        long w = p.integer("warmup");
        double f = p.real("final");
        if (w >= n) {
            throw new dev.ogr.api.ConfigurationException("schedule 'cosine': warmup (" + w + ") must be below steps ("
                    + n + ")");
        }
        return named("cosine(" + p.canonical() + ")", t -> {
            if (t < w) {
                return warm(t, w);
            }
            if (t >= n) {
                return f;
            }
            double progress = (t - w) / (double) (n - w);
            return f + (1 - f) * 0.5 * (1 + Math.cos(Math.PI * progress));
        });
    }

    /** {@code step-decay(every, factor, warmup)}. */
    public static LearningRateSchedule stepDecay(long every, double factor, long warmup) {
        Parameters p = Parameters.inOrder(STEP_DECAY_PARAMETERS, "schedule 'step-decay'", every, factor, warmup);
        long k = p.integer("every");
        double f = p.real("factor");
        long w = p.integer("warmup");
        return named("step-decay(" + p.canonical() + ")", t -> t < w ? warm(t, w) : Math.pow(f, (t - w) / k));
    }

    private static LearningRateSchedule named(String text, LearningRateSchedule s) {
        return new LearningRateSchedule() {
            @Override
            public double factor(long step) {
                return s.factor(step);
            }

            @Override
            public String toString() {
                return text;
            }
        };
    }
}
