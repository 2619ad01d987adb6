package dev.ogr.bench.perf;

import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.kernel.Parallel;
import dev.ogr.core.kernel.Vec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A STREAM-style bandwidth reference (McCalpin's copy, scale, add and triad) over float arrays of the step's size in
 * ND4J's native memory, split over {@link Parallel}'s threads as the kernels are, so measured with the same memory and
 * the same threads as the steps it is set against, and with the same access: the JDK's Vector API where the JVM has
 * it, as the step kernels then use, else scalar loops. Off the CPU backend (CUDA), where the steps run as whole-array
 * ND4J ops, each kernel is one such op in the backend's memory. Each kernel is timed as the best of repeated passes (the STREAM
 * rule: the fastest pass is the one least disturbed); bytes are counted as STREAM counts them, each array element
 * read or written once (8 bytes an element for copy and scale, 12 for add and triad), without write-allocate traffic.
 */
public final class StreamReference {

    /** The four bandwidths in GB/s. */
    public record Bandwidths(double copy, double scale, double add, double triad) {
    }

    private final double seconds;

    /** A reference that spends about {@code seconds} on each kernel (at least five passes). */
    public StreamReference(double seconds) {
        this.seconds = seconds;
    }

    /** Measures the four kernels over arrays of {@code d} floats. */
    public Bandwidths measure(long d) {
        if (d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arrays of at most 2^31 - 1 elements, got " + d);
        }
        int n = (int) d;
        INDArray a = Nd4j.zeros(DataType.FLOAT, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n);
        INDArray c = Nd4j.rand(DataType.FLOAT, n);
        float s = 3f;
        double copy = best(n, pass("copy", a, b, c, s));
        double scale = best(n, pass("scale", a, b, c, s));
        double add = best(n, pass("add", a, b, c, s));
        double triad = best(n, pass("triad", a, b, c, s));
        java.lang.ref.Reference.reachabilityFence(new INDArray[] {a, b, c}); // the passes may hold only their memory
        return new Bandwidths(8.0 * n / copy / 1e9, 8.0 * n / scale / 1e9, 12.0 * n / add / 1e9,
                12.0 * n / triad / 1e9);
    }

    /**
     * One triad pass a ← b + s·c over new arrays of {@code d} floats per run, as {@link #measure} times it (the same
     * loops, threads and memory), for timings that alternate with a step's ({@link StepTimer#paired}).
     */
    public static Runnable triadPass(long d) {
        if (d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arrays of at most 2^31 - 1 elements, got " + d);
        }
        int n = (int) d;
        INDArray[] arrays = {Nd4j.zeros(DataType.FLOAT, n), Nd4j.rand(DataType.FLOAT, n), Nd4j.rand(DataType.FLOAT, n)};
        Runnable triad = pass("triad", arrays[0], arrays[1], arrays[2], 3f);
        return () -> {
            triad.run();
            java.lang.ref.Reference.reachabilityFence(arrays); // the pass may hold only their memory, not the arrays
        };
    }

    /**
     * One pass of a STREAM kernel over all {@code n} elements: over the arrays' host memory split over
     * {@link Parallel}'s threads where the kernels access it directly (the CPU backend), else as one whole-array
     * ND4J op in the backend's memory, as the array-op programs then run (copy: {@code assign}; scale and add: an op
     * into {@code a}; triad: BLAS axpy, a ← a + s·c, the same bytes as a ← b + s·c).
     */
    private static Runnable pass(String name, INDArray a, INDArray b, INDArray c, float s) {
        if (!(Kernels.direct(a) && Kernels.direct(b) && Kernels.direct(c))) {
            long n = a.length();
            return switch (name) {
                case "copy" -> () -> a.assign(b);
                case "scale" -> () -> b.mul(s, a);
                case "add" -> () -> b.add(c, a);
                default -> () -> Nd4j.getBlasWrapper().level1().axpy(n, s, c, a);
            };
        }
        int n = (int) a.length();
        Parallel.RangeKernel kernel = kernel(name, a, b, c, s);
        return () -> Parallel.forRange(n, kernel);
    }

    /**
     * A STREAM kernel over the arrays' native memory: in the Vector API when the JVM has it (as the step kernels then
     * run), else scalar loops (which the JIT of JDK 17 does not vectorise over native memory).
     */
    private static Parallel.RangeKernel kernel(String name, INDArray a, INDArray b, INDArray c, float s) {
        ByteBuffer ba = Vec.of(a).bytes();
        ByteBuffer bb = Vec.of(b).bytes();
        ByteBuffer bc = Vec.of(c).bytes();
        if (Kernels.vectorModule()) {
            return StreamVectorLoops.kernel(name, ba, bb, bc, s);
        }
        FloatBuffer fa = ba.order(ByteOrder.nativeOrder()).asFloatBuffer();
        FloatBuffer fb = bb.order(ByteOrder.nativeOrder()).asFloatBuffer();
        FloatBuffer fc = bc.order(ByteOrder.nativeOrder()).asFloatBuffer();
        return switch (name) {
            case "copy" -> (from, to, x) -> {
                for (int i = from; i < to; i++) {
                    fa.put(i, fb.get(i));
                }
            };
            case "scale" -> (from, to, x) -> {
                for (int i = from; i < to; i++) {
                    fa.put(i, s * fb.get(i));
                }
            };
            case "add" -> (from, to, x) -> {
                for (int i = from; i < to; i++) {
                    fa.put(i, fb.get(i) + fc.get(i));
                }
            };
            default -> (from, to, x) -> {
                for (int i = from; i < to; i++) {
                    fa.put(i, fb.get(i) + s * fc.get(i));
                }
            };
        };
    }

    /**
     * The fastest of repeated runs of {@code pass} over {@code n} elements, after a warm-up; short arrays are timed
     * over enough passes in a row for the clock to resolve them (at least 10⁵ elements). The time budget counts from
     * the last pass that halved the best time, up to ten budgets in all: until C2 has compiled them the Vector API
     * loops run boxed, 100× slower, and that can take longer than one budget early in a JVM (a copy of 10⁵ floats
     * measured at 2–10 ms instead of 25–30 µs).
     */
    private double best(int n, Runnable pass) {
        long budget = (long) (seconds * 1e9);
        int repeat = Math.max(1, 100_000 / Math.max(n, 1));
        long start = System.nanoTime();
        long settled = start; // when the best time last halved
        int passes = 0;
        double best = Double.POSITIVE_INFINITY;
        while (passes < 5 || System.nanoTime() - settled < budget && System.nanoTime() - start < 10 * budget) {
            long t0 = System.nanoTime();
            for (int r = 0; r < repeat; r++) {
                pass.run();
            }
            double t = (System.nanoTime() - t0) / 1e9 / repeat;
            if (passes >= 2) { // the first passes compile the loop
                if (t < best / 2) {
                    settled = System.nanoTime();
                }
                best = Math.min(best, t);
            }
            passes++;
        }
        return best;
    }
}
