package dev.ogr.bench.perf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.core.kernel.Kernels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The STREAM reference runs where the steps do: over host memory on the CPU backend, and as whole-array ND4J ops
 * where the kernels cannot read the arrays' memory directly (a CUDA backend; {@link Kernels.Mode#ND4J} makes the CPU
 * backend behave so), where it used to fail on the missing host buffers.
 */
class StreamReferenceTest {

    @AfterEach
    void restore() {
        Kernels.setMode(Kernels.Mode.AUTO);
    }

    @ParameterizedTest
    @EnumSource(Kernels.Mode.class)
    void measuresFourFiniteBandwidthsAndRunsThePairedTriad(Kernels.Mode mode) {
        Kernels.setMode(mode);
        StreamReference.Bandwidths b = new StreamReference(0.001).measure(1000);
        for (double gbs : new double[] {b.copy(), b.scale(), b.add(), b.triad()}) {
            assertTrue(gbs > 0 && Double.isFinite(gbs), mode + ": " + b);
        }
        Runnable triad = StreamReference.triadPass(1000);
        triad.run();
        triad.run();
    }
}
