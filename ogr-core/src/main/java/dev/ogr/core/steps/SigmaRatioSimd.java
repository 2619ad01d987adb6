package dev.ogr.core.steps;

import dev.ogr.api.block.FloatLanes;
import dev.ogr.core.exec.DirectFloatKernel;
import dev.ogr.core.exec.DirectFloatMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sigma-ratio kernel's float form in the Vector API over host memory: operation for operation the lane form of
 * {@link SigmaRatioStep} (ratio = √vθ / (√vg + ε), θ − α·max(ratio, δ)·g, the guarded double form where the ratio is
 * not in (0, ∞)), so the same values bit for bit. A vector with a guarded element, and the last elements of a range,
 * run element by element.
 */
final class SigmaRatioSimd implements DirectFloatKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final SigmaRatioStep rule;

    SigmaRatioSimd(SigmaRatioStep rule) {
        this.rule = rule;
    }

    @Override
    public void compute(DirectFloatMemory m, int from, int to, double learningRate) {
        float eps = (float) rule.epsilon;
        float a = (float) rule.alpha;
        float f = (float) rule.floor;
        ByteBuffer x = m.theta;
        ByteBuffer y = m.gradient;
        ByteBuffer vx = m.varX;
        ByteBuffer vy = m.varY;
        ByteBuffer u = m.update;
        int xAt = m.thetaAt;
        int yAt = m.gradientAt;
        int vxAt = m.statisticsAt[2];
        int vyAt = m.statisticsAt[3];
        int uAt = m.updateAt;
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            int b = 4 * i;
            FloatVector ratio = FloatVector.fromByteBuffer(S, vx, vxAt + b, ORDER).lanewise(VectorOperators.SQRT)
                    .div(FloatVector.fromByteBuffer(S, vy, vyAt + b, ORDER).lanewise(VectorOperators.SQRT).add(eps));
            // in (0, ∞): greater than zero (so not NaN) and finite
            if (!ratio.compare(VectorOperators.GT, 0f).and(ratio.test(VectorOperators.IS_FINITE)).allTrue()) {
                for (int j = i; j < i + S.length(); j++) {
                    element(m, j, eps, a, f, learningRate);
                }
                continue;
            }
            FloatVector xi = FloatVector.fromByteBuffer(S, x, xAt + b, ORDER);
            FloatVector newX = xi.sub(ratio.max(f).mul(a).mul(FloatVector.fromByteBuffer(S, y, yAt + b, ORDER)));
            if (u != null) {
                xi.sub(newX).intoByteBuffer(u, uAt + b, ORDER);
            }
            newX.intoByteBuffer(x, xAt + b, ORDER);
        }
        for (; i < to; i++) {
            element(m, i, eps, a, f, learningRate);
        }
    }

    /** Coordinate i as the lane form computes it. */
    private void element(DirectFloatMemory m, int i, float eps, float a, float f, double learningRate) {
        int b = 4 * i;
        float xi = m.theta.getFloat(m.thetaAt + b);
        float yi = m.gradient.getFloat(m.gradientAt + b);
        float vxi = m.varX.getFloat(m.statisticsAt[2] + b);
        float vyi = m.varY.getFloat(m.statisticsAt[3] + b);
        float ratio = (float) Math.sqrt(vxi) / ((float) Math.sqrt(vyi) + eps);
        float newX = FloatLanes.positiveFinite(ratio) ? xi - a * Math.max(ratio, f) * yi
                : (float) (xi + rule.displacement(vxi, vyi, yi, learningRate));
        if (m.update != null) {
            m.update.putFloat(m.updateAt + b, xi - newX);
        }
        m.theta.putFloat(m.thetaAt + b, newX);
    }
}
