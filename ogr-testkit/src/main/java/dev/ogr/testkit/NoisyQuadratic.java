package dev.ogr.testkit;

import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The problem the strategy contract runs on unless told otherwise: a rotated quadratic with gradient noise whose
 * samples are exact functions, so that every number about it follows from its definition.
 *
 * <p>f(θ) = ½ Σ h_i z_i² with z = P(θ − 1) (the minimum 0 is at θ* = (1, ..., 1)), eigenvalues h_i = cond^(−i/(D−1))
 * log-spaced from 1 down to 1/cond, and P = R₁R₀ a product of two seeded Householder reflections
 * R_k = I − 2u_ku_kᵀ (dense, but applying it costs O(D)). The start θ₀ has seeded standard normal entries. The sample
 * of step t is f(θ) + ξ_tᵀ(θ − θ*) with ξ_t ~ σ·N(0, I) drawn from (seed, t) alone, so its gradient Pᵀ(h ⊙ z) + ξ_t
 * is the exact gradient of its loss, and the same (seed, t) always gives the same sample. Parameters of any data
 * type are read as doubles and gradients written in their type.
 */
public final class NoisyQuadratic implements Objective {

    private final int dim;
    private final double cond;
    private final double noise;
    private final long seed;
    private final double[] h;
    private final double[][] reflections;

    private NoisyQuadratic(int dim, double cond, double noise, long seed) {
        if (dim < 1 || !(cond >= 1) || Double.isInfinite(cond) || !(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("a noisy quadratic needs dim >= 1, a finite cond >= 1 and a finite"
                    + " noise >= 0, got dim " + dim + ", cond " + cond + ", noise " + noise);
        }
        this.dim = dim;
        this.cond = cond;
        this.noise = noise;
        this.seed = seed;
        h = new double[dim];
        for (int i = 0; i < dim; i++) {
            h[i] = dim == 1 ? 1 : Math.pow(cond, -(double) i / (dim - 1));
        }
        reflections = new double[2][];
        for (int k = 0; k < reflections.length; k++) {
            double[] u = normals(mix(seed, -1 - k), dim);
            double norm = 0;
            for (double v : u) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < dim; i++) {
                u[i] /= norm;
            }
            reflections[k] = u;
        }
    }

    /**
     * The quadratic of dimension {@code dim}, condition number {@code cond} and gradient noise σ = {@code noise}
     * per coordinate, seeded with {@code seed}.
     */
    public static NoisyQuadratic of(int dim, double cond, double noise, long seed) {
        return new NoisyQuadratic(dim, cond, noise, seed);
    }

    /**
     * The contract's default: D = 1100 (a full block of the fused pass's 1024 coordinates and a partial one),
     * cond = 100, σ = 0.01.
     */
    public static NoisyQuadratic standard(long seed) {
        return of(1100, 100, 0.01, seed);
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "noisy-quadratic(dim=%d, cond=%s, noise=%s, seed=%d)", dim, cond, noise,
                seed);
    }

    @Override
    public long dimension() {
        return dim;
    }

    @Override
    public INDArray initialPoint() {
        return Nd4j.createFromArray(normals(mix(seed, -100), dim));
    }

    /** The eigenvalues h_i of the Hessian, largest first (a copy). */
    public double[] eigenvalues() {
        return h.clone();
    }

    /** The coordinates z = P(θ − θ*) of {@code theta} in the Hessian's eigenbasis, relative to the minimum. */
    public double[] eigencoordinates(double[] theta) {
        double[] z = new double[dim];
        for (int i = 0; i < dim; i++) {
            z[i] = theta[i] - 1;
        }
        for (int k = 0; k < reflections.length; k++) { // R₀ first, then R₁: z = R₁R₀(θ − θ*)
            reflect(reflections[k], z);
        }
        return z;
    }

    @Override
    public Sample sample(long step) {
        double[] xi = noise > 0 ? normals(mix(seed, step), dim) : null;
        if (xi != null) {
            for (int i = 0; i < dim; i++) {
                xi[i] *= noise;
            }
        }
        return new Sample() {
            @Override
            public double lossAndGradient(INDArray theta, INDArray gradient) {
                double[] t = read(theta);
                double[] g = new double[dim];
                double f = value(t, g, xi);
                gradient.assign(Nd4j.createFromArray(g).castTo(gradient.dataType()));
                return f;
            }

            @Override
            public double loss(INDArray theta) {
                return value(read(theta), null, xi);
            }
        };
    }

    @Override
    public double loss(INDArray theta) {
        return value(read(theta), null, null);
    }

    /** The loss at {@code t} plus ξᵀ(t − θ*) when {@code xi} is given; the gradient into {@code g} when given. */
    private double value(double[] t, double[] g, double[] xi) {
        double[] z = eigencoordinates(t);
        double f = 0;
        for (int i = 0; i < dim; i++) {
            f += h[i] * z[i] * z[i];
        }
        f *= 0.5;
        if (g != null) {
            for (int i = 0; i < dim; i++) {
                g[i] = h[i] * z[i];
            }
            for (int k = reflections.length - 1; k >= 0; k--) { // Pᵀ = R₀R₁: R₁ first
                reflect(reflections[k], g);
            }
        }
        if (xi != null) {
            for (int i = 0; i < dim; i++) {
                f += xi[i] * (t[i] - 1);
                if (g != null) {
                    g[i] += xi[i];
                }
            }
        }
        return f;
    }

    private double[] read(INDArray theta) {
        if (theta.length() != dim) {
            throw new IllegalArgumentException(name() + " takes " + dim + " parameters, got " + theta.length());
        }
        return theta.dataType() == DataType.DOUBLE ? theta.toDoubleVector()
                : theta.castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** x ← (I − 2uuᵀ)x for a unit vector u. */
    private static void reflect(double[] u, double[] x) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d += u[i] * x[i];
        }
        for (int i = 0; i < x.length; i++) {
            x[i] -= 2 * d * u[i];
        }
    }

    /** {@code n} standard normal numbers (Box–Muller) from the stream of {@code seed}. */
    static double[] normals(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 1.0 - r.nextDouble();
            v[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return v;
    }

    /** A well-mixed seed for stream {@code index} of {@code seed} (the SplitMix64 finaliser). */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
