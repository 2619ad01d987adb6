package dev.ogr.core.exec;

import dev.ogr.core.kernel.Vec;
import java.nio.ByteBuffer;

/**
 * The host memory one float step of a fused coordinate pass reads and writes, for the kernels in the JDK's Vector
 * API ({@link DirectFloatKernel}): each vector as its native buffer and the byte index of its element 0. θ, g and
 * the update output change between steps; the statistics and the state arrays are fixed.
 */
public final class DirectFloatMemory {

    /** θ, read and overwritten with the new θ. */
    public ByteBuffer theta;
    /** The byte index of θ's element 0. */
    public int thetaAt;
    /** The gradient, read only. */
    public ByteBuffer gradient;
    /** The byte index of g's element 0. */
    public int gradientAt;
    /** The update output θ_old − θ_new, or null when none is asked for. */
    public ByteBuffer update;
    /** The byte index of the update's element 0. */
    public int updateAt;
    /** The number of observations the tracker has counted, this step's included. */
    public long observations;
    /** The tracker's statistics as stored after this step's observation (null where it keeps none). */
    public final ByteBuffer meanX;
    /** See {@link #meanX}. */
    public final ByteBuffer meanY;
    /** See {@link #meanX}. */
    public final ByteBuffer varX;
    /** See {@link #meanX}. */
    public final ByteBuffer varY;
    /** See {@link #meanX}; also null when the step rule does not read the covariance. */
    public final ByteBuffer covariance;
    /** The byte indices of the statistics' element 0, in the order mean θ, mean g, var θ, var g, covariance. */
    public final int[] statisticsAt = new int[5];
    /** The kernel's state arrays, in the kernel's order. */
    public final ByteBuffer[] state;
    /** The byte indices of the state arrays' element 0. */
    public final int[] stateAt;

    private Vec thetaVec;
    private Vec gradientVec;
    private Vec updateVec;

    /**
     * The memory of a pass over {@code statistics} (mean θ, mean g, var θ, var g, covariance; entries null where none
     * is kept, or the array itself null for none at all) and the kernel's {@code states}, all float vectors in host
     * memory.
     */
    DirectFloatMemory(Vec[] statistics, Vec[] states) {
        ByteBuffer[] s = new ByteBuffer[5];
        for (int k = 0; statistics != null && k < 5; k++) {
            if (statistics[k] != null) {
                s[k] = statistics[k].bytes();
                statisticsAt[k] = 4 * statistics[k].offset();
            }
        }
        meanX = s[0];
        meanY = s[1];
        varX = s[2];
        varY = s[3];
        covariance = s[4];
        state = new ByteBuffer[states.length];
        stateAt = new int[states.length];
        for (int j = 0; j < states.length; j++) {
            state[j] = states[j].bytes();
            stateAt[j] = 4 * states[j].offset();
        }
    }

    /** Points the step's vectors at θ, g and the update output (null for none); buffers are made only on a change. */
    void bind(Vec theta, Vec gradient, Vec update) {
        if (theta != thetaVec) {
            thetaVec = theta;
            this.theta = theta.bytes();
            thetaAt = 4 * theta.offset();
        }
        if (gradient != gradientVec) {
            gradientVec = gradient;
            this.gradient = gradient.bytes();
            gradientAt = 4 * gradient.offset();
        }
        if (update != updateVec) {
            updateVec = update;
            this.update = update == null ? null : update.bytes();
            updateAt = update == null ? 0 : 4 * update.offset();
        }
    }
}
