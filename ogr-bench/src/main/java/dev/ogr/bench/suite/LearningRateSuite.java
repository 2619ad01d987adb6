package dev.ogr.bench.suite;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.NonFiniteException;
import dev.ogr.api.Objective;
import dev.ogr.bench.problems.Problems;
import dev.ogr.bench.problems.Releasable;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.recipe.RecipeResolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code lr} suite: paper 2's experiments that fit here. Boston linear regression (full batch, 500 steps): the
 * best fixed-η SGD of a log grid against each learner started from η₀ across [1e-4, 1]. MNIST logistic regression
 * (one epoch of batches of 100): tuned SGD against the learners from η₀ = 0.01, with test accuracy and the learned
 * η trace. Every row reports the optimizer's time per step relative to plain SGD on the same problem.
 */
public final class LearningRateSuite {

    private static final List<Double> SGD_GRID = List.of(1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0);
    private static final List<Double> START = List.of(1e-4, 1e-3, 1e-2, 1e-1, 1.0);
    private static final List<Double> META_GRID = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1);
    private static final long[] TRACE_AT = {0, 10, 100, 300, 599};

    private final RecipeResolver resolver;
    private final PrintWriter out;
    private final PrintWriter progress;

    /** A suite writing its tables to {@code out} and progress lines to {@code progress}. */
    public LearningRateSuite(RecipeResolver resolver, PrintWriter out, PrintWriter progress) {
        this.resolver = resolver;
        this.out = out;
        this.progress = progress;
    }

    /** The outcome of one run. */
    private record Run(double trainLoss, double testAccuracy, double secondsPerStep, double[] etas, double probesPerStep) {
    }

    private Run run(String recipe, String problem, long seed, int steps, Path data) {
        Objective objective = Problems.create(problem, seed, data);
        OgrOptimizer opt = OgrOptimizer.create(resolver.resolve(recipe), objective.initialPoint());
        double[] etas = new double[steps];
        long[] probes = new long[1];
        long start = System.nanoTime();
        try {
            for (int t = 0; t < steps; t++) {
                dev.ogr.api.Sample sample = objective.sample(t);
                dev.ogr.api.Sample counted = new dev.ogr.api.Sample() {
                    @Override
                    public double lossAndGradient(org.nd4j.linalg.api.ndarray.INDArray theta,
                            org.nd4j.linalg.api.ndarray.INDArray gradient) {
                        return sample.lossAndGradient(theta, gradient);
                    }

                    @Override
                    public double loss(org.nd4j.linalg.api.ndarray.INDArray theta) {
                        probes[0]++;
                        return sample.loss(theta);
                    }
                };
                dev.ogr.api.LossProbe validation = objective.validation(t).orElse(null);
                try {
                    etas[t] = opt.step(counted, validation).learningRate();
                } finally {
                    Releasable.release(sample); // the step is over: its minibatch's native memory goes now
                    Releasable.release(validation);
                }
            }
        } catch (NonFiniteException e) {
            return new Run(Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, etas, Double.NaN);
        }
        double seconds = (System.nanoTime() - start) / 1e9 / steps;
        double loss = objective.loss(opt.evaluationPoint());
        Double accuracy = objective.testMetrics(opt.evaluationPoint()).get("test_accuracy");
        return new Run(Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY, accuracy == null ? Double.NaN : accuracy,
                seconds, etas, probes[0] / (double) steps);
    }

    /**
     * The time per step of {@code recipe} relative to {@code baseline} on {@code problem}: after a warm-up of both,
     * seven pairs of timed runs of {@code steps} steps, baseline and recipe back to back; the median of the seven
     * ratios (drift of the machine cancels within a pair). NaN if the recipe diverges.
     */
    private double relativeTime(String recipe, String baseline, String problem, int steps, Path data) {
        run(baseline, problem, 1, steps, data);
        run(recipe, problem, 1, steps, data);
        double[] ratios = new double[7];
        for (int i = 0; i < ratios.length; i++) {
            double base = run(baseline, problem, 1, steps, data).secondsPerStep();
            ratios[i] = run(recipe, problem, 1, steps, data).secondsPerStep() / base;
            if (Double.isNaN(ratios[i])) {
                return Double.NaN;
            }
        }
        return median(ratios);
    }

    /** Runs the Boston part, then the MNIST part if MNIST can be found or downloaded. */
    public void run(Path data, int seeds) {
        boston();
        try {
            Problems.create("logistic(dataset=mnist)", 1, data);
        } catch (ConfigurationException e) {
            out.println();
            out.println("MNIST part skipped: " + e.getMessage());
            return;
        }
        mnist(data, seeds);
    }

    private void boston() {
        String problem = "boston";
        int steps = 500;
        progress.println("boston: SGD grid");
        double bestSgd = Double.POSITIVE_INFINITY;
        double bestEta = Double.NaN;
        for (double eta : SGD_GRID) {
            Run r = run("lr=fixed(eta=" + eta + ")", problem, 1, steps, null);
            if (r.trainLoss() < bestSgd) {
                bestSgd = r.trainLoss();
                bestEta = eta;
            }
        }
        String sgd = "lr=fixed(eta=" + eta(bestEta) + ")";
        double meta = tuneMeta(problem, steps, null, 1);
        out.printf(Locale.ROOT, "Boston linear regression, full batch, %d steps. Best fixed-eta SGD of %s: eta=%s,"
                + " training loss %.6g.%n", steps, grid(SGD_GRID), eta(bestEta), bestSgd);
        out.printf(Locale.ROOT, "fd-first-order's meta rate a tuned on the grid %s at eta0=0.01: a=%s. Time per step"
                + " relative to that SGD: median of 7 interleaved pairs of 200-step runs after a warm-up.%n%n", grid(META_GRID), eta(meta));
        out.println("| learner | eta0 | final training loss | / best SGD | final eta | extra forward passes per step |"
                + " time per step / SGD |");
        out.println("|---|---|---|---|---|---|---|");
        for (String learner : learners(meta)) {
            for (double eta0 : START) {
                progress.println("boston: " + learner + " from eta0=" + eta0);
                String recipe = "lr=" + learner.replace("ETA0", Double.toString(eta0));
                Run r = run(recipe, problem, 1, steps, null);
                double time = relativeTime(recipe, sgd, problem, 200, null);
                out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %.3g | %s |%n", learner.replace("eta0=ETA0, ", "")
                        .replace("(eta0=ETA0)", ""), eta(eta0), num("%.6g", r.trainLoss()),
                        num("%.3f", r.trainLoss() / bestSgd), num("%.3g", r.etas()[steps - 1]), r.probesPerStep(),
                        num("%.2f", time));
            }
        }
    }

    private void mnist(Path data, int seeds) {
        String problem = "logistic(dataset=mnist, batch=100)";
        int steps = 600;
        progress.println("mnist: SGD grid");
        double bestEta = Double.NaN;
        double best = Double.POSITIVE_INFINITY;
        for (double eta : List.of(0.03, 0.1, 0.3, 1.0)) {
            double loss = run("lr=fixed(eta=" + eta + ")", problem, 1000, steps, data).trainLoss();
            if (loss < best) {
                best = loss;
                bestEta = eta;
            }
        }
        double meta = tuneMeta(problem, steps, data, 1000);
        out.println();
        out.printf(Locale.ROOT, "MNIST multinomial logistic regression, one epoch (%d steps of 100), median of %d seeds;"
                + " SGD's eta tuned on %s by training loss on seed 1000: eta=%s; fd-first-order's a tuned likewise:"
                + " a=%s.%n%n", steps, seeds, grid(List.of(0.03, 0.1, 0.3, 1.0)), eta(bestEta), eta(meta));
        out.println("| optimizer | training loss | test accuracy | eta at steps " + Arrays.toString(TRACE_AT)
                + " | extra forward passes per step | time per step / SGD |");
        out.println("|---|---|---|---|---|---|");
        List<String> recipes = new ArrayList<>();
        recipes.add("lr=fixed(eta=" + eta(bestEta) + ")");
        for (String learner : learners(meta)) {
            recipes.add("lr=" + learner.replace("ETA0", "0.01"));
        }
        for (String recipe : recipes) {
            progress.println("mnist: " + recipe);
            double[] loss = new double[seeds];
            double[] acc = new double[seeds];
            double[] etas = null;
            double probes = 0;
            for (int s = 0; s < seeds; s++) {
                Run r = run(recipe, problem, s + 1, steps, data);
                loss[s] = r.trainLoss();
                acc[s] = r.testAccuracy();
                etas = etas == null ? r.etas() : etas;
                probes = r.probesPerStep();
            }
            StringBuilder trace = new StringBuilder();
            for (long at : TRACE_AT) {
                trace.append(trace.length() == 0 ? "" : ", ").append(num("%.3g", etas[(int) at]));
            }
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.3g | %s |%n", recipe, num("%.4f", median(loss)),
                    num("%.4f", median(acc)), trace, probes,
                    num("%.2f", relativeTime(recipe, recipes.get(0), problem, 200, data)));
        }
    }

    /**
     * {@code v} formatted, or "diverged" when it is not finite: a run whose loss became infinite or NaN (and the
     * ratios, rates and accuracies taken from it) says so, as the other suites' reports do.
     */
    static String num(String format, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "diverged";
    }

    private double tuneMeta(String problem, int steps, Path data, long seed) {
        double best = Double.POSITIVE_INFINITY;
        double bestMeta = META_GRID.get(0);
        for (double meta : META_GRID) {
            progress.println(problem + ": fd-first-order meta=" + meta);
            double loss = run("lr=fd-first-order(eta0=0.01, meta=" + meta + ")", problem, seed, steps, data).trainLoss();
            if (loss < best) {
                best = loss;
                bestMeta = meta;
            }
        }
        return bestMeta;
    }

    private static List<String> learners(double meta) {
        return List.of("fd-newton(eta0=ETA0)", "fd-newton(eta0=ETA0, stencil=3)",
                "fd-first-order(eta0=ETA0, meta=" + eta(meta) + ")");
    }

    private static List<String> grid(List<Double> values) {
        return values.stream().map(LearningRateSuite::eta).toList();
    }

    private static String eta(double v) {
        return dev.ogr.api.ParameterSpec.format(v);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
