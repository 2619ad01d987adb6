package dev.ogr.testkit;

import dev.ogr.api.LossProbe;
import dev.ogr.api.Objective;
import dev.ogr.api.Sample;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.kernel.Kernels;
import dev.ogr.core.recipe.ResolvedRecipe;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The kit's runs: optimizers created and stepped in one data type and one execution mode, θ kept per step. */
final class Runs {

    private Runs() {
    }

    /** Runs {@code body} with the core's kernels in {@code mode}, then back in the automatic choice. */
    static <T> T inMode(Kernels.Mode mode, Supplier<T> body) {
        Kernels.Mode before = Kernels.mode();
        Kernels.setMode(mode);
        try {
            return body.get();
        } finally {
            Kernels.setMode(before);
        }
    }

    /** An optimizer of {@code recipe} at {@code start} cast to {@code type}. */
    static OgrOptimizer create(ResolvedRecipe recipe, INDArray start, DataType type) {
        return OgrOptimizer.create(recipe, start.castTo(type));
    }

    /**
     * Steps {@code optimizer} through samples {@code from} to {@code to} − 1 of {@code objective} and returns θ after
     * each step, as doubles.
     */
    static double[][] steps(OgrOptimizer optimizer, Objective objective, long from, long to) {
        double[][] thetas = new double[(int) (to - from)][];
        for (long t = from; t < to; t++) {
            optimizer.step(typed(objective.sample(t), objective.dataType()), validation(objective, t));
            thetas[(int) (t - from)] = doubles(optimizer.parameters());
        }
        return thetas;
    }

    /** The validation probe of step {@code t}, or null. */
    static LossProbe validation(Objective objective, long t) {
        return objective.validation(t).orElse(null);
    }

    /** A copy of {@code array}'s values as doubles (exact for float, and for integers below 2^53). */
    static double[] doubles(INDArray array) {
        return array.dataType() == DataType.DOUBLE ? array.ravel().toDoubleVector()
                : array.castTo(DataType.DOUBLE).ravel().toDoubleVector();
    }

    /**
     * {@code sample} for parameters of any type: when θ is not of the objective's type, θ is cast to it and the
     * gradient computed there is cast back into the optimizer's array.
     */
    static Sample typed(Sample sample, DataType objectiveType) {
        return new Sample() {
            @Override
            public double lossAndGradient(INDArray theta, INDArray gradient) {
                if (theta.dataType() == objectiveType) {
                    return sample.lossAndGradient(theta, gradient);
                }
                INDArray th = theta.castTo(objectiveType);
                INDArray g = th.dup();
                double loss = sample.lossAndGradient(th, g);
                gradient.assign(g.castTo(gradient.dataType()));
                return loss;
            }

            @Override
            public double loss(INDArray theta) {
                return sample.loss(theta.dataType() == objectiveType ? theta : theta.castTo(objectiveType));
            }
        };
    }
}
