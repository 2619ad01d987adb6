package dev.ogr.bench.problems;

import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import dev.ogr.core.kernel.Vec;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The quadratic f(θ) = ½·θᵀHθ with H = Pᵀ·diag(h)·P, eigenvalues h log-spaced from 1 down to 1/cond, minimum 0
 * at θ* = 0, started at a seeded θ₀ ~ N(0, I). Axis-aligned, P = I; rotated, P = R₀R₁R₂ is a product of three
 * seeded Householder reflections Rₖ = I − 2uₖuₖᵀ, so H is dense but applying it costs O(D). With noise σ &gt; 0 a sample is
 * f(θ) + σ·ξᵀθ with a fresh standard normal ξ per step (gradient Hθ + σξ).
 The loss and gradient run as plain Java loops over copies of θ (no ND4J op per evaluation).
 */
public final class Quadratic implements Objective {

    private static final int REFLECTIONS = 3;

    private final int dim;
    private final double cond;
    private final boolean rotated;
    private final double noise;
    private final long seed;
    private final double[] h;
    private final INDArray eigenvalues;
    private final double[][] reflections;

    /** A quadratic of dimension {@code dim} and condition number {@code cond}. */
    public Quadratic(int dim, double cond, boolean rotated, double noise, long seed) {
        this.dim = dim;
        this.cond = cond;
        this.rotated = rotated;
        this.noise = noise;
        this.seed = seed;
        h = new double[dim];
        for (int i = 0; i < dim; i++) {
            h[i] = dim == 1 ? 1 : Math.pow(cond, -(double) i / (dim - 1));
        }
        eigenvalues = Nd4j.createFromArray(h);
        reflections = new double[rotated ? REFLECTIONS : 0][];
        for (int k = 0; k < reflections.length; k++) {
            double[] u = gaussianArray(Seeds.mix(seed, -1 - k), dim);
            double norm = Math.sqrt(java.util.Arrays.stream(u).map(x -> x * x).sum());
            for (int i = 0; i < dim; i++) {
                u[i] /= norm;
            }
            reflections[k] = u;
        }
    }

    /** The eigenvalues h of the Hessian (a live array; do not modify). */
    public INDArray eigenvalues() {
        return eigenvalues;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "quadratic(dim=%d, cond=%s, rotated=%s, noise=%s)", dim, cond, rotated,
                noise);
    }

    @Override
    public long dimension() {
        return dim;
    }

    @Override
    public INDArray initialPoint() {
        return gaussian(Seeds.mix(seed, -100), dim);
    }

    @Override
    public Sample sample(long step) {
        double[] xi = noise > 0 ? gaussianArray(Seeds.mix(seed, step), dim) : null;
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
                double f = curvatureProduct(t, g);
                if (xi != null) {
                    for (int i = 0; i < dim; i++) {
                        f += xi[i] * t[i];
                        g[i] += xi[i];
                    }
                }
                Vec out = Vec.of(gradient);
                for (int i = 0; i < dim; i++) {
                    out.set(i, g[i]);
                }
                return f;
            }

            @Override
            public double loss(INDArray theta) {
                double[] t = read(theta);
                double f = Quadratic.this.loss(t);
                if (xi != null) {
                    for (int i = 0; i < dim; i++) {
                        f += xi[i] * t[i];
                    }
                }
                return f;
            }
        };
    }

    @Override
    public double loss(INDArray theta) {
        return loss(read(theta));
    }

    private double loss(double[] theta) {
        double[] z = toEigenbasis(theta);
        double f = 0;
        for (int i = 0; i < dim; i++) {
            f += h[i] * z[i] * z[i];
        }
        return 0.5 * f; // ½ Σ h_i z_i²
    }

    /** Writes Hθ = Pᵀ(h ⊙ Pθ) into {@code out} and returns ½θᵀHθ. */
    private double curvatureProduct(double[] theta, double[] out) {
        double[] z = toEigenbasis(theta);
        double f = 0;
        for (int i = 0; i < dim; i++) {
            f += h[i] * z[i] * z[i];
            out[i] = h[i] * z[i];
        }
        for (double[] u : reflections) {
            reflect(u, out);
        }
        return 0.5 * f;
    }

    /** Pθ = R₀R₁R₂θ (R₂ applied first); {@link #curvatureProduct} then applies Pᵀ = R₂R₁R₀ (R₀ first). */
    private double[] toEigenbasis(double[] theta) {
        double[] z = theta.clone();
        for (int k = reflections.length - 1; k >= 0; k--) {
            reflect(reflections[k], z);
        }
        return z;
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

    private double[] read(INDArray theta) {
        Vec v = Vec.of(theta);
        double[] t = new double[dim];
        for (int i = 0; i < dim; i++) {
            t[i] = v.get(i);
        }
        return t;
    }

    private static INDArray gaussian(long seed, int n) {
        return Nd4j.createFromArray(gaussianArray(seed, n));
    }

    private static double[] gaussianArray(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 1.0 - r.nextDouble();
            v[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return v;
    }
}
