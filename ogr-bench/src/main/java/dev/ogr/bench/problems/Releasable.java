package dev.ogr.bench.problems;

/**
 * A sample or validation probe holding native memory of its own (a minibatch copied out of the training rows),
 * which the bench's step loops free as soon as the step that used it is over, instead of leaving it to the garbage
 * collector: ND4J frees an array's native memory only once the collector has reclaimed its Java object, and objects
 * that outlive a young collection wait for an old one, which a run that allocates little on the heap rarely
 * triggers (one epoch of MNIST minibatches is 190 MB of them).
 */
public interface Releasable {

    /** Frees this object's own arrays; it must not be evaluated afterwards. Releasing twice does nothing. */
    void release();

    /** Releases {@code o} if it is {@link Releasable} (a sample, a probe, or null: then nothing). */
    static void release(Object o) {
        if (o instanceof Releasable r) {
            r.release();
        }
    }
}
