package dev.ogr.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ogr.bench.suite.BenchmarkResults;
import dev.ogr.bench.suite.RunRecord;
import dev.ogr.bench.suite.SuiteProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes {@code results.csv} (one row per optimizer, problem and seed; the timing columns last, everything before
 * them reproducible from the seeds) and {@code results.json} (the suite, the tuning scores, the targets and every
 * run with its curve).
 */
public final class ResultFiles {

    /** The CSV's timing columns: the only ones that differ between reruns with the same seeds. */
    public static final List<String> TIMING_COLUMNS = List.of("wall_seconds", "seconds_to_target",
            "optimizer_us_per_step", "gradient_us_per_step");

    private ResultFiles() {
    }

    /** Writes {@code results.csv}. */
    public static void writeCsv(BenchmarkResults results, Map<String, Double> targets, Path file) throws IOException {
        TreeSet<String> metrics = new TreeSet<>();
        results.runs().forEach(r -> metrics.addAll(r.testMetrics().keySet()));
        List<String> header = new ArrayList<>(List.of("suite", "problem", "optimizer", "baseline", "seed", "eta",
                "status", "steps", "final_loss", "target", "steps_to_target"));
        header.addAll(metrics);
        header.addAll(TIMING_COLUMNS);
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (RunRecord r : results.runs()) {
            SuiteProblem p = results.suite().problems().stream().filter(x -> x.label().equals(r.problem()))
                    .findFirst().orElseThrow();
            double target = targets.get(r.problem());
            boolean applies = !RunRecord.NOT_APPLICABLE.equals(r.status());
            List<String> row = new ArrayList<>(List.of(csv(results.suite().name()), csv(r.problem()),
                    csv(r.optimizer()), String.valueOf(results.suite().isBaseline(r.optimizer())),
                    String.valueOf(r.seed()), number(r.eta()), r.status(), String.valueOf(p.steps()),
                    number(r.finalLoss()), number(target), applies && r.stepsTo(target) >= 0
                            ? String.valueOf(r.stepsTo(target)) : ""));
            for (String m : metrics) {
                row.add(number(r.testMetrics().getOrDefault(m, Double.NaN)));
            }
            row.add(applies ? number(r.wallSeconds()) : "");
            row.add(applies ? number(r.secondsTo(target)) : "");
            row.add(number(r.optimizerSecondsPerStep() * 1e6));
            row.add(number(r.gradientSecondsPerStep() * 1e6));
            sb.append(String.join(",", row)).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /** Writes {@code results.json}. */
    public static void writeJson(BenchmarkResults results, Map<String, Double> targets, Provenance provenance,
            Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> suite = new LinkedHashMap<>();
        suite.put("name", results.suite().name());
        suite.put("description", results.suite().description());
        suite.put("seeds", results.suite().seeds());
        suite.put("tuning_seeds", results.suite().tuningSeeds());
        suite.put("grid", results.suite().grid());
        suite.put("optimizers", results.suite().optimizers());
        suite.put("baselines", results.suite().baselines());
        List<Map<String, Object>> problems = new ArrayList<>();
        for (SuiteProblem p : results.suite().problems()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", p.label());
            m.put("problem", p.spec());
            m.put("steps", p.steps());
            m.put("starts", p.starts());
            m.put("grid", p.grid());
            m.put("target", targets.get(p.label()));
            m.put("skipped", results.skipped().get(p.label()));
            problems.add(m);
        }
        suite.put("problems", problems);
        root.put("suite", suite);
        root.put("provenance", provenance.asMap());
        root.put("total_seconds", results.totalSeconds());
        root.put("tuning_scores", results.tuningScores());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunRecord r : results.runs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("problem", r.problem());
            m.put("optimizer", r.optimizer());
            m.put("baseline", results.suite().isBaseline(r.optimizer()));
            m.put("seed", r.seed());
            m.put("eta", r.eta());
            m.put("status", r.status());
            m.put("final_loss", r.finalLoss());
            m.put("test_metrics", r.testMetrics());
            m.put("wall_seconds", r.wallSeconds());
            m.put("optimizer_us_per_step", r.optimizerSecondsPerStep() * 1e6);
            m.put("gradient_us_per_step", r.gradientSecondsPerStep() * 1e6);
            m.put("curve", r.curve());
            runs.add(m);
        }
        root.put("runs", runs);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    /** A number as Java prints it (shortest text that reads back exactly), empty for NaN. */
    static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** {@code s} as a CSV field: quoted when it holds a comma or a quote. */
    static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
