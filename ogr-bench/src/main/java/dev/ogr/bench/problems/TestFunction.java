package dev.ogr.bench.problems;

import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A two-dimensional test function of the notebooks' test bed with an analytic gradient. With noise σ &gt; 0 a
 * sample is f(θ) + σ·ξᵀ(θ − θ*) for a fresh standard normal ξ, so its gradient is ∇f + σ·ξ and its loss probes
 * agree with its gradient.
 */
public final class TestFunction implements Objective {

    /** The functions available. */
    public enum Shape {
        /** (1−x)² + 100(y−x²)², minimum at (1, 1). */
        ROSENBROCK(1, 1),
        /** Beale's function, minimum at (3, 0.5). */
        BEALE(3, 0.5),
        /** The saddle x² − y² (unbounded below; the saddle point is at the origin). */
        SADDLE(0, 0);

        private final double minX;
        private final double minY;

        Shape(double minX, double minY) {
            this.minX = minX;
            this.minY = minY;
        }
    }

    private final Shape shape;
    private final double x0;
    private final double y0;
    private final double noise;
    private final long seed;

    /** A test function started at (x0, y0) with gradient noise σ = {@code noise}. */
    public TestFunction(Shape shape, double x0, double y0, double noise, long seed) {
        this.shape = shape;
        this.x0 = x0;
        this.y0 = y0;
        this.noise = noise;
        this.seed = seed;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "%s(x0=%s, y0=%s, noise=%s)", shape.name().toLowerCase(Locale.ROOT),
                x0, y0, noise);
    }

    @Override
    public long dimension() {
        return 2;
    }

    @Override
    public INDArray initialPoint() {
        return Nd4j.createFromArray(x0, y0);
    }

    @Override
    public Sample sample(long step) {
        double ex = 0;
        double ey = 0;
        if (noise > 0) {
            SplittableRandom r = new SplittableRandom(Seeds.mix(seed, step));
            ex = noise * gaussian(r);
            ey = noise * gaussian(r);
        }
        double nx = ex;
        double ny = ey;
        return new Sample() {
            @Override
            public double lossAndGradient(INDArray theta, INDArray gradient) {
                double x = theta.getDouble(0);
                double y = theta.getDouble(1);
                double[] g = new double[2];
                double f = value(x, y, g);
                gradient.putScalar(0, g[0] + nx);
                gradient.putScalar(1, g[1] + ny);
                return f + nx * (x - shape.minX) + ny * (y - shape.minY);
            }

            @Override
            public double loss(INDArray theta) {
                double x = theta.getDouble(0);
                double y = theta.getDouble(1);
                return value(x, y, null) + nx * (x - shape.minX) + ny * (y - shape.minY);
            }
        };
    }

    @Override
    public double loss(INDArray theta) {
        return value(theta.getDouble(0), theta.getDouble(1), null);
    }

    /** f(x, y); writes ∇f into {@code g} when it is not null. */
    double value(double x, double y, double[] g) {
        switch (shape) {
            case ROSENBROCK -> {
                double a = 1 - x;
                double b = y - x * x;
                if (g != null) {
                    g[0] = -2 * a - 400 * x * b;
                    g[1] = 200 * b;
                }
                return a * a + 100 * b * b;
            }
            case BEALE -> {
                double t1 = 1.5 - x + x * y;
                double t2 = 2.25 - x + x * y * y;
                double t3 = 2.625 - x + x * y * y * y;
                if (g != null) {
                    g[0] = 2 * t1 * (y - 1) + 2 * t2 * (y * y - 1) + 2 * t3 * (y * y * y - 1);
                    g[1] = 2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y * y;
                }
                return t1 * t1 + t2 * t2 + t3 * t3;
            }
            case SADDLE -> {
                if (g != null) {
                    g[0] = 2 * x;
                    g[1] = -2 * y;
                }
                return x * x - y * y;
            }
            default -> throw new AssertionError(shape);
        }
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller, one of the pair
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
