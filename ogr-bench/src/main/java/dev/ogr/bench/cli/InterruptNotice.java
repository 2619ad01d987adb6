package dev.ogr.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * A shutdown hook for a command that writes files: when the process is interrupted (SIGINT, SIGTERM), it says in one
 * line what was interrupted and what was kept, and runs the clean-up of the current phase (deleting a half-written
 * report). A step that must not be cut in half (putting a finished report in place) runs through {@link #finish}: an
 * interrupt that arrives meanwhile waits for it, and one that arrived before stops it from starting. Closing the
 * notice removes the hook.
 */
final class InterruptNotice implements AutoCloseable {

    /** A step that writes files. */
    @FunctionalInterface
    interface Step {
        /** Runs the step. */
        void run() throws IOException;
    }

    private final PrintWriter err;
    private final Thread hook = new Thread(this::interrupted, "ogr-interrupt");
    private final Object lock = new Object();
    private Supplier<String> said;
    private Runnable cleanup;
    private boolean interrupted;

    /** Installs the hook; it says nothing until {@link #during} names a phase. */
    InterruptNotice(PrintWriter err) {
        this.err = err;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * From now on, an interrupt prints {@code "ogr: interrupted " + message.get()} and runs {@code cleanup}.
     */
    void during(Supplier<String> message, Runnable cleanup) {
        synchronized (lock) {
            this.said = message;
            this.cleanup = cleanup;
        }
    }

    /**
     * Runs {@code step} whole unless the process is already being interrupted (then not at all, and false); an
     * interrupt that arrives meanwhile waits for it and then prints {@code "ogr: interrupted " + afterwards}.
     */
    boolean finish(Step step, String afterwards) throws IOException {
        synchronized (lock) {
            if (interrupted) {
                return false;
            }
            step.run();
            said = () -> afterwards;
            cleanup = null;
            return true;
        }
    }

    private void interrupted() {
        synchronized (lock) {
            interrupted = true;
            if (said != null) {
                err.println("ogr: interrupted " + said.get());
                err.flush();
            }
            if (cleanup != null) {
                cleanup.run();
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            said = null;
            cleanup = null;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }
}
