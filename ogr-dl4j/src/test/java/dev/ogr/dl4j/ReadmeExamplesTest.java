package dev.ogr.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** The three examples of docs/dl4j.md, as written there, on a few random MNIST-shaped batches. */
class ReadmeExamplesTest {

    @TempDir
    Path dir;

    private static DataSetIterator mnistShaped(int batches) {
        Nd4j.getRandom().setSeed(5);
        List<DataSet> list = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            var x = Nd4j.rand(DataType.FLOAT, 16, 784);
            var y = Nd4j.zeros(DataType.FLOAT, 16, 10);
            for (int r = 0; r < 16; r++) {
                y.putScalar(r, (r * 7 + b) % 10, 1);
            }
            list.add(new DataSet(x, y));
        }
        return new ListDataSetIterator<>(list, 1);
    }

    @Test
    void mlpWithTheUpdater() {
        DataSetIterator mnistTrain = mnistShaped(3);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1)
            .updater(new OgrUpdater("asgdc", 0.1))
            .list()
            .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
            .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(256).nOut(10).activation(Activation.SOFTMAX).build())
            .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        var before = net.params().dup();
        net.fit(mnistTrain, 1);
        assertEquals(3, net.getIterationCount());
        assertTrue(net.params().sub(before).norm2Number().doubleValue() > 0);
    }

    @Test
    void lenetWithTheTrainer() {
        DataSetIterator mnistTrain = mnistShaped(2);
        MultiLayerConfiguration lenet = new NeuralNetConfiguration.Builder().seed(1).list()
            .layer(new ConvolutionLayer.Builder(5, 5).nOut(20).activation(Activation.RELU).build())
            .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
            .layer(new ConvolutionLayer.Builder(5, 5).nOut(50).activation(Activation.RELU).build())
            .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
            .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build())
            .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
            .setInputType(InputType.convolutionalFlat(28, 28, 1))
            .build();
        MultiLayerNetwork net = new MultiLayerNetwork(lenet);
        net.init();
        var before = net.params().dup();
        OgrTrainer.of(net, "ogr1dc; lr=fixed(eta=0.1)").fit(mnistTrain, 1);
        assertEquals(2, net.getIterationCount());
        assertTrue(net.params().sub(before).norm2Number().doubleValue() > 0);
    }

    @Test
    void theTrainerWithAScheduleSavedAndRestored() throws Exception {
        DataSetIterator mnistTrain = mnistShaped(2);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new NoOp()).list()
            .layer(new DenseLayer.Builder().nIn(784).nOut(32).activation(Activation.RELU).build())
            .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(32).nOut(10).activation(Activation.SOFTMAX).build())
            .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        File file = dir.resolve("net.zip").toFile();
        OgrTrainer trainer = OgrTrainer.of(net, "ogr1dc; lr=fixed(eta=0.1)");
        trainer.setLearningRate(new ExponentialSchedule(ScheduleType.EPOCH, 0.1, 0.5));   // or a number
        trainer.fit(mnistTrain, 1);
        trainer.writeModel(file);                            // file: a java.io.File; the network and the trainer in one zip
        OgrTrainer restored = OgrTrainer.restore(file);      // a MultiLayerNetwork or ComputationGraph, and its trainer
        restored.fit(mnistTrain, 1);                         // continues as if never interrupted
        assertEquals(4, ((MultiLayerNetwork) restored.model()).getIterationCount());
        assertEquals(2, ((MultiLayerNetwork) restored.model()).getEpochCount());
        trainer.fit(mnistTrain, 1);                          // the same epoch on the original: the same parameters
        assertEquals(net.params(), restored.model().params());
    }
}
