package dev.ogr.core.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs block kernels over a range of coordinates on a small persistent pool of daemon threads: the range is cut into
 * one contiguous chunk per thread (on {@link Scratch#BLOCK} boundaries), the calling thread runs the first chunk and
 * waits for the others. Ranges shorter than {@link #THRESHOLD} run on the calling thread alone, as does any call made
 * while another thread is using the pool.
 *
 * <p>Kernels are elementwise, and reductions are kept per block and summed in block order, so results are the same
 * bit for bit whatever the number of threads. The number of threads is the system property {@code ogr.threads}, else
 * the environment variable {@code OGR_THREADS}, else 1 (no threads): with any other work on the cores (a DL4J
 * network's own computations, other processes) a kernel that waits for a descheduled helper thread ran twice as slow
 * here as on one thread, so splitting is opt-in, for machines with cores to spare.
 */
public final class Parallel {

    /** The smallest range split over threads. */
    public static final int THRESHOLD = 1 << 16;

    /** The system property that sets the number of threads. */
    public static final String PROPERTY = "ogr.threads";

    /** The environment variable that sets the number of threads when the property is absent. */
    public static final String ENVIRONMENT = "OGR_THREADS";

    private static final int SPINS = 1 << 14;

    /** A kernel over the coordinates {@code from .. to - 1}, using {@code scratch} as its working memory. */
    @FunctionalInterface
    public interface RangeKernel {
        /** Processes coordinates {@code from} (a multiple of {@link Scratch#BLOCK}) to {@code to - 1}. */
        void run(int from, int to, Scratch scratch);
    }

    private static volatile int threads = configured(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT), 1);
    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static Worker[] workers = new Worker[0];

    private Parallel() {
    }

    /**
     * The thread count that {@code property} (the value of {@value #PROPERTY}, or null) and {@code environment} (of
     * {@value #ENVIRONMENT}, or null) set, 1 when neither does; a front end checks its settings with it up front.
     *
     * @throws IllegalArgumentException naming the setting and its value when it is not a whole number in [1, 256]
     */
    public static int configuredThreads(String property, String environment) {
        return configured(property, environment, 1);
    }

    /** The thread count from the property, else the environment variable, else {@code fallback}. */
    static int configured(String property, String environment, int fallback) {
        String source = property != null ? "system property " + PROPERTY
                : environment != null ? "environment variable " + ENVIRONMENT : null;
        String value = property != null ? property : environment;
        if (value == null || value.isBlank()) {
            return Math.max(1, fallback);
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 256) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(source + " must be a whole number of threads in [1, 256], got '" + value
                + "'");
    }

    /** The number of threads kernels use on long ranges. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads (1 to 256) for kernels from now on; for benchmarks and tests. */
    public static void setThreads(int n) {
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256], got " + n);
        }
        threads = n;
    }

    /** Runs {@code kernel} over {@code 0 .. n - 1}, split over the threads when {@code n >= THRESHOLD}. */
    public static void forRange(int n, RangeKernel kernel) {
        int t = n < THRESHOLD ? 1 : threads;
        if (t <= 1 || !BUSY.compareAndSet(false, true)) {
            kernel.run(0, n, Scratch.current());
            return;
        }
        try {
            Worker[] pool = workers(t - 1);
            int blocks = (n + Scratch.BLOCK - 1) / Scratch.BLOCK;
            int per = (blocks + t - 1) / t * Scratch.BLOCK;
            int posted = 0;
            for (int j = 1; j < t && (long) j * per < n; j++) {
                pool[j - 1].post(kernel, j * per, (int) Math.min(n, (long) (j + 1) * per));
                posted++;
            }
            Throwable failure = null;
            try {
                kernel.run(0, Math.min(n, per), Scratch.current());
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            for (int j = 0; j < posted; j++) {
                Throwable f = pool[j].await();
                failure = failure == null ? f : failure;
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        } finally {
            BUSY.set(false);
        }
    }

    /** At least {@code count} started workers (called only by the holder of the pool). */
    private static Worker[] workers(int count) {
        if (workers.length < count) {
            Worker[] more = java.util.Arrays.copyOf(workers, count);
            for (int i = workers.length; i < count; i++) {
                more[i] = new Worker(i + 1);
            }
            workers = more;
        }
        return workers;
    }

    /** A daemon thread that runs one chunk per posted generation. */
    private static final class Worker implements Runnable {
        private final Thread thread;
        private volatile long posted;
        private volatile long done;
        private RangeKernel kernel;
        private int from;
        private int to;
        private Throwable failure;

        Worker(int index) {
            thread = new Thread(this, "ogr-kernel-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void post(RangeKernel k, int start, int end) {
            kernel = k;
            from = start;
            to = end;
            failure = null;
            posted = posted + 1; // volatile write publishes the fields above
            LockSupport.unpark(thread);
        }

        Throwable await() {
            long target = posted;
            for (int spins = 0; done != target; spins++) {
                if (spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            kernel = null;
            return failure;
        }

        @Override
        public void run() {
            Scratch scratch = Scratch.current();
            long seen = 0;
            while (true) {
                long next;
                for (int spins = 0; (next = posted) == seen; spins++) {
                    if (spins < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                seen = next;
                try {
                    kernel.run(from, to, scratch);
                } catch (Throwable t) {
                    failure = t;
                }
                done = next; // volatile write publishes the chunk's results and any failure
            }
        }
    }
}
