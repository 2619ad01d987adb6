package dev.ogr.spark;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A small learnable problem for the Spark tests: 8 inputs, 3 classes given by a fixed linear rule, batches of 16. */
final class TestData {

    static final int IN = 8;
    static final int HIDDEN = 12;
    static final int OUT = 3;
    static final int BATCH = 16;

    private TestData() {
    }

    /** {@code count} batches, the same for the same arguments. */
    static List<DataSet> batches(int count, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray rule = Nd4j.rand(DataType.FLOAT, IN, OUT).subi(0.5);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, IN).subi(0.5).muli(2);
            INDArray cls = x.mmul(rule).argMax(1);
            INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, OUT);
            for (int r = 0; r < BATCH; r++) {
                y.putScalar(r, cls.getInt(r), 1f);
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }

    /** An 8-12-3 MLP with {@code updater}. */
    static MultiLayerNetwork mlp(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(OUT)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The same network as a computation graph. */
    static ComputationGraph graph(IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(updater).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH).build(),
                        "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(OUT)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** The largest absolute element-wise difference of two arrays of the same length. */
    static double maxDifference(INDArray a, INDArray b) {
        if (a.length() != b.length()) {
            throw new IllegalArgumentException("arrays of " + a.length() + " and " + b.length() + " elements");
        }
        return a.reshape(a.length()).castTo(DataType.DOUBLE).sub(b.reshape(b.length()).castTo(DataType.DOUBLE))
                .amaxNumber().doubleValue();
    }
}
