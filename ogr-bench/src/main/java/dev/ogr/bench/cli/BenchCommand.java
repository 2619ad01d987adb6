package dev.ogr.bench.cli;

import dev.ogr.api.ConfigurationException;
import dev.ogr.bench.dl4j.Dl4jSuite;
import dev.ogr.bench.dl4j.Dl4jResults;
import dev.ogr.bench.dl4j.Dl4jSuiteFile;
import dev.ogr.bench.report.Dl4jReport;
import dev.ogr.bench.report.LearningRateReport;
import dev.ogr.bench.suite.LearningRateResults;
import dev.ogr.bench.suite.LearningRateSuite;
import dev.ogr.bench.report.Provenance;
import dev.ogr.bench.report.ReportDirectory;
import dev.ogr.bench.report.ReportWriter;
import dev.ogr.bench.suite.BenchmarkResults;
import dev.ogr.bench.suite.BenchmarkRunner;
import dev.ogr.bench.suite.RunJournal;
import dev.ogr.bench.suite.Suite;
import dev.ogr.bench.suite.SuiteFile;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ogr bench SUITE}: runs a suite file (a built-in one, {@code quick}, {@code paper}, {@code full}, or a path) and
 * writes its report; {@code lr} and {@code dl4j} run paper 2's table and the DL4J MLP comparison as before.
 */
@Command(name = "bench", description = "Run a benchmark suite and write its report (report.md, report.html,"
        + " results.csv, results.json, plots/).")
final class BenchCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUITE",
            description = "quick, defaults, sweep, paper or full (suite files shipped with ogr), or the path of a suite file (YAML or"
                    + " JSON; start from a copy of `./ogr bench --print quick`); lr: paper 2's tables on Boston and"
                    + " MNIST; dl4j: an MLP on MNIST through DL4J, DL4J's Adam against ogr recipes; dl4j-defaults: the same with"
                    + " nothing tuned")
    String suite;

    @Option(names = "--out", paramLabel = "DIR", description = "report directory (default target/SUITE, for dl4j"
            + " target/dl4j-DATASET-MODEL); one that"
            + " holds other files, or the report of another suite, optimizer list or number of seeds, is refused"
            + " unless --force is given; the report of the same run there is replaced")
    Path out;

    @Option(names = "--force", description = "write into --out even if it holds other files or another run's report"
            + " (that report's files are deleted first; other files stay)")
    boolean force;

    @Option(names = "--resume", description = "continue an interrupted run of the same command from the runs it recorded"
            + " in --out (in " + RunJournal.FILE + "; a run killed even with kill -9 keeps every optimizer it"
            + " finished); the results equal an uninterrupted run's apart from the timing")
    boolean resume;

    @Option(names = "--data", paramLabel = "DIR",
            description = "directory of downloadable data sets (then $OGR_DATA, then ~/.ogr/data)")
    Path data;

    @Option(names = "--file", paramLabel = "FILE",
            description = "the dl4j suite's file (default: the built-in dl4j.yaml; --print dl4j prints it to copy)")
    Path file;

    @Option(names = "--model", paramLabel = "mlp|cnn", converter = ModelConverter.class,
            description = "network of the dl4j suite: mlp (784-256-10) or cnn (two conv/pool layers, dense 64)"
                    + " (default: the suite file's)")
    Dl4jSuite.Model model;

    /** Reads {@code --model} case-insensitively, naming the choices when it is neither. */
    static final class ModelConverter implements picocli.CommandLine.ITypeConverter<Dl4jSuite.Model> {
        @Override
        public Dl4jSuite.Model convert(String value) {
            for (Dl4jSuite.Model m : Dl4jSuite.Model.values()) {
                if (m.name().equalsIgnoreCase(value)) {
                    return m;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "', expected mlp or cnn");
        }
    }

    @Option(names = "--dataset",
            description = "data set of the dl4j suite: mnist or fashion-mnist (default: the suite file's)")
    String dataset;

    @Option(names = "--seeds", paramLabel = "N",
            description = "evaluation seeds per optimizer and problem (default: the suite file's)")
    Integer seeds;

    @Option(names = "--optimizers", split = OgrCli.RECIPE_LIST_SPLIT, splitSynopsisLabel = ",",
            paramLabel = "PRESET",
            description = "optimizers to compare (default: the suite file's)")
    List<String> optimizers;

    @Option(names = "--pairs", paramLabel = "N",
            description = "dl4j suites only: the timing protocol instead of the tuned table: N rounds (after a warm-up"
                    + " round) of one epoch per optimizer at its defaults, interleaved, medians of paired ratios")
    Integer pairs;

    @Option(names = "--print", description = "print the suite file instead of running it (to copy and edit)")
    boolean print;

    @Override
    public Integer call() throws IOException {
        if (seeds != null && (seeds < 1 || seeds > 1000)) {
            throw new ConfigurationException("--seeds must be in [1, 1000], got " + seeds);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        StrategyRegistry registry = PluginLoader.load();
        RecipeResolver resolver = new RecipeResolver(registry);
        if (pairs != null && !(suite.equals("dl4j") || suite.equals("dl4j-defaults"))) {
            throw new ConfigurationException("--pairs times the dl4j suites only, got suite '" + suite + "'");
        }
        if (pairs != null && (pairs < 1 || pairs > 100)) {
            throw new ConfigurationException("--pairs must be in [1, 100], got " + pairs);
        }
        if ((suite.equals("dl4j") || suite.equals("dl4j-defaults")) && !print) {
            long start = System.nanoTime();
            Dl4jSuite.Settings settings = Dl4jSuiteFile.load(file, suite);
            if (model != null) {
                settings = settings.withModel(model);
            }
            if (dataset != null) {
                settings = settings.withDataset(dataset);
            }
            if (optimizers != null) {
                settings = settings.only(optimizers);
            }
            Dl4jSuite.requireTrainable(settings);
            if (pairs != null) {
                new Dl4jSuite(stdout, spec.commandLine().getErr()).timing(settings, data, pairs);
                stdout.printf("%ntotal %.1f s%n", (System.nanoTime() - start) / 1e9);
                stdout.flush();
                return 0;
            }
            Dl4jSuite.Settings chosen = settings;
            int n = seeds == null ? 1 : seeds;
            String base = file != null ? stem(file) : suite;
            String name = base + "-" + Dl4jReport.label(chosen);
            return report(name, chosen.candidates().stream().map(Dl4jSuite.Candidate::label).toList(), n, dir -> {
                Dl4jResults results = new Dl4jSuite(stdout, spec.commandLine().getErr()).run(chosen, data, n);
                Dl4jReport report = new Dl4jReport(results, base, provenance(file != null ? file.toString() : suite,
                        results.totalSeconds()));
                report.write(dir);
                return report.summary();
            });
        }
        if (suite.equals("lr") && !print) {
            if (optimizers != null) {
                throw new ConfigurationException("--optimizers does not apply to the lr suite (it compares tuned SGD"
                        + " with the learning-rate learners of paper 2)");
            }
            int n = seeds == null ? 5 : seeds;
            return report("lr", LearningRateSuite.optimizers(), n, dir -> {
                LearningRateResults results = new LearningRateSuite(resolver, spec.commandLine().getErr())
                        .run(data, n);
                LearningRateReport report = new LearningRateReport(results, provenance("lr", results.totalSeconds()));
                report.write(dir);
                return report.summary();
            });
        }
        if (print) {
            String text = SuiteFile.builtInText(suite);
            if (text == null) {
                throw new ConfigurationException("--print takes a built-in suite (" + String.join(", ",
                        SuiteFile.BUILT_IN) + ", dl4j, dl4j-defaults), got '" + suite + "'");
            }
            stdout.print(text);
            stdout.flush();
            return 0;
        }
        Suite s = SuiteFile.load(suite, registry);
        if (seeds != null) {
            s = s.withSeeds(seeds);
        }
        if (optimizers != null) {
            for (String o : optimizers) {
                resolver.resolve(o); // fail fast on a bad name
            }
            s = s.withOptimizers(optimizers);
        }
        SuiteFile.requireWorkWithinLimit(s); // --seeds and --optimizers change the work the file was checked for
        Path dir = out != null ? out : Path.of("target", s.name());
        try (ReportDirectory report = ReportDirectory.check(dir, s, force)) { // before anything runs
            return run(s, report, resolver, stdout);
        }
    }

    /** Runs a suite and writes its report into a directory; returns what the terminal shows. */
    @FunctionalInterface
    private interface TableSuite {
        String runAndWrite(Path dir) throws IOException;
    }

    /**
     * Runs the dl4j or lr suite, called {@code name}, comparing {@code labels} on {@code seeds} seeds: the report
     * directory is checked before anything runs, the report is written into its staging directory and put in place
     * only when complete; an interrupt leaves the earlier report as it was and says so.
     */
    private Integer report(String name, List<String> labels, int seeds, TableSuite run) throws IOException {
        if (resume) {
            throw new ConfigurationException("--resume continues a suite file's run; the " + name + " suite keeps no"
                    + " journal of its runs: run it again without --resume");
        }
        long start = System.nanoTime();
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = out != null ? out : Path.of("target", name);
        try (ReportDirectory report = ReportDirectory.check(dir, name, labels, seeds, force)) {
            Path staging = report.prepare();
            String kept = report.hasEarlierReport() ? "the earlier report in " + report.directory() + " is unchanged"
                    : report.directory() + " holds no report yet";
            String summary;
            try (InterruptNotice notice = new InterruptNotice(spec.commandLine().getErr())) {
                notice.during(() -> "while running suite '" + name + "'; " + kept, report::discard);
                summary = run.runAndWrite(staging);
                if (!notice.finish(report::commit, "as the report was being put in place; that was finished first: "
                        + report.directory() + " holds the new report")) {
                    return OgrCli.FAILED;
                }
            } catch (RuntimeException | IOException e) {
                report.discard();
                throw e;
            }
            stdout.println();
            stdout.print(summary);
            stdout.printf(Locale.ROOT, "%nreport: %s (and report.md, results.csv, results.json, tables.tex, plots/"
                    + " beside it)%ntotal %.1f s%n", report.directory().resolve("report.html"),
                    (System.nanoTime() - start) / 1e9);
            stdout.flush();
            return 0;
        }
    }

    private Provenance provenance(String suiteFile, double wallSeconds) {
        return Provenance.of("./ogr " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                SuiteFile.sha256(suiteFile), wallSeconds);
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Runs the suite {@code s} and writes its report into {@code report}. */
    private Integer run(Suite s, ReportDirectory report, RecipeResolver resolver, PrintWriter stdout)
            throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path journalFile = report.journalFile();
        Suite suiteRun = s;
        boolean interruptedBefore = Files.size(journalFile) > 0; // check() created it empty if there was none
        report.prepare(); // the directory and the staging directory beside it: one that cannot be written fails now
        BenchmarkResults results;
        try (InterruptNotice notice = new InterruptNotice(err)) {
            try (RunJournal journal = RunJournal.open(journalFile, s, resume)) {
                int pairs = s.problems().size() * s.optimizers().size();
                if (resume) {
                    err.println(journal.size() == 0
                            ? "ogr: --resume: " + report.directory() + " holds no finished runs of this suite; running"
                                    + " all of it"
                            : "ogr: resuming: " + journal.size() + " of " + pairs + " optimizer-problem pairs are"
                                    + " recorded in " + journalFile + "; running the rest");
                } else if (interruptedBefore) {
                    err.println("ogr: starting afresh; " + report.directory() + " held the journal of an interrupted"
                            + " run (add --resume to continue one instead)");
                }
                String kept = report.hasEarlierReport() ? "the earlier report in " + report.directory()
                        + " is unchanged" : report.directory() + " holds no report yet";
                notice.during(() -> "while running suite '" + suiteRun.name() + "' (" + journal.size() + " of " + pairs
                        + " optimizer-problem pairs finished, kept in " + journalFile + ": add --resume to the same"
                        + " command to continue from them); " + kept, report::discard);
                try (ProgressReporter progress = new ProgressReporter(s.name(), System.console() != null)) {
                    results = new BenchmarkRunner(resolver, data).run(s, progress, journal);
                }
                notice.during(() -> "while writing the report of suite '" + suiteRun.name() + "' (every run is kept in "
                        + journalFile + ": add --resume to the same command to write it without running again); "
                        + kept, report::discard);
            }
            String command = "./ogr " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            LOG.info("writing the report into {}", report.directory());
            new ReportWriter(results, Provenance.of(command, SuiteFile.sha256(suite), results.totalSeconds()))
                    .write(report.staging());
            if (!notice.finish(report::commit, "as the report was being put in place; that was finished first: "
                    + report.directory() + " holds the new report")) {
                return OgrCli.FAILED; // the interrupt already said what it kept
            }
        } catch (RuntimeException | IOException e) {
            report.discard();
            throw e;
        }
        Path html = report.directory().resolve("report.html");
        stdout.print(ReportWriter.summary(results));
        stdout.printf(Locale.ROOT, "%nreport: %s (and report.md, results.csv, results.json, tables.tex, plots/ beside it)%n"
                + "total %.1f s%n", html, results.totalSeconds());
        stdout.flush();
        return 0;
    }
}
