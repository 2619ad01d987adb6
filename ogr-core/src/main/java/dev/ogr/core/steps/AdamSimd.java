package dev.ogr.core.steps;

import dev.ogr.core.exec.DirectFloatKernel;
import dev.ogr.core.exec.DirectFloatMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam's float kernel in the Vector API over host memory: operation for operation the lane form of
 * {@link FirstOrderSteps.Adam} (m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ − (η/c₁)·m / (√(v/c₂) + ε)), so the same
 * values bit for bit; the last elements of a range run as scalars.
 */
final class AdamSimd implements DirectFloatKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final FirstOrderSteps.Adam rule;

    AdamSimd(FirstOrderSteps.Adam rule) {
        this.rule = rule;
    }

    @Override
    public void compute(DirectFloatMemory m, int from, int to, double learningRate) {
        float b1 = (float) rule.beta1;
        float a1 = (float) (1 - rule.beta1);
        float b2 = (float) rule.beta2;
        float a2 = (float) (1 - rule.beta2);
        float step = (float) (learningRate / rule.correction1);
        float unbias = (float) (1 / rule.correction2);
        float eps = (float) rule.epsilon;
        ByteBuffer x = m.theta;
        ByteBuffer y = m.gradient;
        ByteBuffer ms = m.state[0];
        ByteBuffer vs = m.state[1];
        ByteBuffer u = m.update;
        int xAt = m.thetaAt;
        int yAt = m.gradientAt;
        int msAt = m.stateAt[0];
        int vsAt = m.stateAt[1];
        int uAt = m.updateAt;
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            int b = 4 * i;
            FloatVector xi = FloatVector.fromByteBuffer(S, x, xAt + b, ORDER);
            FloatVector g = FloatVector.fromByteBuffer(S, y, yAt + b, ORDER);
            FloatVector mi = FloatVector.fromByteBuffer(S, ms, msAt + b, ORDER).mul(b1).add(g.mul(a1));
            FloatVector vi = FloatVector.fromByteBuffer(S, vs, vsAt + b, ORDER).mul(b2).add(g.mul(a2).mul(g));
            mi.intoByteBuffer(ms, msAt + b, ORDER);
            vi.intoByteBuffer(vs, vsAt + b, ORDER);
            FloatVector newX = xi.sub(mi.mul(step).div(vi.mul(unbias).lanewise(VectorOperators.SQRT).add(eps)));
            if (u != null) {
                xi.sub(newX).intoByteBuffer(u, uAt + b, ORDER);
            }
            newX.intoByteBuffer(x, xAt + b, ORDER);
        }
        for (; i < to; i++) {
            int b = 4 * i;
            float xi = x.getFloat(xAt + b);
            float g = y.getFloat(yAt + b);
            float mi = b1 * ms.getFloat(msAt + b) + a1 * g;
            float vi = b2 * vs.getFloat(vsAt + b) + a2 * g * g;
            ms.putFloat(msAt + b, mi);
            vs.putFloat(vsAt + b, vi);
            float newX = xi - step * mi / ((float) Math.sqrt(vi * unbias) + eps);
            if (u != null) {
                u.putFloat(uAt + b, xi - newX);
            }
            x.putFloat(xAt + b, newX);
        }
    }
}
