package com.example.ogr;

import dev.ogr.api.Objective;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Sample;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plugin's problem {@code example-bowl}: f(θ) = ½ Σ h_i (θ_i − 1)² with curvatures h_i = 0.01 + 10·i/D (from
 * 0.01 up to nearly 10), the minimum 0 at θ = (1, ..., 1), started at θ = 0, where f = ½ Σ h_i. The sample of step t
 * adds gradient noise ξ_t ~ σ·N(0, I), drawn from (seed, t) alone, as the term ξ_tᵀ(θ − 1) of its loss, so that the
 * sample's gradient h ⊙ (θ − 1) + ξ_t is the exact gradient of the sample's loss.
 */
public final class ExampleBowl implements Objective {

    /** The parameters, with their defaults and ranges (the core validates problem texts against them). */
    public static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer("dim", 1000, 1, 100_000_000, "number of parameters"),
            ParameterSpec.real("noise", 0.01, 0, true, 1e6, true,
                    "standard deviation sigma of the gradient noise per coordinate and step"));

    private final int dim;
    private final double noise;
    private final long seed;
    private final double[] h;

    /** The bowl of {@code dim} parameters with gradient noise σ = {@code noise}, seeded with {@code seed}. */
    public ExampleBowl(int dim, double noise, long seed) {
        if (dim < 1 || !(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("the bowl needs dim >= 1 and a finite noise >= 0, got dim " + dim
                    + ", noise " + noise);
        }
        this.dim = dim;
        this.noise = noise;
        this.seed = seed;
        this.h = new double[dim];
        for (int i = 0; i < dim; i++) {
            h[i] = curvature(i, dim);
        }
    }

    /** The curvature h_i = 0.01 + 10·i/D of coordinate {@code i} of {@code dim}. */
    public static double curvature(int i, int dim) {
        return 0.01 + 10.0 * i / dim;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "example-bowl(dim=%d, noise=%s)", dim, ParameterSpec.format(noise));
    }

    @Override
    public long dimension() {
        return dim;
    }

    @Override
    public INDArray initialPoint() {
        return Nd4j.zeros(DataType.DOUBLE, dim);
    }

    @Override
    public Sample sample(long step) {
        double[] xi = noise > 0 ? new double[dim] : null;
        if (xi != null) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step); // (seed, step) alone
            for (int i = 0; i < dim; i++) {
                xi[i] = noise * random.nextGaussian();
            }
        }
        return new Sample() {
            @Override
            public double lossAndGradient(INDArray theta, INDArray gradient) {
                double[] g = new double[dim];
                double f = value(read(theta), g, xi);
                INDArray out = Nd4j.createFromArray(g);
                gradient.assign(gradient.dataType() == DataType.DOUBLE ? out : out.castTo(gradient.dataType()));
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

    /** ½ Σ h_i (t_i − 1)², plus ξᵀ(t − 1) when {@code xi} is given; the gradient into {@code g} when given. */
    private double value(double[] t, double[] g, double[] xi) {
        double f = 0;
        for (int i = 0; i < dim; i++) {
            double d = t[i] - 1;
            f += 0.5 * h[i] * d * d;
            if (xi != null) {
                f += xi[i] * d;
            }
            if (g != null) {
                g[i] = h[i] * d + (xi != null ? xi[i] : 0);
            }
        }
        return f;
    }

    private double[] read(INDArray theta) {
        if (theta.length() != dim) {
            throw new IllegalArgumentException(name() + " takes " + dim + " parameters, got " + theta.length());
        }
        return (theta.dataType() == DataType.DOUBLE ? theta : theta.castTo(DataType.DOUBLE)).toDoubleVector();
    }
}
