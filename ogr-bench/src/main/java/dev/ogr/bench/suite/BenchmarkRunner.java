package dev.ogr.bench.suite;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.LossProbe;
import dev.ogr.api.NonFiniteException;
import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import dev.ogr.bench.problems.Releasable;
import dev.ogr.api.StepResult;
import dev.ogr.bench.problems.Problems;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.core.recipe.ResolvedRecipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Suite} with the protocol of docs/benchmarks.md: for every problem and optimizer, the step size
 * ({@code eta} of the learning-rate learner, {@code eta0} for learners that learn it) is chosen from the suite's log
 * grid by the median final loss over the tuning seeds, then the optimizer runs on the evaluation seeds at that value
 * with its loss curve recorded. A run that diverges scores +inf, and so does one that fails with an exception (status
 * {@code error}, logged).
 */
public final class BenchmarkRunner {

    /** Told what runs; {@code done} and {@code total} measure the work (steps, weighted by the problem's size). */
    @FunctionalInterface
    public interface Progress {
        /** Called before each run with the work done so far, the total and what runs next. */
        void update(long done, long total, String problem, String optimizer);
    }

    private static final long TUNING_SEED_BASE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);

    private final RecipeResolver resolver;
    private final Path dataDir;

    /** A runner resolving optimizers with {@code resolver} and reading data sets from {@code dataDir} (may be null). */
    public BenchmarkRunner(RecipeResolver resolver, Path dataDir) {
        this.resolver = resolver;
        this.dataDir = dataDir;
    }

    /** Runs every problem and optimizer of {@code suite}. */
    public BenchmarkResults run(Suite suite, Progress progress) {
        return run(suite, progress, null);
    }

    /**
     * Runs every problem and optimizer of {@code suite}, recording each optimizer's finished work on a problem in
     * {@code journal} (may be null) as it ends, and taking what the journal already holds instead of running it
     * again (a resumed run).
     */
    public BenchmarkResults run(Suite suite, Progress progress, RunJournal journal) {
        long start = System.nanoTime();
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<String, Long> work = new LinkedHashMap<>();
        long total = 0;
        for (SuiteProblem p : suite.problems()) {
            try {
                long dimension = Problems.create(p.specOf(0), 1, dataDir).dimension();
                // the work of one optimizer on p, for the progress: steps, with a step's cost growing with D
                long units = (long) (p.steps() * p.trajectories() * (1 + dimension / 50.0))
                        * ((suite.tuned() ? (long) p.grid().size() * suite.tuningSeeds() : 0) + suite.seeds());
                work.put(p.label(), units);
                total += units * suite.optimizers().size();
            } catch (ConfigurationException e) {
                skipped.put(p.label(), e.getMessage());
            }
        }
        long done = 0;
        List<RunRecord> runs = new ArrayList<>();
        Map<String, Map<String, double[]>> tuning = new LinkedHashMap<>();
        for (SuiteProblem p : suite.problems()) {
            if (skipped.containsKey(p.label())) {
                continue;
            }
            Map<String, double[]> scores = new LinkedHashMap<>();
            for (String o : suite.optimizers()) {
                RunJournal.Entry entry = journal == null ? null : journal.recorded(p.label(), o);
                if (entry == null) {
                    progress.update(done, total, p.label(), o);
                    entry = runAll(suite, p, o);
                    if (journal != null) {
                        journal.record(entry);
                    }
                }
                scores.put(o, entry.scores());
                runs.addAll(entry.runs());
                done += work.get(p.label());
            }
            tuning.put(p.label(), scores);
        }
        progress.update(total, total, "", "");
        return new BenchmarkResults(suite, runs, tuning, skipped, (System.nanoTime() - start) / 1e9);
    }

    /** The tuning and evaluation runs of {@code optimizer} on {@code p}. */
    private RunJournal.Entry runAll(Suite suite, SuiteProblem p, String optimizer) {
        List<RunRecord> runs = new ArrayList<>();
        if (!suite.tuned()) { // tuning: none, the preset's own step size
            for (int s = 1; s <= suite.seeds(); s++) {
                runs.add(run(p, optimizer, Double.NaN, s, Curve.schedule(p.steps(), p.records())));
            }
            return new RunJournal.Entry(p.label(), optimizer, new double[0], runs);
        }
        double[] grid = tune(suite, p, optimizer);
        int best = best(grid);
        for (int s = 1; s <= suite.seeds(); s++) {
            runs.add(best < 0 ? notApplicable(p, optimizer, s)
                    : run(p, optimizer, p.grid().get(best), s, Curve.schedule(p.steps(), p.records())));
        }
        return new RunJournal.Entry(p.label(), optimizer, grid, runs);
    }

    /** The median final loss over the tuning seeds at each grid value; all NaN if the optimizer does not apply. */
    double[] tune(Suite suite, SuiteProblem p, String optimizer) {
        double[] scores = new double[p.grid().size()];
        int[] finalOnly = {p.steps()};
        for (int i = 0; i < scores.length; i++) {
            double[] losses = new double[suite.tuningSeeds()];
            for (int s = 0; s < losses.length; s++) {
                RunRecord r = run(p, optimizer, p.grid().get(i), TUNING_SEED_BASE + s, finalOnly);
                if (RunRecord.NOT_APPLICABLE.equals(r.status())) {
                    Arrays.fill(scores, Double.NaN);
                    return scores;
                }
                losses[s] = r.finalLoss();
            }
            scores[i] = Stats.median(losses);
        }
        return scores;
    }

    /** The index of the lowest score (the first on ties), -1 if all are NaN; +inf everywhere picks the first. */
    static int best(double[] scores) {
        int best = -1;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isNaN(scores[i]) && (best < 0 || scores[i] < scores[best])) {
                best = i;
            }
        }
        return best;
    }

    private RunRecord notApplicable(SuiteProblem p, String optimizer, long seed) {
        return new RunRecord(p.label(), optimizer, seed, Double.NaN, RunRecord.NOT_APPLICABLE, Double.NaN, Map.of(),
                null, 0, Double.NaN, Double.NaN);
    }

    /**
     * One run: every trajectory of {@code p} (one per lattice start) at step size {@code eta} (NaN: the optimizer's
     * own, recorded as such).
     */
    RunRecord run(SuiteProblem p, String optimizer, double eta, long seed, int[] record) {
        ResolvedRecipe recipe = resolver.resolve(Double.isNaN(eta) ? optimizer
                : StepSizes.withLearningRate(resolver, optimizer, eta));
        if (Double.isNaN(eta)) {
            eta = StepSizes.rateOf(resolver, optimizer);
        }
        int n = p.trajectories();
        double[][] loss = new double[n][];
        double[][] seconds = new double[n][];
        double[][] etas = new double[n][];
        Map<String, Double> metrics = new TreeMap<>();
        long[] nanos = new long[3]; // wall, steps, loss and gradient
        boolean diverged = false;
        long wallStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Objective objective = Problems.create(p.specOf(i), p.lattice() ? seed * 10_000 + i : seed, dataDir);
            OgrOptimizer opt;
            try {
                opt = OgrOptimizer.create(recipe, objective.initialPoint());
            } catch (ConfigurationException notApplicable) {
                return notApplicable(p, optimizer, seed);
            }
            loss[i] = new double[record.length];
            seconds[i] = new double[record.length];
            etas[i] = new double[record.length];
            try {
                diverged |= !trajectory(objective, opt, record, loss[i], seconds[i], etas[i], nanos);
            } catch (RuntimeException e) { // a bug in one optimizer must not end a suite that ran for an hour
                LOG.warn("{} on {} (seed {}, step size {}) failed: {}", optimizer, p.label(), seed, eta, e.toString());
                return new RunRecord(p.label(), optimizer, seed, eta, RunRecord.ERROR, Double.POSITIVE_INFINITY,
                        Map.of(), null, (System.nanoTime() - wallStart) / 1e9, Double.NaN, Double.NaN);
            }
            if (n == 1 && !diverged) {
                objective.testMetrics(opt.evaluationPoint()).forEach(metrics::put);
            }
        }
        nanos[0] = System.nanoTime() - wallStart;
        Curve curve = combine(p, record, loss, seconds, etas);
        double finalLoss = diverged ? Double.POSITIVE_INFINITY : curve.loss()[record.length - 1];
        double steps = (double) p.steps() * n;
        return new RunRecord(p.label(), optimizer, seed, eta, diverged ? RunRecord.DIVERGED : RunRecord.OK, finalLoss,
                metrics, curve, nanos[0] / 1e9, (nanos[1] - nanos[2]) / 1e9 / steps, nanos[2] / 1e9 / steps);
    }

    /**
     * Runs one trajectory to the last recorded step, filling the loss, cumulative step seconds and learning rate at
     * each recorded step (the geometric mean of the rates of the steps since the previous one, so that a trace
     * recorded sparsely still shows every step's rate); false if it diverged (the rest of its loss then NaN).
     */
    private static boolean trajectory(Objective objective, OgrOptimizer opt, int[] record, double[] loss,
            double[] seconds, double[] etas, long[] nanos) {
        long[] sampleNanos = new long[1];
        long stepNanos = 0;
        int next = 0;
        double logEta = 0; // the sum of log η since the last recorded step
        int etaSteps = 0;
        int budget = record[record.length - 1];
        for (int t = 0; t <= budget; t++) {
            if (record[next] == t) {
                double l = objective.loss(opt.evaluationPoint());
                if (!Double.isFinite(l)) {
                    Arrays.fill(loss, next, loss.length, Double.NaN);
                    nanos[1] += stepNanos;
                    nanos[2] += sampleNanos[0];
                    return false;
                }
                loss[next] = l;
                seconds[next] = stepNanos / 1e9;
                etas[next] = etaSteps == 0 ? Double.NaN : Math.exp(logEta / etaSteps);
                logEta = 0;
                etaSteps = 0;
                next++;
            }
            if (t == budget) {
                break;
            }
            long start = System.nanoTime();
            Sample drawn = null;
            LossProbe validation = null;
            try {
                drawn = objective.sample(t);
                Sample sample = timed(drawn, sampleNanos);
                validation = objective.validation(t).orElse(null);
                sampleNanos[0] += System.nanoTime() - start; // drawing the sample (a minibatch, noise) is the problem's
                StepResult r = opt.step(sample, validation);
                logEta += Math.log(Math.max(r.learningRate(), Double.MIN_NORMAL));
                etaSteps++;
            } catch (NonFiniteException e) {
                Arrays.fill(loss, next, loss.length, Double.NaN);
                nanos[1] += System.nanoTime() - start + stepNanos;
                nanos[2] += sampleNanos[0];
                return false;
            } finally {
                long freed = System.nanoTime();
                Releasable.release(drawn); // the step is over: its minibatch's native memory goes now
                Releasable.release(validation);
                sampleNanos[0] += System.nanoTime() - freed; // the problem's time, like drawing it
            }
            stepNanos += System.nanoTime() - start;
        }
        nanos[1] += stepNanos;
        nanos[2] += sampleNanos[0];
        return true;
    }

    /** {@code sample} with the time of its evaluations added to {@code nanos[0]}. */
    private static Sample timed(Sample sample, long[] nanos) {
        return new Sample() {
            @Override
            public double lossAndGradient(INDArray theta, INDArray gradient) {
                long start = System.nanoTime();
                double l = sample.lossAndGradient(theta, gradient);
                nanos[0] += System.nanoTime() - start;
                return l;
            }

            @Override
            public double loss(INDArray theta) {
                long start = System.nanoTime();
                double l = sample.loss(theta);
                nanos[0] += System.nanoTime() - start;
                return l;
            }
        };
    }

    /** The run's curve: a single trajectory as it is; a lattice's by geometric mean (mean off log scale). */
    private static Curve combine(SuiteProblem p, int[] record, double[][] loss, double[][] seconds, double[][] etas) {
        if (loss.length == 1) {
            return new Curve(record, loss[0], seconds[0], etas[0]);
        }
        double[] l = new double[record.length];
        double[] s = new double[record.length];
        double[] e = new double[record.length];
        for (int k = 0; k < record.length; k++) {
            double[] lk = new double[loss.length];
            double[] ek = new double[loss.length];
            double sum = 0;
            for (int i = 0; i < loss.length; i++) {
                lk[i] = Double.isNaN(loss[i][k]) ? Double.POSITIVE_INFINITY : loss[i][k];
                ek[i] = etas[i][k];
                sum += seconds[i][k];
            }
            double v = p.logScale() ? Stats.geometricMean(lk, SuiteProblem.LOSS_FLOOR)
                    : Arrays.stream(lk).average().orElse(Double.NaN);
            l[k] = Double.isInfinite(v) ? Double.NaN : v;
            s[k] = sum / loss.length;
            e[k] = k == 0 ? Double.NaN : Math.exp(Arrays.stream(ek).map(x -> Math.log(Math.max(x, 1e-300))).average()
                    .orElse(Double.NaN));
        }
        return new Curve(record, l, s, e);
    }
}
