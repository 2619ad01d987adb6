package dev.ogr.bench.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.bench.perf.PerfBenchmark.PresetTiming;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The children of {@code ogr perf --fork}: what they print, how it is read, and what a failing child leaves. */
class ForkedTimingsTest {

    @Test
    void aTimingLineReadsBackExactly() {
        PresetTiming t = new PresetTiming("asgd; max-step=0", 10_000_000L, 0.1 + 0.2, 4.4e8, 0.0056, 0.7 + 0.1,
                "0 (fused)", null);
        assertEquals(t, ForkedTimings.parse(ForkedTimings.format(t)));
        PresetTiming failed = PresetTiming.failed("dogr", 3, "failed: line one\n\tline two");
        PresetTiming back = ForkedTimings.parse(ForkedTimings.format(failed));
        assertEquals("failed: line one line two", back.failure());
        assertTrue(Double.isNaN(back.seconds()));
        assertNull(ForkedTimings.parse("| asgd | 1e7 | 30.00 ms |"));
        assertNull(ForkedTimings.parse(ForkedTimings.PREFIX + "\tasgd\t3"));
    }

    @Test
    void eachPresetRunsInItsOwnProcessAndReportsItsRows() {
        // a stand-in for the JVM: prints one timing line for the preset it is given as its last argument
        List<String> command = List.of("sh", "-c", "printf '" + ForkedTimings.PREFIX
                + "\\t%s\\t1000\\t0.25\\t44000.0\\t1.5E-6\\t0.5\\t0 (fused)\\t\\n' \"$2\"; echo other output", "sh");
        List<String> heard = new ArrayList<>();
        ForkedTimings t = ForkedTimings.run(command, List.of(), List.of("asgd", "dogr"), List.of(1000L),
                (i, preset) -> heard.add(i + " " + preset));
        assertEquals(List.of("0 asgd", "1 dogr"), heard);
        assertEquals(new PresetTiming("dogr", 1000, 0.25, 44000.0, 1.5e-6, 0.5, "0 (fused)", null), t.timing("dogr", 1000));
        assertEquals("failed: its JVM reported no timing at this size", t.timing("dogr", 3).failure());
    }

    @Test
    void aChildThatFailsLeavesItsLastErrorLineInTheRow() {
        List<String> command = List.of("sh", "-c", "echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2;"
                + " echo 'ogr: out of memory' >&2; echo 'WARNING: Using incubator modules: x' >&2; exit 3", "sh");
        ForkedTimings t = ForkedTimings.run(command, List.of(), List.of("ogr-pca"), List.of(10L, 3L), (i, p) -> { });
        assertEquals("failed: its JVM exited with status 3: ogr: out of memory", t.timing("ogr-pca", 10).failure());
        assertEquals("failed: its JVM exited with status 3: ogr: out of memory", t.timing("ogr-pca", 3).failure());
    }
}
