package dev.ogr.bench.perf;

import dev.ogr.api.NonFiniteException;
import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import dev.ogr.bench.problems.Problems;
import dev.ogr.bench.problems.Releasable;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.Vectors;
import dev.ogr.core.recipe.RecipeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.nio.file.Path;

/**
 * A soak run ({@code ogr soak}): each optimizer for many steps on each problem, counting what a long run can go wrong
 * with: steps the optimizer refused (a non-finite gradient, after which its state is left as it was and the run goes
 * on), parameters that became non-finite (the run stops there), and the loss at the end. Not a test: at 10⁶ steps it
 * takes minutes per optimizer.
 */
public final class Soak {

    /**
     * One optimizer's soak on one problem.
     *
     * @param optimizer    the preset or recipe
     * @param problem      the problem's name
     * @param steps        the steps taken (fewer than asked when θ became non-finite)
     * @param refused      steps the optimizer refused with a non-finite gradient
     * @param firstRefused the first refused step, -1 if none
     * @param nonFiniteAt  the step after which θ held a NaN or infinity (checked after every step), -1 if never
     * @param initialLoss  the noise-free loss at the start
     * @param finalLoss    the noise-free loss at the end (at the evaluation point)
     * @param bestLoss     the lowest of the noise-free losses recorded along the way
     * @param seconds      wall seconds of the run, loss evaluations included
     */
    public record Row(String optimizer, String problem, long steps, long refused, long firstRefused, long nonFiniteAt,
            double initialLoss, double finalLoss, double bestLoss, double seconds) {
    }

    /** How many noise-free loss evaluations a soak records along the way (besides the start and the end). */
    public static final int RECORDS = 100;

    private final RecipeResolver resolver;
    private final Path dataDir;

    /** A soak resolving optimizers with {@code resolver}, reading data sets from {@code dataDir} (may be null). */
    public Soak(RecipeResolver resolver, Path dataDir) {
        this.resolver = resolver;
        this.dataDir = dataDir;
    }

    /** Runs {@code optimizer} for {@code steps} steps on {@code problem} (a problem specification), seed 1. */
    public Row run(String optimizer, String problem, long steps) {
        return run(optimizer, Problems.create(problem, 1, dataDir), problem, steps);
    }

    /** Runs {@code optimizer} for {@code steps} steps on {@code objective}, named {@code problem} in the row. */
    public Row run(String optimizer, Objective objective, String problem, long steps) {
        OgrOptimizer opt = OgrOptimizer.create(resolver.resolve(optimizer), objective.initialPoint());
        long start = System.nanoTime();
        double initial = objective.loss(opt.evaluationPoint());
        double best = initial;
        long every = Math.max(1, steps / RECORDS);
        long refused = 0;
        long firstRefused = -1;
        long nonFiniteAt = -1;
        long t = 0;
        for (; t < steps; t++) {
            Sample s = objective.sample(t);
            try {
                opt.step(s);
            } catch (NonFiniteException e) {
                refused++;
                if (firstRefused < 0) {
                    firstRefused = t;
                }
            } finally {
                Releasable.release(s);
            }
            if (!Vectors.allFinite(opt.parameters())) { // every step: a pass over θ, cheap beside the gradient
                nonFiniteAt = t;
                t++;
                break;
            }
            if ((t + 1) % every == 0 || t + 1 == steps) {
                double l = objective.loss(opt.evaluationPoint());
                if (l < best) {
                    best = l;
                }
            }
        }
        double last = nonFiniteAt >= 0 ? Double.NaN : objective.loss(opt.evaluationPoint());
        Releasable.release(objective);
        return new Row(optimizer, problem, t, refused, firstRefused, nonFiniteAt, initial, last, best,
                (System.nanoTime() - start) / 1e9);
    }

    /** The rows as a Markdown table. */
    public static String table(List<Row> rows) {
        List<String> out = new ArrayList<>();
        out.add("| optimizer | problem | steps | refused steps (first) | non-finite θ | loss at start | final loss"
                + " | best recorded | seconds | µs/step |");
        out.add("| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        for (Row r : rows) {
            out.add(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %.6g | %s | %.6g | %.1f | %.1f |",
                    r.optimizer(), r.problem(), r.steps(),
                    r.refused() == 0 ? "0" : r.refused() + " (" + r.firstRefused() + ")",
                    r.nonFiniteAt() < 0 ? "none" : "after step " + r.nonFiniteAt(), r.initialLoss(),
                    Double.isNaN(r.finalLoss()) ? "NaN" : String.format(Locale.ROOT, "%.6g", r.finalLoss()),
                    r.bestLoss(), r.seconds(), r.seconds() / Math.max(1, r.steps()) * 1e6));
        }
        return String.join("\n", out) + "\n";
    }
}
