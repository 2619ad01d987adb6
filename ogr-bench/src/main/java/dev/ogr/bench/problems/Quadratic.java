package dev.ogr.bench.problems;

import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import dev.ogr.core.Vectors;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The quadratic f(θ) = ½·θᵀHθ with H = Pᵀ·diag(h)·P, eigenvalues h log-spaced from 1 down to 1/cond, minimum 0
 * at θ* = 0, started at a seeded θ₀ ~ N(0, I). Axis-aligned, P = I; rotated, P = R₀R₁R₂ is a product of three
 * seeded Householder reflections Rₖ = I − 2uₖuₖᵀ, so H is dense but applying it costs O(D). With noise σ &gt; 0 a sample is
 * f(θ) + σ·ξᵀθ with a fresh standard normal ξ per step (gradient Hθ + σξ).
 *
 * <p>Not thread-safe: samples share scratch arrays.
 */
public final class Quadratic implements Objective {

    private static final int REFLECTIONS = 3;

    private final int dim;
    private final double cond;
    private final boolean rotated;
    private final double noise;
    private final long seed;
    private final INDArray eigenvalues;
    private final INDArray[] reflections;
    private final INDArray z;

    /** A quadratic of dimension {@code dim} and condition number {@code cond}. */
    public Quadratic(int dim, double cond, boolean rotated, double noise, long seed) {
        this.dim = dim;
        this.cond = cond;
        this.rotated = rotated;
        this.noise = noise;
        this.seed = seed;
        double[] h = new double[dim];
        for (int i = 0; i < dim; i++) {
            h[i] = dim == 1 ? 1 : Math.pow(cond, -(double) i / (dim - 1));
        }
        eigenvalues = Nd4j.createFromArray(h);
        reflections = new INDArray[rotated ? REFLECTIONS : 0];
        for (int k = 0; k < reflections.length; k++) {
            INDArray u = gaussian(Seeds.mix(seed, -1 - k), dim);
            reflections[k] = u.divi(u.norm2Number());
        }
        z = Nd4j.zeros(DataType.DOUBLE, dim);
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
        INDArray xi = noise > 0 ? gaussian(Seeds.mix(seed, step), dim).muli(noise) : null;
        return new Sample() {
            @Override
            public double lossAndGradient(INDArray theta, INDArray gradient) {
                double f = curvatureProduct(theta, gradient);
                if (xi != null) {
                    f += Vectors.dot(xi, theta);
                    gradient.addi(xi.reshape(gradient.shape()));
                }
                return f;
            }

            @Override
            public double loss(INDArray theta) {
                double f = Quadratic.this.loss(theta);
                return xi == null ? f : f + Vectors.dot(xi, theta);
            }
        };
    }

    @Override
    public double loss(INDArray theta) {
        toEigenbasis(theta);
        return 0.5 * Vectors.dot(z, z.mul(eigenvalues)); // ½ Σ h_i z_i²
    }

    /** Writes Hθ = Pᵀ(h ⊙ Pθ) into {@code out} and returns ½θᵀHθ. */
    private double curvatureProduct(INDArray theta, INDArray out) {
        toEigenbasis(theta);
        double f = 0.5 * Vectors.dot(z, z.mul(eigenvalues));
        z.muli(eigenvalues);
        for (int k = 0; k < reflections.length; k++) {
            reflect(reflections[k], z);
        }
        out.assign(z.reshape(out.shape()));
        return f;
    }

    /** z ← Pθ = R₀R₁R₂θ (R₂ applied first); {@link #curvatureProduct} then applies Pᵀ = R₂R₁R₀ (R₀ first). */
    private void toEigenbasis(INDArray theta) {
        z.assign(theta.reshape(dim));
        for (int k = reflections.length - 1; k >= 0; k--) {
            reflect(reflections[k], z);
        }
    }

    private static void reflect(INDArray u, INDArray x) {
        Vectors.axpy(-2 * Vectors.dot(u, x), u, x);
    }

    private static INDArray gaussian(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 1.0 - r.nextDouble();
            v[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return Nd4j.createFromArray(v);
    }
}
