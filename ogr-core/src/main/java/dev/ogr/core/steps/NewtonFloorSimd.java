package dev.ogr.core.steps;

import dev.ogr.core.exec.DirectFloatKernel;
import dev.ogr.core.exec.DirectFloatMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The newton-floor kernel's float form in the Vector API over host memory: operation for operation the lane form of
 * {@link NewtonFloorStep} (m ← β·m + (1 − β)·g, c = div·|cov/vθ| or div·√(vg/vθ), θ − m / max(c, floor), the guarded
 * double form where c is not finite), so the same values bit for bit. A vector with a guarded element, and the last
 * elements of a range, run element by element.
 */
abstract class NewtonFloorSimd implements DirectFloatKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    final NewtonFloorStep rule;

    NewtonFloorSimd(NewtonFloorStep rule) {
        this.rule = rule;
    }

    /** The form for {@code rule}'s curvature: one class each, so that each has its own compiled loop. */
    static NewtonFloorSimd of(NewtonFloorStep rule) {
        return rule.slope ? new Slope(rule) : new Sigma(rule);
    }

    /** c = div·|cov(g, θ)/var(θ)|. */
    private static final class Slope extends NewtonFloorSimd {
        Slope(NewtonFloorStep rule) {
            super(rule);
        }

        @Override
        public void compute(DirectFloatMemory m, int from, int to, double learningRate) {
            float d = (float) rule.div;
            double floor = rule.cut > 0 ? rule.cut : 1 / learningRate;
            ByteBuffer vx = m.varX;
            ByteBuffer cov = m.covariance;
            int vxAt = m.statisticsAt[2];
            int covAt = m.statisticsAt[4];
            int i = from;
            for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
                int b = 4 * i;
                FloatVector curvature = FloatVector.fromByteBuffer(S, cov, covAt + b, ORDER)
                        .div(FloatVector.fromByteBuffer(S, vx, vxAt + b, ORDER)).abs().mul(d);
                step(m, i, curvature, floor, cov, covAt);
            }
            for (; i < to; i++) {
                element(m, i, floor, cov, covAt);
            }
        }
    }

    /** c = div·√(var(g)/var(θ)). */
    private static final class Sigma extends NewtonFloorSimd {
        Sigma(NewtonFloorStep rule) {
            super(rule);
        }

        @Override
        public void compute(DirectFloatMemory m, int from, int to, double learningRate) {
            float d = (float) rule.div;
            double floor = rule.cut > 0 ? rule.cut : 1 / learningRate;
            ByteBuffer vx = m.varX;
            ByteBuffer vy = m.varY;
            int vxAt = m.statisticsAt[2];
            int vyAt = m.statisticsAt[3];
            int i = from;
            for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
                int b = 4 * i;
                FloatVector curvature = FloatVector.fromByteBuffer(S, vy, vyAt + b, ORDER)
                        .div(FloatVector.fromByteBuffer(S, vx, vxAt + b, ORDER)).lanewise(VectorOperators.SQRT)
                        .mul(d);
                step(m, i, curvature, floor, vy, vyAt);
            }
            for (; i < to; i++) {
                element(m, i, floor, vy, vyAt);
            }
        }
    }

    /** The vector of coordinates from i, given its curvature. */
    final void step(DirectFloatMemory m, int i, FloatVector curvature, double floor, ByteBuffer second,
            int secondAt) {
        if (!curvature.test(VectorOperators.IS_FINITE).allTrue()) {
            for (int j = i; j < i + S.length(); j++) {
                element(m, j, floor, second, secondAt);
            }
            return;
        }
        float keep = (float) rule.momentum;
        float take = (float) (1 - rule.momentum);
        int b = 4 * i;
        FloatVector xi = FloatVector.fromByteBuffer(S, m.theta, m.thetaAt + b, ORDER);
        FloatVector newM = FloatVector.fromByteBuffer(S, m.state[0], m.stateAt[0] + b, ORDER).mul(keep)
                .add(FloatVector.fromByteBuffer(S, m.gradient, m.gradientAt + b, ORDER).mul(take));
        FloatVector newX = xi.sub(newM.div(curvature.max((float) floor)));
        newM.intoByteBuffer(m.state[0], m.stateAt[0] + b, ORDER);
        if (m.update != null) {
            xi.sub(newX).intoByteBuffer(m.update, m.updateAt + b, ORDER);
        }
        newX.intoByteBuffer(m.theta, m.thetaAt + b, ORDER);
    }

    /** Coordinate i as the lane form computes it. */
    final void element(DirectFloatMemory m, int i, double floor, ByteBuffer second, int secondAt) {
        float keep = (float) rule.momentum;
        float take = (float) (1 - rule.momentum);
        float d = (float) rule.div;
        float f = (float) floor;
        int b = 4 * i;
        float xi = m.theta.getFloat(m.thetaAt + b);
        float yi = m.gradient.getFloat(m.gradientAt + b);
        float vxi = m.varX.getFloat(m.statisticsAt[2] + b);
        float si = second.getFloat(secondAt + b);
        float mi = m.state[0].getFloat(m.stateAt[0] + b);
        float newM = keep * mi + take * yi;
        float curvature = rule.slope ? d * Math.abs(si / vxi) : d * (float) Math.sqrt(si / vxi);
        float newX;
        if (Float.isFinite(curvature)) {
            newX = xi - newM / Math.max(curvature, f);
        } else {
            double momentum = rule.momentum;
            double md = momentum * mi + (1 - momentum) * yi;
            newM = (float) md;
            double dc = rule.div * (rule.slope ? Math.abs(si / (double) vxi) : Math.sqrt(si / (double) vxi));
            double scale = Double.isFinite(dc) && dc > floor ? dc : floor;
            newX = (float) (xi + -md / scale);
        }
        m.state[0].putFloat(m.stateAt[0] + b, newM);
        if (m.update != null) {
            m.update.putFloat(m.updateAt + b, xi - newX);
        }
        m.theta.putFloat(m.thetaAt + b, newX);
    }
}
