package dev.ogr.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and random data for the tests. */
final class Nets {

    static final int IN = 6;
    static final int HIDDEN = 5;
    static final int OUT = 3;

    private Nets() {
    }

    /** A 6-5-3 MLP with {@code updater} everywhere, or per layer / bias when the others are given. */
    static MultiLayerConfiguration mlp(IUpdater updater, IUpdater outputUpdater, IUpdater biasUpdater) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.FLOAT)
                .updater(updater);
        if (biasUpdater != null) {
            b.biasUpdater(biasUpdater);
        }
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(OUT)
                .activation(Activation.SOFTMAX);
        if (outputUpdater != null) {
            out.updater(outputUpdater);
        }
        return b.list()
                .layer(new DenseLayer.Builder().nIn(IN).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(out.build())
                .build();
    }

    static MultiLayerNetwork net(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Random batch {@code i} of 8 examples with one-hot labels, the same for the same i. */
    static DataSet batch(int i) {
        Nd4j.getRandom().setSeed(1000 + i);
        var x = Nd4j.rand(DataType.FLOAT, 8, IN).subi(0.5);
        var y = Nd4j.zeros(DataType.FLOAT, 8, OUT);
        for (int r = 0; r < 8; r++) {
            y.putScalar(r, (r + i) % OUT, 1);
        }
        return new DataSet(x, y);
    }
}
