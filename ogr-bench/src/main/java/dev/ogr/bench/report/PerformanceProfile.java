package dev.ogr.bench.report;

import dev.ogr.bench.suite.BenchmarkResults;
import dev.ogr.bench.suite.SuiteProblem;
import java.util.List;
import java.util.Map;

/**
 * Dolan and Moré's performance profile: per problem, each optimizer's median steps to the target divided by the
 * fewest any optimizer needed (+inf if it does not reach it, NaN if it does not apply), and the fraction of problems
 * an optimizer solves within a factor τ.
 */
public final class PerformanceProfile {

    private PerformanceProfile() {
    }

    /** The ratios, one row per optimizer of the suite and one column per problem run. */
    public static double[][] ratios(BenchmarkResults results, Map<String, Double> targets) {
        List<String> optimizers = results.suite().optimizers();
        List<SuiteProblem> problems = results.problemsRun();
        double[][] ratio = new double[optimizers.size()][problems.size()];
        for (int j = 0; j < problems.size(); j++) {
            String p = problems.get(j).label();
            double best = Double.POSITIVE_INFINITY;
            double[] steps = new double[optimizers.size()];
            for (int o = 0; o < optimizers.size(); o++) {
                steps[o] = results.medianStepsTo(p, optimizers.get(o), targets.get(p));
                if (steps[o] < best) {
                    best = steps[o];
                }
            }
            for (int o = 0; o < optimizers.size(); o++) {
                // a target met at the start (0 steps) counts as 1 step, so ratios stay finite
                ratio[o][j] = Double.isNaN(steps[o]) ? Double.NaN : Double.isInfinite(best) ? Double.POSITIVE_INFINITY
                        : Math.max(steps[o], 1) / Math.max(best, 1);
            }
        }
        return ratio;
    }

    /** The fraction of the problems (all columns, not-applicable ones count as unsolved) with ratio at most τ. */
    public static double fraction(double[] ratios, double tau) {
        if (ratios.length == 0) {
            return 0;
        }
        int n = 0;
        for (double r : ratios) {
            if (r <= tau) {
                n++;
            }
        }
        return (double) n / ratios.length;
    }

    /** 200 values of τ from 1 to {@code max}, evenly spaced on a log scale. */
    public static double[] taus(double max) {
        double[] t = new double[200];
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.exp(Math.log(max) * i / (t.length - 1));
        }
        return t;
    }
}
