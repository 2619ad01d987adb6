package dev.ogr.bench.cli;

import dev.ogr.bench.suite.BenchmarkRunner;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a suite's progress: a progress bar with the ETA and the current problem and optimizer on a terminal, plain
 * log lines (one per problem and optimizer, with the share done and the ETA) otherwise.
 */
final class ProgressReporter implements BenchmarkRunner.Progress, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final String task;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private ProgressBar bar;

    /** A reporter for the suite {@code task}; a bar if {@code terminal}, log lines otherwise. */
    ProgressReporter(String task, boolean terminal) {
        this.task = task;
        this.terminal = terminal;
    }

    @Override
    public void update(long done, long total, String problem, String optimizer) {
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250).setMaxRenderedLength(120).build();
            }
            bar.stepTo(done);
            bar.setExtraMessage(problem.isEmpty() ? "done" : problem + " / " + optimizer);
            return;
        }
        if (problem.isEmpty()) {
            return;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        String eta = done == 0 ? "?" : String.format(Locale.ROOT, "%.0f s", elapsed * (total - done) / done);
        LOG.info(String.format(Locale.ROOT, "%s %3.0f%% (ETA %s): %s / %s", task, 100.0 * done / total, eta, problem,
                optimizer));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
