package dev.ogr.lr;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.LearnerInput;
import dev.ogr.api.LossProbe;
import dev.ogr.api.VectorMath;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluates f(η) = L(θ − η·g) along the gradient for paper 2's learners. The point θ − η·g is built in a scratch
 * array, so the parameters are never written: every probe leaves the model exactly as it was.
 */
final class LineProbe {

    private INDArray scratch;

    /** Allocates the scratch point once, for parameters of the given length and type. */
    void init(long dimension, DataType type) {
        scratch = Nd4j.createUninitialized(type, dimension);
    }

    /** f(η) for the given probe at the input's θ and g. */
    double at(LossProbe probe, LearnerInput in, double eta) {
        INDArray point = scratch;
        if (!Arrays.equals(point.shape(), in.theta().shape())) {
            point = scratch.reshape(in.theta().shape());
        }
        point.assign(in.theta());
        VectorMath.axpy(-eta, in.gradient().reshape(point.shape()), point);
        return probe.loss(point);
    }

    /** The probe to use: the training sample, or the validation batch when {@code validation} is set. */
    static LossProbe choose(LearnerInput in, boolean validation, String learner) {
        if (!validation) {
            return in.probe();
        }
        if (in.validation() == null) {
            throw new ConfigurationException(learner + " has validation=true, but this objective provides no"
                    + " validation batch (give the problem a holdout, e.g. holdout=1000)");
        }
        return in.validation();
    }
}
