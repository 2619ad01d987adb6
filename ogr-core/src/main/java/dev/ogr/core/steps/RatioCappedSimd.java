package dev.ogr.core.steps;

import dev.ogr.core.exec.DirectFloatKernel;
import dev.ogr.core.exec.DirectFloatMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The ratio-capped kernel's float form in the Vector API over host memory: operation for operation the lane form of
 * {@link RatioCappedStep} (m ← β·m + (1 − β)·g, r = √(vθ / (vg + ε)), θ − η·min(r, cap)·m, the guarded double form
 * where r is NaN), so the same values bit for bit. A vector with a guarded element, and the last elements of a range,
 * run element by element.
 */
final class RatioCappedSimd implements DirectFloatKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final RatioCappedStep rule;

    RatioCappedSimd(RatioCappedStep rule) {
        this.rule = rule;
    }

    @Override
    public void compute(DirectFloatMemory m, int from, int to, double learningRate) {
        float keep = (float) rule.momentum;
        float take = (float) (1 - rule.momentum);
        float eps = (float) rule.epsilon;
        float step = (float) learningRate;
        float c = (float) rule.cap;
        ByteBuffer x = m.theta;
        ByteBuffer y = m.gradient;
        ByteBuffer vx = m.varX;
        ByteBuffer vy = m.varY;
        ByteBuffer ms = m.state[0];
        ByteBuffer u = m.update;
        int xAt = m.thetaAt;
        int yAt = m.gradientAt;
        int vxAt = m.statisticsAt[2];
        int vyAt = m.statisticsAt[3];
        int msAt = m.stateAt[0];
        int uAt = m.updateAt;
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            int o = 4 * i;
            FloatVector ratio = FloatVector.fromByteBuffer(S, vx, vxAt + o, ORDER)
                    .div(FloatVector.fromByteBuffer(S, vy, vyAt + o, ORDER).add(eps)).lanewise(VectorOperators.SQRT);
            if (ratio.test(VectorOperators.IS_NAN).anyTrue()) {
                for (int j = i; j < i + S.length(); j++) {
                    element(m, j, keep, take, eps, step, c, learningRate);
                }
                continue;
            }
            FloatVector xi = FloatVector.fromByteBuffer(S, x, xAt + o, ORDER);
            FloatVector newM = FloatVector.fromByteBuffer(S, ms, msAt + o, ORDER).mul(keep)
                    .add(FloatVector.fromByteBuffer(S, y, yAt + o, ORDER).mul(take));
            FloatVector newX = xi.sub(ratio.min(c).mul(step).mul(newM));
            newM.intoByteBuffer(ms, msAt + o, ORDER);
            if (u != null) {
                xi.sub(newX).intoByteBuffer(u, uAt + o, ORDER);
            }
            newX.intoByteBuffer(x, xAt + o, ORDER);
        }
        for (; i < to; i++) {
            element(m, i, keep, take, eps, step, c, learningRate);
        }
    }

    /** Coordinate i as the lane form computes it. */
    private void element(DirectFloatMemory m, int i, float keep, float take, float eps, float step, float c,
            double learningRate) {
        int o = 4 * i;
        float xi = m.theta.getFloat(m.thetaAt + o);
        float yi = m.gradient.getFloat(m.gradientAt + o);
        float vxi = m.varX.getFloat(m.statisticsAt[2] + o);
        float vyi = m.varY.getFloat(m.statisticsAt[3] + o);
        float mi = m.state[0].getFloat(m.stateAt[0] + o);
        float newM = keep * mi + take * yi;
        float ratio = (float) Math.sqrt(vxi / (vyi + eps));
        float newX;
        if (ratio == ratio) {
            newX = xi - step * Math.min(ratio, c) * newM;
        } else {
            double momentum = rule.momentum;
            double md = momentum * mi + (1 - momentum) * yi;
            newM = (float) md;
            double r = Math.sqrt(vxi / (vyi + rule.epsilon));
            double multiplier = Double.isFinite(r) && r < rule.cap ? r : rule.cap;
            newX = (float) (xi + -learningRate * multiplier * md);
        }
        m.state[0].putFloat(m.stateAt[0] + o, newM);
        if (m.update != null) {
            m.update.putFloat(m.updateAt + o, xi - newX);
        }
        m.theta.putFloat(m.thetaAt + o, newX);
    }
}
