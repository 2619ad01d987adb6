package com.example.ogr.mnist;

import dev.ogr.dl4j.OgrTrainer;
import dev.ogr.dl4j.OgrUpdater;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains a 784-H-10 MLP with ogr both ways a DL4J network can be, and in each saves after the first half of the
 * steps, restores from the file and continues; the continued network is compared bit for bit with one trained
 * without interruption:
 * <ul>
 *   <li>an {@link OgrUpdater} ({@code dogr}) inside the network's own {@code fit}, saved by {@code ModelSerializer}
 *       with its updater state;</li>
 *   <li>an {@link OgrTrainer} ({@code ogr1dc}, a recipe an updater cannot run), saved with
 *       {@link OgrTrainer#writeModel(File)} and read back with {@link OgrTrainer#restore(File)}.</li>
 * </ul>
 * Run with a data directory that holds {@code mnist/} for MNIST (one epoch in all), or with none for synthetic
 * digits.
 */
public final class MnistExample {

    private MnistExample() {
    }

    /** What one way of training gave: test accuracy, and whether save-restore-continue matched the straight run. */
    record Outcome(String path, double accuracy, boolean continuedBitForBit) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 1) {
            System.err.println("usage: MnistExample [DATA_DIR]   (DATA_DIR/mnist/ holds the four MNIST .gz files;"
                    + " without it: synthetic digits)");
            System.exit(2);
        }
        Digits data = args.length == 1 ? Digits.mnist(Path.of(args[0]), 64)
                : Digits.synthetic(4000, 1000, 64, 1);
        int steps = args.length == 1 ? data.batches().size() : 120;
        int hidden = args.length == 1 ? 256 : 64;
        System.out.println("data: " + data.name() + "; " + steps + " steps of 64 examples, hidden layer " + hidden);
        Path dir = Files.createTempDirectory("ogr-example");
        for (Outcome o : run(data, steps, hidden, dir)) {
            System.out.printf("%-26s test accuracy %.4f   saved at step %d, restored, continued bit for bit: %s%n",
                    o.path(), o.accuracy(), steps / 2, o.continuedBitForBit());
        }
    }

    /** Trains both ways on {@code data} for {@code steps} steps, saving into {@code dir} halfway. */
    static List<Outcome> run(Digits data, int steps, int hidden, Path dir) throws IOException {
        List<DataSet> batches = data.firstBatches(steps);
        int half = steps / 2;

        // 1. OgrUpdater: a DL4J updater like Adam; the network's own fit and ModelSerializer do the rest
        MultiLayerNetwork straight = mlp(OgrUpdater.dogr(1.0), hidden);
        batches.forEach(straight::fit);
        MultiLayerNetwork first = mlp(OgrUpdater.dogr(1.0), hidden);
        batches.subList(0, half).forEach(first::fit);
        File updaterFile = dir.resolve("updater-net.zip").toFile();
        ModelSerializer.writeModel(first, updaterFile, true); // true: with the updater's state
        MultiLayerNetwork continued = ModelSerializer.restoreMultiLayerNetwork(updaterFile, true);
        batches.subList(half, steps).forEach(continued::fit);
        Outcome updater = new Outcome("OgrUpdater dogr", accuracy(continued, data.test()), same(straight, continued));

        // 2. OgrTrainer: any recipe, on the network's flat parameters; NoOp: the network's updater is not used
        String recipe = "ogr1dc; lr=fixed(eta=0.3)";
        OgrTrainer straightTrainer = OgrTrainer.of(mlp(new NoOp(), hidden), recipe);
        batches.forEach(straightTrainer::fit);
        OgrTrainer firstTrainer = OgrTrainer.of(mlp(new NoOp(), hidden), recipe);
        batches.subList(0, half).forEach(firstTrainer::fit);
        File trainerFile = dir.resolve("trainer-net.zip").toFile();
        firstTrainer.writeModel(trainerFile); // the network and the trainer's state, in one ModelSerializer zip
        OgrTrainer restored = OgrTrainer.restore(trainerFile);
        batches.subList(half, steps).forEach(restored::fit);
        Outcome trainer = new Outcome("OgrTrainer ogr1dc", accuracy(restored.model(), data.test()),
                same(straightTrainer.model(), restored.model()));
        return List.of(updater, trainer);
    }

    private static MultiLayerNetwork mlp(IUpdater updater, int hidden) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(Digits.PIXELS).nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(Digits.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static double accuracy(Model model, DataSet test) {
        return ((MultiLayerNetwork) model).evaluate(
                new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(test.batchBy(1000)))
                .accuracy();
    }

    private static boolean same(Model a, Model b) {
        return Arrays.equals(a.params().dup().data().asBytes(), b.params().dup().data().asBytes());
    }
}
