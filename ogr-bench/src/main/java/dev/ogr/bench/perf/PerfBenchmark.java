package dev.ogr.bench.perf;

import dev.ogr.api.Sample;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.recipe.RecipeResolver;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The per-step cost of optimizers on float parameters, in one run: every preset, DL4J's (ND4J's) own {@code Adam}
 * updater step (applyUpdater and the parameter update, as a DL4J network does it), and a plain memory copy of D
 * floats as the bandwidth yardstick. The gradient is fixed, so only the optimizer's own work is timed.
 *
 * <p>Bytes moved: a fused single pass must read θ and g, read and write each D-sized state array, and write θ:
 * 4·D·(3 + 2·S) bytes for S state arrays of length D (a subspace basis of k vectors counts as k arrays). Dividing by
 * the step time gives an effective bandwidth, set against the copy's (which reads and writes 4·D bytes each). The
 * subspace presets need two passes (the step needs the projections on the whole basis before it can move θ), so for
 * them this is a lower bound that a single pass could reach, not what they must move.
 */
public final class PerfBenchmark {

    private final RecipeResolver resolver;
    private final StepTimer timer;
    private final PrintWriter out;

    /** A benchmark writing its table to {@code out}. */
    public PerfBenchmark(RecipeResolver resolver, StepTimer timer, PrintWriter out) {
        this.resolver = resolver;
        this.timer = timer;
        this.out = out;
    }

    /** A sample whose gradient is a fixed array: filling it is not the optimizer's cost, so it is done once. */
    private static Sample fixedGradient(INDArray g) {
        boolean[] filled = new boolean[1];
        return new Sample() {
            @Override
            public double lossAndGradient(INDArray theta, INDArray gradient) {
                if (!filled[0]) {
                    gradient.assign(g);
                    filled[0] = true;
                }
                return 1.0;
            }

            @Override
            public double loss(INDArray theta) {
                return 1.0;
            }
        };
    }

    /** Runs every size and prints a Markdown table. */
    public void run(List<Long> sizes, List<String> presets) {
        out.println("| optimizer | D | time per step | / DL4J Adam | bytes moved per step | effective GB/s | / copy bandwidth |");
        out.println("|---|---|---|---|---|---|---|");
        for (long d : sizes) {
            INDArray g = Nd4j.rand(DataType.FLOAT, d).subi(0.5f).muli(1e-3f);
            INDArray src = Nd4j.rand(DataType.FLOAT, d);
            INDArray dst = Nd4j.zeros(DataType.FLOAT, d);
            double copy = timer.secondsPerCall(() -> dst.assign(src));
            double copyBandwidth = 8.0 * d / copy / 1e9;
            row("memory copy (ND4J assign)", d, copy, Double.NaN, 8.0 * d, copyBandwidth);

            INDArray params = Nd4j.rand(DataType.FLOAT, 1, d);
            INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2 * d);
            GradientUpdater<?> adam = new Adam(1e-3).instantiate(state, true);
            INDArray grad = g.reshape(1, d).dup();
            int[] iteration = new int[1];
            double dl4j = timer.secondsPerCall(() -> {
                adam.applyUpdater(grad, iteration[0]++, 0);
                params.subi(grad);
            });
            row("DL4J Adam updater", d, dl4j, dl4j, 4.0 * d * 7, 4.0 * d * 7 / dl4j / 1e9 / copyBandwidth);

            for (String preset : presets) {
                OgrOptimizer opt;
                try {
                    opt = OgrOptimizer.create(resolver.resolve(preset), Nd4j.rand(DataType.FLOAT, d));
                } catch (dev.ogr.api.ConfigurationException notApplicable) { // e.g. full-ogr beyond 64 parameters
                    out.printf(Locale.ROOT, "| %s | %s | n/a | | | | |%n", preset, size(d));
                    continue;
                }
                Sample sample = fixedGradient(g);
                double t = timer.secondsPerCall(() -> opt.step(sample));
                double bytes = 4.0 * d * (3 + 2 * stateArrays(opt.exportState(), d));
                row(preset, d, t, dl4j, bytes, bytes / t / 1e9 / copyBandwidth);
            }
            out.flush();
        }
    }

    /**
     * The number of D-length state arrays besides θ; a k×D array (a subspace basis, one basis vector per row) counts
     * as k of them.
     */
    private static int stateArrays(Map<String, INDArray> state, long d) {
        int n = 0;
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            INDArray a = e.getValue();
            if (e.getKey().equals("optimizer/theta")) {
                continue;
            }
            if (a.rank() == 2 && a.size(1) == d) {
                n += (int) a.size(0);
            } else if (a.length() == d) {
                n++;
            }
        }
        return n;
    }

    private void row(String name, long d, double seconds, double dl4j, double bytes, double ofCopy) {
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.3g MB | %.2f | %s |%n", name, size(d), time(seconds),
                Double.isNaN(dl4j) ? "" : String.format(Locale.ROOT, "%.2f", seconds / dl4j), bytes / 1e6,
                bytes / seconds / 1e9, name.startsWith("memory") ? "1.00"
                        : String.format(Locale.ROOT, "%.2f", ofCopy));
    }

    private static String size(long d) {
        return d < 1e4 ? Long.toString(d) : String.format(Locale.ROOT, "1e%d", Math.round(Math.log10(d)));
    }

    private static String time(double seconds) {
        if (seconds < 1e-3) {
            return String.format(Locale.ROOT, "%.1f µs", seconds * 1e6);
        }
        return String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
    }
}
