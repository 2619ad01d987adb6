package dev.ogr.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ogr.api.LossProbe;
import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The contract every problem (an {@link Objective} and its samples) must keep: each {@link ProblemRule} is one JUnit 5
 * dynamic test.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> contract() {
 *     return ProblemContract.of("my-problem(dim=20)").tests();   // a problem a plugin registers
 * }
 * }</pre>
 *
 * <p>or {@code ProblemContract.of("my-problem", seed -> new MyProblem(20, seed))} for an objective no plugin
 * registers.
 *
 * <p>The rules look at the samples of steps 0, 1 and 17 (or those given to {@link #steps}) at two points: the initial
 * point θ₀ and θ₁ = θ₀ + 0.1·ξ with ξ a fixed standard normal vector.
 *
 * <p>The finite differences are central, with step h = ε^(1/3)·max(1, |θ_i|) for the machine epsilon ε of the
 * objective's type (so h ≈ 6e-6 in double, 5e-3 in float); their error is of order ε^(2/3) times the scale of the
 * loss and its third derivative (4e-11 in double, 2.4e-5 in float). A coordinate passes when
 * |FD − g_i| ≤ τ·(max(1, ‖g‖∞) + |f|), with τ = 1e-6 in double and 1e-3 in float by default: some 10^4 and 40 times
 * that error, and far below the 1e-2·‖g‖∞ of a gradient off by one per cent.
 */
public final class ProblemContract {

    /** The default gradient tolerance τ for double objectives. */
    public static final double DOUBLE_GRADIENT_TOLERANCE = 1e-6;

    /** The default gradient tolerance τ for float objectives. */
    public static final double FLOAT_GRADIENT_TOLERANCE = 1e-3;

    /** The default number of coordinates whose finite differences are checked, per sample and point. */
    public static final int COORDINATES = 32;

    private final String name;
    private final LongFunction<? extends Objective> objectives;
    private long seed = 1;
    private long[] steps = {0, 1, 17};
    private double gradientTolerance = Double.NaN;
    private int coordinates = COORDINATES;

    private ProblemContract(String name, LongFunction<? extends Objective> objectives) {
        this.name = Objects.requireNonNull(name, "name");
        this.objectives = Objects.requireNonNull(objectives, "objectives");
    }

    /**
     * The contract of the registered problem {@code spec} ({@code name} or {@code name(key=value, ...)}), found among
     * the problems of the plugins on the class path, as {@code ./ogr run --problem} finds it.
     */
    public static ProblemContract of(String spec) {
        return of(Harness.registry(), spec);
    }

    /** The contract of the problem {@code spec}, found in {@code registry}. */
    public static ProblemContract of(dev.ogr.core.plugin.StrategyRegistry registry, String spec) {
        Objects.requireNonNull(registry, "registry");
        return new ProblemContract(spec, seed -> Harness.problem(registry, spec, seed, null));
    }

    /** The contract of the objectives {@code objectives} makes from a seed, called {@code name} in messages. */
    public static ProblemContract of(String name, LongFunction<? extends Objective> objectives) {
        return new ProblemContract(name, objectives);
    }

    /** The seed of the objectives checked (1 by default). */
    public ProblemContract seed(long value) {
        this.seed = value;
        return this;
    }

    /** The steps whose samples are checked (0, 1 and 17 by default). */
    public ProblemContract steps(long... value) {
        if (value.length == 0 || Arrays.stream(value).anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("steps must be one or more indices >= 0, got "
                    + Arrays.toString(value));
        }
        this.steps = value.clone();
        return this;
    }

    /** The gradient tolerance τ (by default {@value #DOUBLE_GRADIENT_TOLERANCE} in double, 1e-3 in float). */
    public ProblemContract gradientTolerance(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the gradient tolerance must be a positive number, got " + value);
        }
        this.gradientTolerance = value;
        return this;
    }

    /** The number of coordinates whose finite differences are checked ({@value #COORDINATES} by default). */
    public ProblemContract coordinates(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("at least one coordinate must be checked, got " + value);
        }
        this.coordinates = value;
        return this;
    }

    /** One dynamic test per rule, in the order of {@link ProblemRule}, named by the rule's title. */
    public Stream<DynamicTest> tests() {
        return Stream.of(ProblemRule.values()).map(rule -> DynamicTest.dynamicTest(rule.title(), () -> check(rule)));
    }

    /** Checks every rule, failing at the first broken one. */
    public void checkAll() {
        for (ProblemRule rule : ProblemRule.values()) {
            check(rule);
        }
    }

    /**
     * Checks one rule.
     *
     * @throws AssertionError naming the problem, the rule and what broke it
     */
    public void check(ProblemRule rule) {
        try {
            switch (rule) {
                case BASICS -> basics();
                case GRADIENT -> gradient();
                case DETERMINISTIC -> deterministic();
                case PROBE -> probe();
                case READ_ONLY -> readOnly();
            }
        } catch (AssertionError e) {
            throw new AssertionError("problem '" + name + "': " + rule.title() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new AssertionError("problem '" + name + "': " + rule.title() + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "ProblemContract[" + name + "]";
    }

    // ---------------------------------------------------------------- the rules

    private Objective objective() {
        Objective o = objectives.apply(seed);
        if (o == null) {
            fail("the objective of seed " + seed + " is null");
        }
        return o;
    }

    /** θ₀ and θ₁ = θ₀ + 0.1·ξ, in the objective's type. */
    private static List<INDArray> points(Objective o) {
        INDArray start = o.initialPoint();
        double[] xi = NoisyQuadratic.normals(0x5EED, (int) o.dimension());
        double[] near = Runs.doubles(start);
        for (int i = 0; i < near.length; i++) {
            near[i] += 0.1 * xi[i];
        }
        return List.of(start, Nd4j.createFromArray(near).castTo(o.dataType()));
    }

    private static String point(int k) {
        return k == 0 ? "θ₀" : "θ₁";
    }

    private void basics() {
        Objective o = objective();
        if (o.name() == null || o.name().isBlank()) {
            fail("the objective has no name");
        }
        long d = o.dimension();
        if (d < 1) {
            fail("the dimension is " + d + ", expected at least 1");
        }
        INDArray a = o.initialPoint();
        if (a == null || a.length() != d || !a.isVectorOrScalar() || a.dataType() != o.dataType()) {
            fail("the initial point is " + (a == null ? "null" : a.dataType() + " " + Arrays.toString(a.shape()))
                    + ", expected a " + o.dataType() + " vector of length " + d);
        }
        double[] first = Runs.doubles(a);
        a.addi(1);
        INDArray b = o.initialPoint();
        Compare.bitForBit("the second initial point, after the first was changed, against the first as it came",
                first, Runs.doubles(b));
        double loss = o.loss(b);
        if (!Double.isFinite(loss)) {
            fail("the loss at the initial point is " + loss);
        }
        double sampleLoss = o.sample(steps[0]).lossAndGradient(b, b.dup());
        if (!Double.isFinite(sampleLoss)) {
            fail("the loss of sample " + steps[0] + " at the initial point is " + sampleLoss);
        }
    }

    private void gradient() {
        Objective o = objective();
        double eps = o.dataType() == DataType.DOUBLE ? Math.ulp(1.0) : Math.ulp(1.0f);
        double tau = !Double.isNaN(gradientTolerance) ? gradientTolerance
                : o.dataType() == DataType.DOUBLE ? DOUBLE_GRADIENT_TOLERANCE : FLOAT_GRADIENT_TOLERANCE;
        double hScale = Math.cbrt(eps);
        List<INDArray> points = points(o);
        int d = (int) o.dimension();
        int[] checked = checkedCoordinates(d);
        for (long step : steps) {
            Sample s = o.sample(step);
            for (int k = 0; k < points.size(); k++) {
                INDArray theta = points.get(k);
                INDArray g = theta.dup();
                double f = s.lossAndGradient(theta, g);
                double[] gv = Runs.doubles(g);
                double gInf = 0;
                for (double v : gv) {
                    gInf = Math.max(gInf, Math.abs(v));
                }
                double allowed = tau * (Math.max(1, gInf) + Math.abs(f));
                for (int i : checked) {
                    double x = theta.getDouble(i);
                    double h = hScale * Math.max(1, Math.abs(x));
                    INDArray plus = theta.dup();
                    INDArray minus = theta.dup();
                    plus.putScalar(i, x + h);
                    minus.putScalar(i, x - h);
                    double width = plus.getDouble(i) - minus.getDouble(i); // as the type holds them
                    double fd = (s.loss(plus) - s.loss(minus)) / width;
                    if (!(Math.abs(fd - gv[i]) <= allowed)) {
                        fail(String.format(java.util.Locale.ROOT, "sample %d at %s: the gradient's entry %d is %.10g,"
                                + " central differences give %.10g (h = %.2g); allowed %.3g = %.0g·(max(1, |g|∞) +"
                                + " |f|)", step, point(k), i, gv[i], fd, width / 2, allowed, tau));
                    }
                }
            }
        }
    }

    /** All coordinates up to the limit, else that many spread evenly from the first to the last. */
    private int[] checkedCoordinates(int d) {
        if (d <= coordinates) {
            int[] all = new int[d];
            for (int i = 0; i < d; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] some = new int[coordinates];
        for (int j = 0; j < coordinates; j++) {
            some[j] = coordinates == 1 ? 0 : (int) Math.round((double) j * (d - 1) / (coordinates - 1));
        }
        return some;
    }

    /** What one sample gives at a point: its loss and gradient, and the validation probe's loss. */
    private record Evaluation(double loss, double[] gradient, Double validation) {
    }

    private static Evaluation evaluate(Objective o, long step, INDArray theta) {
        INDArray g = theta.dup();
        double loss = o.sample(step).lossAndGradient(theta, g);
        Optional<LossProbe> v = o.validation(step);
        return new Evaluation(loss, Runs.doubles(g), v.map(p -> p.loss(theta)).orElse(null));
    }

    private void deterministic() {
        Objective a = objective();
        Objective b = objective();
        Compare.bitForBit("the initial points of two objectives of seed " + seed, Runs.doubles(a.initialPoint()),
                Runs.doubles(b.initialPoint()));
        List<INDArray> points = points(a);
        INDArray theta = points.get(1);
        List<Evaluation> inOrder = new ArrayList<>();
        for (long step : steps) {
            inOrder.add(evaluate(a, step, theta));
        }
        for (int j = steps.length - 1; j >= 0; j--) { // the other objective, backwards
            Evaluation e = evaluate(b, steps[j], theta);
            same("sample " + steps[j] + " of a second objective of seed " + seed + ", asked for in the reverse order",
                    inOrder.get(j), e);
        }
        for (int j = 0; j < steps.length; j++) { // the first objective again, after the others
            same("sample " + steps[j] + " asked for a second time", inOrder.get(j), evaluate(a, steps[j], theta));
        }
    }

    private static void same(String what, Evaluation x, Evaluation y) {
        if (Double.doubleToRawLongBits(x.loss()) != Double.doubleToRawLongBits(y.loss())) {
            fail(what + ": loss " + y.loss() + " against " + x.loss() + ", expected the same bits");
        }
        Compare.bitForBit(what + ": the gradient", x.gradient(), y.gradient());
        if (!Objects.equals(x.validation(), y.validation())) {
            fail(what + ": validation loss " + y.validation() + " against " + x.validation());
        }
    }

    private void probe() {
        Objective o = objective();
        List<INDArray> points = points(o);
        for (long step : steps) {
            Sample s = o.sample(step);
            for (int k = 0; k < points.size(); k++) {
                INDArray theta = points.get(k);
                double probed = s.loss(theta);
                double withGradient = s.lossAndGradient(theta, theta.dup());
                double again = s.loss(theta);
                if (Double.doubleToRawLongBits(probed) != Double.doubleToRawLongBits(withGradient)) {
                    fail("sample " + step + " at " + point(k) + ": the probe's loss is " + probed
                            + ", lossAndGradient's " + withGradient + ", expected the same bits");
                }
                if (Double.doubleToRawLongBits(probed) != Double.doubleToRawLongBits(again)) {
                    fail("sample " + step + " at " + point(k) + ": the probe gives " + probed + " and then " + again);
                }
            }
        }
    }

    private void readOnly() {
        Objective o = objective();
        List<INDArray> points = points(o);
        for (int k = 0; k < points.size(); k++) {
            INDArray theta = points.get(k);
            double[] before = Runs.doubles(theta);
            String at = " at " + point(k);
            o.loss(theta);
            Compare.bitForBit("θ after the objective's loss" + at, before, Runs.doubles(theta));
            for (long step : steps) {
                Sample s = o.sample(step);
                s.loss(theta);
                Compare.bitForBit("θ after sample " + step + "'s loss" + at, before, Runs.doubles(theta));
                s.lossAndGradient(theta, theta.dup());
                Compare.bitForBit("θ after sample " + step + "'s loss and gradient" + at, before, Runs.doubles(theta));
                Optional<LossProbe> v = o.validation(step);
                if (v.isPresent()) {
                    v.get().loss(theta);
                    Compare.bitForBit("θ after validation probe " + step + at, before, Runs.doubles(theta));
                }
            }
            Map<String, Double> metrics = o.testMetrics(theta);
            Objects.requireNonNull(metrics, "testMetrics");
            Compare.bitForBit("θ after the test metrics" + at, before, Runs.doubles(theta));
        }
    }
}
