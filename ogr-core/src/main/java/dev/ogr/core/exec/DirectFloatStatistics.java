package dev.ogr.core.exec;

import dev.ogr.core.kernel.Vec;

/**
 * A built-in tracker's per-coordinate statistics update in the JDK's Vector API, directly in host memory: the same
 * float arithmetic as its {@link dev.ogr.api.block.CoordinateStatistics#updateFloatBlock}, bit for bit.
 */
public interface DirectFloatStatistics {

    /** Adds the observation (θ, g) of coordinates {@code from .. to - 1} with weight {@code weight} for it. */
    void update(DirectFloatMemory memory, int from, int to, double weight);

    /** The statistics' vectors: mean θ, mean g, var θ, var g and the covariance (null when not kept). */
    Vec[] vectors();

    /** A {@link dev.ogr.api.block.CoordinateStatistics} that has a Vector API form. */
    interface Source {
        /** The Vector API form of these statistics, or null where there is none (all must be float). */
        DirectFloatStatistics directFloats();
    }
}
