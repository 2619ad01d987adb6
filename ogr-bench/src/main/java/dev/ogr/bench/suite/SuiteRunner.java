package dev.ogr.bench.suite;

import dev.ogr.api.NonFiniteException;
import dev.ogr.api.Objective;
import dev.ogr.bench.problems.Problems;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.api.StrategyKind;
import dev.ogr.core.recipe.ResolvedRecipe;
import dev.ogr.core.recipe.ResolvedStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs optimizers on problems with the tuning protocol of DESIGN.md section 5: each optimizer's learning rate (its
 * learner's {@code eta}, or {@code eta0} for learners that learn it) is chosen from the same log grid by the median
 * final loss over the tuning seeds, then it is run on fresh seeds at
 * that rate. A run that diverges (non-finite loss or gradient) scores +inf.
 */
public final class SuiteRunner {

    /** The outcome of one optimizer on one problem. */
    public record Outcome(String optimizer, String problem, double learningRate, double[] finalLosses,
            double secondsPerStep) {

        /** The median final loss over seeds. */
        public double median() {
            return quantile(finalLosses, 0.5);
        }

        /** A quantile of the final losses. */
        public double quantile(double q) {
            return quantile(finalLosses, q);
        }

        private static double quantile(double[] values, double q) {
            double[] v = values.clone();
            Arrays.sort(v);
            double pos = q * (v.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = (int) Math.ceil(pos);
            // equal ends (two diverged runs: +inf and +inf) must not interpolate to inf - inf = NaN
            return v[lo] == v[hi] ? v[lo] : v[lo] + (pos - lo) * (v[hi] - v[lo]);
        }
    }

    private final RecipeResolver resolver;
    private final int steps;

    /** A runner over the given resolver, with {@code steps} steps per run. */
    public SuiteRunner(RecipeResolver resolver, int steps) {
        this.resolver = resolver;
        this.steps = steps;
    }

    /** Tunes the learning rate of {@code optimizer} on {@code tuningSeeds}, then evaluates on {@code seeds}. */
    public Outcome tuneAndRun(String optimizer, String problem, List<Double> grid, long[] tuningSeeds, long[] seeds) {
        double bestRate = grid.get(0);
        double bestScore = Double.POSITIVE_INFINITY;
        for (double eta : grid) {
            double score = new Outcome(optimizer, problem, eta, finalLosses(optimizer, problem, eta, tuningSeeds, null), 0)
                    .median();
            if (score < bestScore || Double.isNaN(bestScore)) {
                bestScore = score;
                bestRate = eta;
            }
        }
        long[] time = new long[1];
        double[] losses = finalLosses(optimizer, problem, bestRate, seeds, time);
        return new Outcome(optimizer, problem, bestRate, losses, time[0] / 1e9 / ((double) steps * seeds.length));
    }

    /**
     * {@code preset} with its learning-rate learner's rate ({@code eta}, or {@code eta0} for learners that learn it)
     * set to {@code rate} and every other parameter of the learner kept: the step-size parameter the tuning grid
     * sweeps. A learner with neither is left as it is.
     */
    public static String withLearningRate(RecipeResolver resolver, String preset, double rate) {
        ResolvedRecipe r = resolver.resolve(preset);
        ResolvedStrategy lr = r.strategy(StrategyKind.LEARNING_RATE).orElseThrow();
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>(lr.parameters().values());
        String key = values.containsKey("eta") ? "eta" : values.containsKey("eta0") ? "eta0" : null;
        if (key == null) {
            return preset;
        }
        values.put(key, rate);
        StringBuilder clause = new StringBuilder("lr=").append(lr.factory().name()).append('(');
        String sep = "";
        for (java.util.Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            clause.append(sep).append(e.getKey()).append('=')
                    .append(v instanceof Double d ? dev.ogr.api.ParameterSpec.format(d.doubleValue()) : String.valueOf(v));
            sep = ", ";
        }
        return preset + "; " + clause.append(')');
    }

    private double[] finalLosses(String optimizer, String problem, double eta, long[] seeds, long[] nanos) {
        ResolvedRecipe recipe = resolver.resolve(withLearningRate(resolver, optimizer, eta));
        double[] out = new double[seeds.length];
        for (int i = 0; i < seeds.length; i++) {
            Objective objective = Problems.create(problem, seeds[i]);
            OgrOptimizer opt;
            try {
                opt = OgrOptimizer.create(recipe, objective.initialPoint());
            } catch (dev.ogr.api.ConfigurationException notApplicable) {
                Arrays.fill(out, Double.NaN); // e.g. full-ogr on a problem of more than 64 parameters
                return out;
            }
            long start = System.nanoTime();
            try {
                for (long t = 0; t < steps; t++) {
                    opt.step(objective.sample(t));
                }
                double loss = objective.loss(opt.parameters());
                out[i] = Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
            } catch (NonFiniteException e) {
                out[i] = Double.POSITIVE_INFINITY;
            }
            if (nanos != null) {
                nanos[0] += System.nanoTime() - start;
            }
        }
        return out;
    }

    /** Formats outcomes as a Markdown table: one row per problem, one column per optimizer. */
    public static String table(List<String> optimizers, List<String> problems, List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder();
        sb.append("| problem |");
        optimizers.forEach(o -> sb.append(' ').append(o).append(" |"));
        sb.append("\n|---|");
        optimizers.forEach(o -> sb.append("---|"));
        sb.append('\n');
        for (String p : problems) {
            sb.append("| ").append(p).append(" |");
            for (String o : optimizers) {
                Outcome r = outcomes.stream().filter(x -> x.optimizer().equals(o) && x.problem().equals(p))
                        .findFirst().orElseThrow();
                if (Double.isNaN(r.median())) {
                    sb.append(" n/a |");
                    continue;
                }
                if (Double.isInfinite(r.median())) {
                    sb.append(" diverged |");
                    continue;
                }
                sb.append(String.format(Locale.ROOT, " %.2e [%.1e, %.1e] η=%s |", r.median(), r.quantile(0.25),
                        r.quantile(0.75), dev.ogr.api.ParameterSpec.format(r.learningRate())));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Seeds {@code from}, {@code from + 1}, ... ({@code n} of them). */
    public static long[] seeds(long from, int n) {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = from + i;
        }
        return s;
    }

    /** All outcomes of the given optimizers on the given problems. */
    public List<Outcome> runAll(List<String> optimizers, List<String> problems, List<Double> grid, int seeds,
            java.util.function.Consumer<String> progress) {
        List<Outcome> out = new ArrayList<>();
        long[] tuning = seeds(1000, Math.max(1, seeds / 2));
        long[] eval = seeds(1, seeds);
        for (String p : problems) {
            for (String o : optimizers) {
                progress.accept(o + " on " + p);
                out.add(tuneAndRun(o, p, grid, tuning, eval));
            }
        }
        return out;
    }
}
