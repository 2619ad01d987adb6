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
 * The confidence-eta kernel's float form in the Vector API over host memory: operation for operation the lane form of
 * {@link ConfidenceEtaStep} (λ = cov/vθ, the residual noise ν ← β·ν + (1 − β)·r², θ − α·g / (|λ| + γ·√(ν/vθ)), the
 * guarded double form where the fit is undefined), so the same values bit for bit. Before two observations every
 * coordinate takes the gradient step. A vector with a guarded element, and the last elements of a range, run element
 * by element.
 */
final class ConfidenceEtaSimd implements DirectFloatKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final ConfidenceEtaStep rule;

    ConfidenceEtaSimd(ConfidenceEtaStep rule) {
        this.rule = rule;
    }

    @Override
    public void compute(DirectFloatMemory m, int from, int to, double learningRate) {
        ByteBuffer x = m.theta;
        ByteBuffer y = m.gradient;
        ByteBuffer u = m.update;
        int xAt = m.thetaAt;
        int yAt = m.gradientAt;
        int uAt = m.updateAt;
        if (!(m.observations >= 2)) { // no fit yet: gradient steps, ν unchanged
            float step = (float) learningRate;
            for (int i = from; i < to; i++) {
                int o = 4 * i;
                float xi = x.getFloat(xAt + o);
                float newX = xi - step * y.getFloat(yAt + o);
                if (u != null) {
                    u.putFloat(uAt + o, xi - newX);
                }
                x.putFloat(xAt + o, newX);
            }
            return;
        }
        float keep = (float) rule.beta;
        float take = (float) (1 - rule.beta);
        float gam = (float) rule.gamma;
        float a = (float) rule.alpha;
        ByteBuffer mx = m.meanX;
        ByteBuffer my = m.meanY;
        ByteBuffer vx = m.varX;
        ByteBuffer cxy = m.covariance;
        ByteBuffer nu = m.state[0];
        int[] at = m.statisticsAt;
        int nuAt = m.stateAt[0];
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            int o = 4 * i;
            FloatVector xi = FloatVector.fromByteBuffer(S, x, xAt + o, ORDER);
            FloatVector yi = FloatVector.fromByteBuffer(S, y, yAt + o, ORDER);
            FloatVector vxi = FloatVector.fromByteBuffer(S, vx, at[2] + o, ORDER);
            FloatVector lambda = FloatVector.fromByteBuffer(S, cxy, at[4] + o, ORDER).div(vxi);
            FloatVector residual = yi.sub(FloatVector.fromByteBuffer(S, my, at[1] + o, ORDER))
                    .sub(lambda.mul(xi.sub(FloatVector.fromByteBuffer(S, mx, at[0] + o, ORDER))));
            FloatVector newNu = FloatVector.fromByteBuffer(S, nu, nuAt + o, ORDER).mul(keep)
                    .add(residual.mul(take).mul(residual));
            FloatVector den = lambda.abs().add(newNu.div(vxi).lanewise(VectorOperators.SQRT).mul(gam));
            FloatVector check = den.mul(vxi).add(lambda.mul(0f));
            if (!check.compare(VectorOperators.GT, 0f).and(check.test(VectorOperators.IS_FINITE)).allTrue()) {
                for (int j = i; j < i + S.length(); j++) {
                    element(m, j, keep, take, gam, a, learningRate);
                }
                continue;
            }
            FloatVector newX = xi.sub(yi.mul(a).div(den));
            newNu.intoByteBuffer(nu, nuAt + o, ORDER);
            if (u != null) {
                xi.sub(newX).intoByteBuffer(u, uAt + o, ORDER);
            }
            newX.intoByteBuffer(x, xAt + o, ORDER);
        }
        for (; i < to; i++) {
            element(m, i, keep, take, gam, a, learningRate);
        }
    }

    /** Coordinate i (after two observations) as the lane form computes it. */
    private void element(DirectFloatMemory m, int i, float keep, float take, float gam, float a, double learningRate) {
        int o = 4 * i;
        int[] at = m.statisticsAt;
        float xi = m.theta.getFloat(m.thetaAt + o);
        float yi = m.gradient.getFloat(m.gradientAt + o);
        float mxi = m.meanX.getFloat(at[0] + o);
        float myi = m.meanY.getFloat(at[1] + o);
        float vxi = m.varX.getFloat(at[2] + o);
        float ci = m.covariance.getFloat(at[4] + o);
        float nui = m.state[0].getFloat(m.stateAt[0] + o);
        float lambda = ci / vxi;
        float residual = yi - myi - lambda * (xi - mxi);
        float newNu = keep * nui + take * residual * residual;
        float den = Math.abs(lambda) + gam * (float) Math.sqrt(newNu / vxi);
        float check = den * vxi + 0f * lambda;
        float newX;
        if (FloatLanes.positiveFinite(check)) {
            newX = xi - a * yi / den;
        } else {
            double g = yi;
            double d = -learningRate * g;
            double varX = vxi;
            double lambdaD = ci / varX;
            newNu = nui;
            if (varX > 0 && Double.isFinite(lambdaD)) {
                double r = g - myi - lambdaD * (xi - (double) mxi);
                double n = rule.beta * nui + (1 - rule.beta) * r * r;
                newNu = (float) n;
                double denominator = Math.abs(lambdaD) + rule.gamma * Math.sqrt(n / varX);
                d = denominator > 0 ? -rule.alpha * g / denominator : d;
            }
            newX = (float) (xi + d);
        }
        m.state[0].putFloat(m.stateAt[0] + o, newNu);
        if (m.update != null) {
            m.update.putFloat(m.updateAt + o, xi - newX);
        }
        m.theta.putFloat(m.thetaAt + o, newX);
    }
}
