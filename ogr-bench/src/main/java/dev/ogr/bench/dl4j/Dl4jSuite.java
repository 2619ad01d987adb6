package dev.ogr.bench.dl4j;

import dev.ogr.api.ParameterSpec;
import dev.ogr.bench.data.Datasets;
import dev.ogr.bench.data.LabelledData;
import dev.ogr.bench.data.RemoteDataset;
import dev.ogr.dl4j.OgrTrainer;
import dev.ogr.dl4j.OgrUpdater;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code ogr bench dl4j}: a 784-256-10 MLP (ReLU, softmax) or a small CNN on MNIST or Fashion-MNIST for one epoch of
 * minibatches of 100, with DL4J's own updaters ({@code Adam}, {@code Nesterovs}, {@code Sgd}) and with ogr recipes
 * through both paths of the DL4J integration (an {@link OgrUpdater} inside {@code net.fit}, and {@link OgrTrainer}).
 * Every optimizer's learning rate is chosen from its grid by accuracy on 10,000 training images held out (seeded),
 * training on the other 50,000; the table reports that run's accuracy on the 10,000 test images and the wall time
 * of its epoch.
 */
public final class Dl4jSuite {

    /** A candidate: how it trains and its learning-rate grid. */
    private record Candidate(String label, String path, String recipe, List<Double> grid) {
    }

    /** The networks of the suite. */
    public enum Model {
        /** 784-256-10, ReLU and softmax. */
        MLP,
        /** conv 5×5×8, max-pool 2, conv 5×5×16, max-pool 2, dense 64 (ReLU), softmax 10. */
        CNN
    }

    private static final int BATCH = 100;
    private static final int HOLDOUT = 10_000;
    private static final String DL4J = "DL4J updater";
    private static final String UPDATER = "OgrUpdater";
    private static final String TRAINER = "OgrTrainer";
    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate("dl4j-adam", DL4J, "adam", List.of(3e-4, 1e-3, 3e-3, 1e-2)),
            new Candidate("dl4j-nesterovs", DL4J, "nesterovs", List.of(0.01, 0.03, 0.1, 0.3)),
            new Candidate("dl4j-sgd", DL4J, "sgd", List.of(0.03, 0.1, 0.3)),
            new Candidate("adam@updater", UPDATER, "adam", List.of(1e-3, 3e-3, 1e-2)),
            new Candidate("asgdc@updater", UPDATER, "asgdc", List.of(0.1, 0.3, 1.0)),
            new Candidate("dogr@updater", UPDATER, "dogr", List.of(0.3, 1.0, 3.0)),
            new Candidate("cdogr@updater", UPDATER, "cdogr", List.of(0.3, 1.0, 3.0)),
            new Candidate("dogr@trainer", TRAINER, "dogr", List.of(0.3, 1.0, 3.0)),
            new Candidate("cdogr@trainer", TRAINER, "cdogr", List.of(0.3, 1.0, 3.0)),
            new Candidate("ogr1dc@trainer", TRAINER, "ogr1dc", List.of(0.1, 0.3, 1.0)),
            new Candidate("sgd+fd-newton3@trainer", TRAINER, "sgd+fd-newton3", List.of(0.01, 0.1)),
            new Candidate("momentum@trainer", TRAINER, "momentum", List.of(0.03, 0.1, 0.3)));

    private final PrintWriter out;
    private final PrintWriter progress;

    /** A suite printing its table to {@code out} and one line per run to {@code progress}. */
    public Dl4jSuite(PrintWriter out, PrintWriter progress) {
        this.out = out;
        this.progress = progress;
    }

    /** One training run's outcome. */
    private record Run(double eta, double validation, double test, double seconds) {
    }

    /**
     * Runs the suite with {@code model} on {@code dataset} ({@code mnist} or {@code fashion-mnist}) from
     * {@code data}, for the candidates whose label is in {@code only} (all when null).
     */
    public void run(Model model, String dataset, Path data, long seed, List<String> only) {
        if (!dataset.equals("mnist") && !dataset.equals("fashion-mnist")) {
            throw new dev.ogr.api.ConfigurationException("unknown data set '" + dataset
                    + "' for the dl4j suite; available: mnist, fashion-mnist");
        }
        List<String> labels = CANDIDATES.stream().map(Candidate::label).toList();
        if (only != null) {
            for (String o : only) {
                if (!labels.contains(o)) {
                    throw new dev.ogr.api.ConfigurationException("unknown optimizer '" + o + "' for the dl4j suite;"
                            + " available: " + String.join(", ", labels));
                }
            }
        }
        RemoteDataset remote = dataset.equals("fashion-mnist") ? RemoteDataset.FASHION_MNIST : RemoteDataset.MNIST;
        LabelledData d = Datasets.idx(remote, data);
        int[][] split = d.holdout(HOLDOUT, seed);
        List<DataSet> train = batches(d.trainFeatures(), d.trainTargets(), split[0], seed);
        DataSet validation = whole(d.trainFeatures(), d.trainTargets(), split[1]);
        DataSet test = whole(d.testFeatures(), d.testTargets(), null);
        out.printf("%s, %s, one epoch of %d steps of %d; learning rate chosen by accuracy on %d held-out training"
                + " images, test accuracy of that run; seed %d%n%n", dataset, model == Model.MLP
                        ? "784-256-10 MLP (ReLU, softmax)" : "CNN (conv 5x5x8, pool, conv 5x5x16, pool, dense 64)",
                train.size(), BATCH, HOLDOUT, seed);
        out.println("| optimizer | path | learning rate (grid) | validation accuracy | test accuracy | s per epoch |"
                + " / DL4J Adam |");
        out.println("|---|---|---|---|---|---|---|");
        double adamSeconds = Double.NaN;
        for (Candidate c : CANDIDATES) {
            if (only != null && !only.contains(c.label())) {
                continue;
            }
            Run best = null;
            for (double eta : c.grid()) {
                Run r = train(model, c, eta, train, validation, test, seed);
                progress.printf("  %s (%s) eta=%s: validation %.4f, test %.4f, %.1f s%n", c.label(), c.path(),
                        ParameterSpec.format(eta), r.validation(), r.test(), r.seconds());
                progress.flush();
                if (best == null || r.validation() > best.validation()) {
                    best = r;
                }
            }
            if (c.label().equals("dl4j-adam")) {
                adamSeconds = best.seconds();
            }
            out.printf("| %s | %s | %s (%s) | %.4f | %.4f | %.1f | %.2f |%n", c.label(), c.path(),
                    ParameterSpec.format(best.eta()), String.join(", ",
                            c.grid().stream().map(v -> ParameterSpec.format(v.doubleValue())).toList()),
                    best.validation(), best.test(), best.seconds(), best.seconds() / adamSeconds);
            out.flush();
        }
    }

    private Run train(Model model, Candidate c, double eta, List<DataSet> train, DataSet validation, DataSet test,
            long seed) {
        IUpdater updater = switch (c.path()) {
            case DL4J -> switch (c.recipe()) {
                case "adam" -> new Adam(eta);
                case "nesterovs" -> new Nesterovs(eta, 0.9);
                default -> new Sgd(eta);
            };
            case UPDATER -> new OgrUpdater(c.recipe(), eta);
            default -> new Adam(1e-3); // unused: OgrTrainer bypasses the network's updater
        };
        MultiLayerNetwork net = new MultiLayerNetwork(model == Model.MLP ? mlp(updater, seed) : cnn(updater, seed));
        net.init();
        OgrTrainer trainer = c.path().equals(TRAINER)
                ? OgrTrainer.of(net, c.recipe() + "; lr=fixed(eta=" + ParameterSpec.format(eta) + ")") : null;
        ListDataSetIterator<DataSet> it = new ListDataSetIterator<>(train, 1);
        long start = System.nanoTime();
        if (trainer == null) {
            net.fit(it);
        } else {
            trainer.fit(it, 1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(eta, accuracy(net, validation), accuracy(net, test), seconds);
    }

    private static double accuracy(MultiLayerNetwork net, DataSet data) {
        INDArray predicted = net.output(data.getFeatures()).argMax(1);
        INDArray actual = data.getLabels().argMax(1);
        return predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    static MultiLayerConfiguration mlp(IUpdater updater, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.RELU)
                .updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .build();
    }

    static MultiLayerConfiguration cnn(IUpdater updater, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.RELU)
                .updater(updater).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
    }

    private static List<DataSet> batches(INDArray features, double[] targets, int[] rows, long seed) {
        int[] order = rows.clone();
        java.util.Random random = new java.util.Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<DataSet> out = new ArrayList<>();
        for (int start = 0; start + BATCH <= order.length; start += BATCH) {
            out.add(whole(features, targets, java.util.Arrays.copyOfRange(order, start, start + BATCH)));
        }
        return out;
    }

    private static DataSet whole(INDArray features, double[] targets, int[] rows) {
        int n = rows == null ? targets.length : rows.length;
        INDArray x = rows == null ? features.castTo(DataType.FLOAT)
                : features.getRows(rows).castTo(DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (int) targets[rows == null ? i : rows[i]], 1f);
        }
        return new DataSet(x, y);
    }
}
