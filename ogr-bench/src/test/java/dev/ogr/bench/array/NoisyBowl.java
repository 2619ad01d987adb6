package dev.ogr.bench.array;

import dev.ogr.api.Sample;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The array-op tests' problem: ½Σ hᵢθᵢ² with noise, g = h·θ + n_k (k in turn), computed with ND4J ops only, with
 * the coordinates the fused paths guard (0: a gradient always 0; 1: a constant gradient; 2: starts at 0 without
 * noise and stays there); and an optimizer of a preset made with a given kernel program.
 */
final class NoisyBowl implements Sample {

    private static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());
    private static final int NOISES = 5;

    private final INDArray h;
    private final INDArray[] noise;
    private int k;

    /** The bowl in {@code d} dimensions, its arrays of {@code type} (made by {@code memory} when not null). */
    NoisyBowl(int d, DataType type, CountingArrays memory) {
        java.util.Random r = new java.util.Random(15);
        double[] hv = new double[d];
        double[][] nv = new double[NOISES][d];
        for (int i = 0; i < d; i++) {
            hv[i] = 0.5 + 4 * r.nextDouble();
            for (int j = 0; j < NOISES; j++) {
                nv[j][i] = 0.1 * r.nextGaussian();
            }
        }
        hv[0] = 0; // g = 0 always
        hv[1] = 0; // a constant gradient
        hv[2] = 2; // starts at 0 without noise: stays at 0
        for (int j = 0; j < NOISES; j++) {
            nv[j][0] = 0;
            nv[j][1] = 1e-3;
            nv[j][2] = 0;
        }
        h = array(type, hv, memory);
        noise = new INDArray[NOISES];
        for (int j = 0; j < NOISES; j++) {
            noise[j] = array(type, nv[j], memory);
        }
    }

    /** The start: Gaussian, seeded, with coordinate 2 at 0. */
    static double[] start(int d) {
        java.util.Random r = new java.util.Random(16);
        double[] s = new double[d];
        for (int i = 0; i < d; i++) {
            s[i] = r.nextGaussian();
        }
        s[2] = 0;
        return s;
    }

    static INDArray array(DataType type, double[] values, CountingArrays memory) {
        return memory != null ? memory.vector(type, values) : Nd4j.createFromArray(values).castTo(type);
    }

    @Override
    public double lossAndGradient(INDArray theta, INDArray gradient) {
        theta.mul(h, gradient);
        gradient.addi(noise[k]);
        k = (k + 1) % noise.length;
        return 1.0;
    }

    @Override
    public double loss(INDArray theta) {
        return 1.0;
    }

    /** An optimizer running {@code preset} from {@code start} with its kernels of {@code program}. */
    static OgrOptimizer create(String preset, Kernels.Program program, INDArray start) {
        Kernels.setProgram(program);
        try {
            return OgrOptimizer.create(RESOLVER.resolve(preset), start);
        } finally {
            Kernels.setProgram(null);
        }
    }
}
