package dev.ogr.core.steps;

import dev.ogr.core.exec.DirectFloatKernel;
import dev.ogr.core.exec.DirectFloatMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The heavy-ball and Nesterov kernels' float form in the Vector API over host memory: operation for operation the lane
 * form of {@link FirstOrderSteps.Momentum} (v ← β·v + g; θ − η·v, or θ − η·(g + β·v)), so the same values bit for
 * bit; one class per variant (one compiled loop each), the last elements of a range as scalars.
 */
abstract class MomentumSimd implements DirectFloatKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    final float beta;

    MomentumSimd(FirstOrderSteps.Momentum rule) {
        this.beta = (float) rule.beta;
    }

    /** The form for {@code rule}'s variant. */
    static MomentumSimd of(FirstOrderSteps.Momentum rule) {
        return rule.nesterov ? new Nesterov(rule) : new HeavyBall(rule);
    }

    /** θ − η·v. */
    private static final class HeavyBall extends MomentumSimd {
        HeavyBall(FirstOrderSteps.Momentum rule) {
            super(rule);
        }

        @Override
        public void compute(DirectFloatMemory m, int from, int to, double learningRate) {
            float b = beta;
            float step = (float) learningRate;
            ByteBuffer x = m.theta;
            ByteBuffer y = m.gradient;
            ByteBuffer vs = m.state[0];
            ByteBuffer u = m.update;
            int xAt = m.thetaAt;
            int yAt = m.gradientAt;
            int vsAt = m.stateAt[0];
            int uAt = m.updateAt;
            int i = from;
            for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
                int o = 4 * i;
                FloatVector xi = FloatVector.fromByteBuffer(S, x, xAt + o, ORDER);
                FloatVector v = FloatVector.fromByteBuffer(S, vs, vsAt + o, ORDER).mul(b)
                        .add(FloatVector.fromByteBuffer(S, y, yAt + o, ORDER));
                v.intoByteBuffer(vs, vsAt + o, ORDER);
                FloatVector newX = xi.sub(v.mul(step));
                if (u != null) {
                    xi.sub(newX).intoByteBuffer(u, uAt + o, ORDER);
                }
                newX.intoByteBuffer(x, xAt + o, ORDER);
            }
            for (; i < to; i++) {
                int o = 4 * i;
                float xi = x.getFloat(xAt + o);
                float v = b * vs.getFloat(vsAt + o) + y.getFloat(yAt + o);
                vs.putFloat(vsAt + o, v);
                float newX = xi - step * v;
                if (u != null) {
                    u.putFloat(uAt + o, xi - newX);
                }
                x.putFloat(xAt + o, newX);
            }
        }
    }

    /** θ − η·(g + β·v). */
    private static final class Nesterov extends MomentumSimd {
        Nesterov(FirstOrderSteps.Momentum rule) {
            super(rule);
        }

        @Override
        public void compute(DirectFloatMemory m, int from, int to, double learningRate) {
            float b = beta;
            float step = (float) learningRate;
            ByteBuffer x = m.theta;
            ByteBuffer y = m.gradient;
            ByteBuffer vs = m.state[0];
            ByteBuffer u = m.update;
            int xAt = m.thetaAt;
            int yAt = m.gradientAt;
            int vsAt = m.stateAt[0];
            int uAt = m.updateAt;
            int i = from;
            for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
                int o = 4 * i;
                FloatVector xi = FloatVector.fromByteBuffer(S, x, xAt + o, ORDER);
                FloatVector g = FloatVector.fromByteBuffer(S, y, yAt + o, ORDER);
                FloatVector v = FloatVector.fromByteBuffer(S, vs, vsAt + o, ORDER).mul(b).add(g);
                v.intoByteBuffer(vs, vsAt + o, ORDER);
                FloatVector newX = xi.sub(g.add(v.mul(b)).mul(step));
                if (u != null) {
                    xi.sub(newX).intoByteBuffer(u, uAt + o, ORDER);
                }
                newX.intoByteBuffer(x, xAt + o, ORDER);
            }
            for (; i < to; i++) {
                int o = 4 * i;
                float xi = x.getFloat(xAt + o);
                float g = y.getFloat(yAt + o);
                float v = b * vs.getFloat(vsAt + o) + g;
                vs.putFloat(vsAt + o, v);
                float newX = xi - step * (g + b * v);
                if (u != null) {
                    u.putFloat(uAt + o, xi - newX);
                }
                x.putFloat(xAt + o, newX);
            }
        }
    }
}
