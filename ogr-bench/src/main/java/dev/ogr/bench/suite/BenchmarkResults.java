package dev.ogr.bench.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a suite run produced: the evaluation runs, the tuning scores over the grid, the problems that could not
 * run, and the total time; with the targets and summaries the report reads.
 *
 * @param suite        the suite that ran
 * @param runs         the evaluation runs, problem by problem, optimizer by optimizer, seed by seed
 * @param tuningScores per problem and optimizer, the median tuning loss at each grid value (NaN: not applicable)
 * @param skipped      problems that could not run (e.g. a data set that is neither found nor downloadable), with why
 * @param totalSeconds the suite's wall time (timing)
 */
public record BenchmarkResults(Suite suite, List<RunRecord> runs, Map<String, Map<String, double[]>> tuningScores,
        Map<String, String> skipped, double totalSeconds) {

    /** The problems that ran, in suite order. */
    public List<SuiteProblem> problemsRun() {
        return suite.problems().stream().filter(p -> !skipped.containsKey(p.label())).toList();
    }

    /** The evaluation runs of {@code optimizer} on {@code problem}. */
    public List<RunRecord> runs(String problem, String optimizer) {
        return runs.stream().filter(r -> r.problem().equals(problem) && r.optimizer().equals(optimizer)).toList();
    }

    /** The final losses of {@code optimizer} on {@code problem}, one per seed (+inf diverged, NaN not applicable). */
    public double[] finalLosses(String problem, String optimizer) {
        return runs(problem, optimizer).stream().mapToDouble(RunRecord::finalLoss).toArray();
    }

    /** The median final loss of {@code optimizer} on {@code problem}. */
    public double medianLoss(String problem, String optimizer) {
        return Stats.median(finalLosses(problem, optimizer));
    }

    /**
     * The target loss of each problem: the suite's {@code target}, else Moré and Wild's: the best median final loss
     * f* plus {@code tolerance} times the gap from the median initial loss f₀, f* + τ·(f₀ − f*).
     */
    public Map<String, Double> targets() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (SuiteProblem p : problemsRun()) {
            if (p.target() != null) {
                out.put(p.label(), p.target());
                continue;
            }
            double best = Double.POSITIVE_INFINITY;
            for (String o : suite.optimizers()) {
                double m = medianLoss(p.label(), o);
                if (m < best) {
                    best = m;
                }
            }
            double start = Stats.median(runs.stream().filter(r -> r.problem().equals(p.label()) && r.curve() != null)
                    .mapToDouble(r -> r.curve().loss()[0]).toArray());
            out.put(p.label(), best + suite.tolerance() * (start - best));
        }
        return out;
    }

    /** The median over seeds of the steps to reach {@code target}, +inf if the median run does not reach it. */
    public double medianStepsTo(String problem, String optimizer, double target) {
        return Stats.median(runs(problem, optimizer).stream()
                .mapToDouble(r -> notApplicable(r) ? Double.NaN : r.stepsTo(target) < 0 ? Double.POSITIVE_INFINITY
                        : r.stepsTo(target)).toArray());
    }

    /** The median over seeds of the seconds to reach {@code target}, +inf if the median run does not reach it. */
    public double medianSecondsTo(String problem, String optimizer, double target) {
        return Stats.median(runs(problem, optimizer).stream()
                .mapToDouble(r -> notApplicable(r) ? Double.NaN : r.stepsTo(target) < 0 ? Double.POSITIVE_INFINITY
                        : r.secondsTo(target)).toArray());
    }

    /** The chosen step size of {@code optimizer} on {@code problem}, NaN if it does not apply. */
    public double eta(String problem, String optimizer) {
        return runs(problem, optimizer).stream().mapToDouble(RunRecord::eta).findFirst().orElse(Double.NaN);
    }

    private static boolean notApplicable(RunRecord r) {
        return RunRecord.NOT_APPLICABLE.equals(r.status());
    }
}
