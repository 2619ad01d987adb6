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
        SADDLE(0, 0),
        /** Matyas' function 0.26(x² + y²) − 0.48xy, minimum 0 at (0, 0). */
        MATYAS(0, 0),
        /** Goldstein-Price's function minus 3, its minimum value, so the minimum is 0 at (0, −1). */
        GOLDSTEIN_PRICE(0, -1),
        /** The three-hump camel 2x² − 1.05x⁴ + x⁶/6 + xy + y², minimum 0 at (0, 0). */
        THREE_HUMP_CAMEL(0, 0),
        /** x² + (y² − 2)²/4: a saddle at the origin (value 1) between the minima 0 at (0, ±√2). */
        DOUBLE_WELL(0, Math.sqrt(2));

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
        return String.format(Locale.ROOT, "%s(x0=%s, y0=%s, noise=%s)", shape.name().toLowerCase(Locale.ROOT).replace('_', '-'),
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
            case MATYAS -> {
                if (g != null) {
                    g[0] = 0.52 * x - 0.48 * y;
                    g[1] = 0.52 * y - 0.48 * x;
                }
                return 0.26 * (x * x + y * y) - 0.48 * x * y;
            }
            case GOLDSTEIN_PRICE -> {
                return goldsteinPrice(x, y, g);
            }
            case THREE_HUMP_CAMEL -> {
                double x2 = x * x;
                if (g != null) {
                    g[0] = 4 * x - 4.2 * x2 * x + x2 * x2 * x + y;
                    g[1] = x + 2 * y;
                }
                return 2 * x2 - 1.05 * x2 * x2 + x2 * x2 * x2 / 6 + x * y + y * y;
            }
            case DOUBLE_WELL -> {
                double w = y * y - 2;
                if (g != null) {
                    g[0] = 2 * x;
                    g[1] = w * y;
                }
                return x * x + w * w / 4;
            }
            default -> throw new AssertionError(shape);
        }
    }

    /**
     * Goldstein-Price's f = [1 + (x+y+1)²·a]·[30 + (2x−3y)²·b] − 3 with a = 19 − 14x + 3x² − 14y + 6xy + 3y² and
     * b = 18 − 32x + 12x² + 48y − 36xy + 27y².
     */
    private static double goldsteinPrice(double x, double y, double[] g) {
        double s = x + y + 1;
        double a = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
        double u = 2 * x - 3 * y;
        double b = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
        double left = 1 + s * s * a;
        double right = 30 + u * u * b;
        if (g != null) {
            double leftX = 2 * s * a + s * s * (-14 + 6 * x + 6 * y);
            double leftY = 2 * s * a + s * s * (-14 + 6 * x + 6 * y);
            double rightX = 4 * u * b + u * u * (-32 + 24 * x - 36 * y);
            double rightY = -6 * u * b + u * u * (48 - 36 * x + 54 * y);
            g[0] = leftX * right + left * rightX;
            g[1] = leftY * right + left * rightY;
        }
        return left * right - 3;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller, one of the pair
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
