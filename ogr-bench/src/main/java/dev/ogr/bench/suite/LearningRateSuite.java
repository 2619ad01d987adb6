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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final List<Double> MNIST_SGD_GRID = List.of(0.03, 0.1, 0.3, 1.0);
    /** The steps at which the MNIST table shows the learned η. */
    public static final long[] TRACE_AT = {0, 10, 100, 300, 599};

    private final RecipeResolver resolver;
    private final PrintWriter progress;

    /** A suite resolving recipes with {@code resolver}, printing a progress line per run to {@code progress}. */
    public LearningRateSuite(RecipeResolver resolver, PrintWriter progress) {
        this.resolver = resolver;
        this.progress = progress;
    }

    /** The optimizers the suite compares, as its report's configuration names them. */
    public static List<String> optimizers() {
        return List.of("sgd", "fd-newton", "fd-newton3", "fd-first-order");
    }

    private LearningRateResults.Run run(String recipe, String problem, long seed, int steps, Path data) {
        Objective objective = Problems.create(problem, seed, data);
        OgrOptimizer opt = OgrOptimizer.create(resolver.resolve(recipe), objective.initialPoint());
        double[] etas = new double[steps];
        double[] losses = new double[steps];
        java.util.Arrays.fill(etas, Double.NaN);
        java.util.Arrays.fill(losses, Double.NaN);
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
                    dev.ogr.api.StepResult r = opt.step(counted, validation);
                    etas[t] = r.learningRate();
                    losses[t] = r.loss();
                } finally {
                    Releasable.release(sample); // the step is over: its minibatch's native memory goes now
                    Releasable.release(validation);
                }
            }
        } catch (NonFiniteException e) {
            return new LearningRateResults.Run(seed, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, losses, etas,
                    Double.NaN);
        }
        double seconds = (System.nanoTime() - start) / 1e9 / steps;
        double loss = objective.loss(opt.evaluationPoint());
        Double accuracy = objective.testMetrics(opt.evaluationPoint()).get("test_accuracy");
        return new LearningRateResults.Run(seed, Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY,
                accuracy == null ? Double.NaN : accuracy, seconds, losses, etas, probes[0] / (double) steps);
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

    /**
     * Runs the Boston part, then the MNIST part on {@code seeds} seeds if MNIST can be found in {@code data} (or the
     * usual places) or downloaded; prints a progress line per run and returns every run.
     */
    public LearningRateResults run(Path data, int seeds) {
        long start = System.nanoTime();
        LearningRateResults.Part boston = boston();
        try {
            Problems.create("logistic(dataset=mnist)", 1, data);
        } catch (ConfigurationException e) {
            progress.println("MNIST part skipped: " + e.getMessage());
            return new LearningRateResults(seeds, boston, null, e.getMessage(), (System.nanoTime() - start) / 1e9);
        }
        LearningRateResults.Part mnist = mnist(data, seeds);
        return new LearningRateResults(seeds, boston, mnist, null, (System.nanoTime() - start) / 1e9);
    }

    private LearningRateResults.Part boston() {
        String problem = "boston";
        int steps = 500;
        progress.println("boston: SGD grid");
        Map<Double, Double> sgdGrid = new LinkedHashMap<>();
        double bestEta = SGD_GRID.get(0);
        for (double eta : SGD_GRID) {
            double loss = run("lr=fixed(eta=" + eta + ")", problem, 1, steps, null).trainLoss();
            sgdGrid.put(eta, loss);
            if (loss < sgdGrid.get(bestEta)) {
                bestEta = eta;
            }
        }
        String sgd = "lr=fixed(eta=" + eta(bestEta) + ")";
        Map<Double, Double> metaGrid = new LinkedHashMap<>();
        double meta = tuneMeta(problem, steps, null, 1, metaGrid);
        LearningRateResults.Row sgdRow = new LearningRateResults.Row("sgd", Double.NaN, sgd,
                List.of(run(sgd, problem, 1, steps, null)), 1.0);
        List<LearningRateResults.Row> rows = new ArrayList<>();
        for (String learner : learners(meta)) {
            for (double eta0 : START) {
                progress.println("boston: " + learner + " from eta0=" + eta0);
                String recipe = "lr=" + learner.replace("ETA0", Double.toString(eta0));
                LearningRateResults.Run r = run(recipe, problem, 1, steps, null);
                rows.add(new LearningRateResults.Row(name(learner), eta0, recipe, List.of(r),
                        relativeTime(recipe, sgd, problem, 200, null)));
            }
        }
        return new LearningRateResults.Part(problem, steps, sgdGrid, bestEta, metaGrid, meta, sgdRow, rows);
    }

    private LearningRateResults.Part mnist(Path data, int seeds) {
        String problem = "logistic(dataset=mnist, batch=100)";
        int steps = 600;
        progress.println("mnist: SGD grid");
        Map<Double, Double> sgdGrid = new LinkedHashMap<>();
        double bestEta = MNIST_SGD_GRID.get(0);
        for (double eta : MNIST_SGD_GRID) {
            double loss = run("lr=fixed(eta=" + eta + ")", problem, 1000, steps, data).trainLoss();
            sgdGrid.put(eta, loss);
            if (loss < sgdGrid.get(bestEta)) {
                bestEta = eta;
            }
        }
        Map<Double, Double> metaGrid = new LinkedHashMap<>();
        double meta = tuneMeta(problem, steps, data, 1000, metaGrid);
        String sgd = "lr=fixed(eta=" + eta(bestEta) + ")";
        LearningRateResults.Row sgdRow = null;
        List<LearningRateResults.Row> rows = new ArrayList<>();
        List<String> recipes = new ArrayList<>(List.of(sgd));
        for (String learner : learners(meta)) {
            recipes.add("lr=" + learner.replace("ETA0", "0.01"));
        }
        for (int i = 0; i < recipes.size(); i++) {
            String recipe = recipes.get(i);
            progress.println("mnist: " + recipe);
            List<LearningRateResults.Run> runs = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                runs.add(run(recipe, problem, s + 1, steps, data));
            }
            double time = i == 0 ? 1.0 : relativeTime(recipe, sgd, problem, 200, data);
            LearningRateResults.Row row = new LearningRateResults.Row(i == 0 ? "sgd" : name(learners(meta)
                    .get(i - 1)), i == 0 ? Double.NaN : 0.01, recipe, List.copyOf(runs), time);
            if (i == 0) {
                sgdRow = row;
            } else {
                rows.add(row);
            }
        }
        return new LearningRateResults.Part(problem, steps, sgdGrid, bestEta, metaGrid, meta, sgdRow, rows);
    }

    /** The learner's name as the tables give it: its recipe without the starting rate. */
    private static String name(String learner) {
        return learner.replace("eta0=ETA0, ", "").replace("(eta0=ETA0)", "");
    }

    /**
     * {@code v} formatted, or "diverged" when it is not finite: a run whose loss became infinite or NaN (and the
     * ratios, rates and accuracies taken from it) says so, as the other suites' reports do.
     */
    public static String num(String format, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "diverged";
    }

    private double tuneMeta(String problem, int steps, Path data, long seed, Map<Double, Double> scores) {
        double best = Double.POSITIVE_INFINITY;
        double bestMeta = META_GRID.get(0);
        for (double meta : META_GRID) {
            progress.println(problem + ": fd-first-order meta=" + meta);
            double loss = run("lr=fd-first-order(eta0=0.01, meta=" + meta + ")", problem, seed, steps, data).trainLoss();
            scores.put(meta, loss);
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

    private static String eta(double v) {
        return dev.ogr.api.ParameterSpec.format(v);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
