package dev.ogr.bench.dl4j;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.ParameterSpec;
import dev.ogr.bench.data.Datasets;
import dev.ogr.bench.data.LabelledData;
import dev.ogr.bench.data.RemoteDataset;
import dev.ogr.dl4j.OgrTrainer;
import dev.ogr.dl4j.OgrUpdater;
import java.io.PrintWriter;
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
import org.nd4j.linalg.learning.config.NoOp;
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

    /** How a candidate trains. */
    public enum Path {
        /** DL4J's own updater inside {@code net.fit}. */
        DL4J("DL4J updater"),
        /** An ogr recipe as {@link OgrUpdater} inside {@code net.fit}. */
        UPDATER("OgrUpdater"),
        /** An ogr recipe run by {@link OgrTrainer}. */
        TRAINER("OgrTrainer");

        private final String text;

        Path(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A candidate: its label, how it trains, what (DL4J's {@code adam}, {@code nesterovs} or {@code sgd}, or an ogr
     * recipe) and its learning-rate grid.
     */
    public record Candidate(String label, Path path, String what, List<Double> grid) {
    }

    /** The networks of the suite. */
    public enum Model {
        /** 784-256-10, ReLU and softmax. */
        MLP,
        /** conv 5×5×8, max-pool 2, conv 5×5×16, max-pool 2, dense 64 (ReLU), softmax 10. */
        CNN
    }

    /** What a dl4j suite file says (see {@link Dl4jSuiteFile}). */
    public record Settings(Model model, String dataset, int batch, int holdout, long seed, List<Candidate> candidates,
            String baseline, boolean tuned) {

        /** These settings with {@code value} as the seed (initial weights, minibatch order, held-out images). */
        public Settings withSeed(long value) {
            return new Settings(model, dataset, batch, holdout, value, candidates, baseline, tuned);
        }

        /** The same with another network. */
        public Settings withModel(Model value) {
            return new Settings(value, dataset, batch, holdout, seed, candidates, baseline, tuned);
        }

        /** The same on another data set ({@code mnist} or {@code fashion-mnist}). */
        public Settings withDataset(String value) {
            if (!value.equals("mnist") && !value.equals("fashion-mnist")) {
                throw new ConfigurationException("unknown data set '" + value
                        + "' for the dl4j suite; available: mnist, fashion-mnist");
            }
            return new Settings(model, value, batch, holdout, seed, candidates, baseline, tuned);
        }

        /** The same with only the candidates labelled in {@code labels} (the baseline stays). */
        public Settings only(List<String> labels) {
            List<String> known = candidates.stream().map(Candidate::label).toList();
            for (String o : labels) {
                if (!known.contains(o)) {
                    throw new ConfigurationException("unknown optimizer '" + o + "' for the dl4j suite;"
                            + " available: " + String.join(", ", known));
                }
            }
            return new Settings(model, dataset, batch, holdout, seed, candidates.stream()
                    .filter(c -> labels.contains(c.label()) || c.label().equals(baseline)).toList(), baseline, tuned);
        }
    }

    private final PrintWriter out;
    private final PrintWriter progress;

    /** A suite printing its table to {@code out} and one line per run to {@code progress}. */
    public Dl4jSuite(PrintWriter out, PrintWriter progress) {
        this.out = out;
        this.progress = progress;
    }

    /** The seeded minibatches to train on, the held-out images and the test set. */
    private record Splits(List<DataSet> train, DataSet validation, DataSet test) {
    }

    private static Splits splits(Settings settings, java.nio.file.Path data) {
        RemoteDataset remote = settings.dataset().equals("fashion-mnist") ? RemoteDataset.FASHION_MNIST
                : RemoteDataset.MNIST;
        LabelledData d = Datasets.idx(remote, data);
        int[][] split = d.holdout(settings.holdout(), settings.seed());
        return new Splits(batches(d.trainFeatures(), d.trainTargets(), split[0], settings.batch(), settings.seed()),
                whole(d.trainFeatures(), d.trainTargets(), split[1]), whole(d.testFeatures(), d.testTargets(), null));
    }

    /** One training run's outcome. */
    private record Run(double eta, double validation, double test, double seconds) {
    }

    /** Runs the suite {@code settings} describes on its one seed, reading the data from {@code data}. */
    public void run(Settings settings, java.nio.file.Path data) {
        run(settings, data, 1);
    }

    /**
     * Runs the suite {@code settings} describes, reading the data from {@code data} (or the usual places): each
     * optimizer's learning rate is chosen on the file's seed, then it trains at that rate on {@code seeds} seeds (the
     * file's seed first, then the next ones: the network's initial weights and the order of the minibatches change);
     * the table gives the median test accuracy with its range and, against the baseline, on how many seeds the
     * optimizer's test accuracy was higher at the same seed (a paired comparison).
     */
    public void run(Settings settings, java.nio.file.Path data, int seeds) {
        String dataset = settings.dataset();
        Model model = settings.model();
        long seed = settings.seed();
        Splits splits = splits(settings, data);
        List<DataSet> train = splits.train();
        DataSet validation = splits.validation();
        DataSet test = splits.test();
        out.printf("%s, %s, one epoch of %d steps of %d; %s; %s%n%n", dataset, model == Model.MLP
                        ? "784-256-10 MLP (ReLU, softmax)" : "CNN (conv 5x5x8, pool, conv 5x5x16, pool, dense 64)",
                train.size(), settings.batch(), settings.tuned() ? "learning rate chosen by accuracy on "
                        + settings.holdout() + " held-out training images (seed " + seed + ")"
                        : "nothing tuned: every optimizer at its defaults (tuning: none)", seeds == 1 ? "seed " + seed
                        : seeds + " seeds (" + seed + " to " + (seed + seeds - 1) + "), medians [min, max]");
        String vs = settings.baseline();
        out.println("| optimizer | path | learning rate (grid) | validation accuracy | test accuracy"
                + (seeds > 1 ? " | seeds above " + vs : "") + " | s per epoch | / " + vs + " |");
        out.println("|---|---|---|---|---|" + (seeds > 1 ? "---|" : "") + "---|---|");
        // the baseline first, so every row can be divided by its time and compared with it seed by seed
        List<Candidate> order = new java.util.ArrayList<>(settings.candidates());
        order.sort(java.util.Comparator.comparing(c -> !c.label().equals(vs)));
        double baselineSeconds = Double.NaN;
        double[] baselineTests = null;
        for (Candidate c : order) {
            Run best = null;
            for (double eta : settings.tuned() ? c.grid() : List.of(Double.NaN)) { // NaN: the defaults
                Run r = train(model, c, eta, train, validation, test, seed);
                progress.printf("  %s (%s) %s: validation %.4f, test %.4f, %.1f s%n", c.label(), c.path(),
                        Double.isNaN(eta) ? "defaults" : "eta=" + ParameterSpec.format(eta), r.validation(), r.test(),
                        r.seconds());
                progress.flush();
                if (best == null || r.validation() > best.validation()) {
                    best = r;
                }
            }
            double[] tests = new double[seeds];
            double[] times = new double[seeds];
            tests[0] = best.test();
            times[0] = best.seconds();
            for (int k = 1; k < seeds; k++) {
                Splits other = splits(settings.withSeed(seed + k), data);
                Run r = train(model, c, best.eta(), other.train(), other.validation(), other.test(), seed + k);
                progress.printf("  %s (%s) seed %d: test %.4f, %.1f s%n", c.label(), c.path(), seed + k, r.test(),
                        r.seconds());
                progress.flush();
                tests[k] = r.test();
                times[k] = r.seconds();
            }
            if (c.label().equals(vs)) {
                baselineSeconds = median(times);
                baselineTests = tests;
            }
            String paired = "";
            if (seeds > 1) {
                int above = 0;
                for (int k = 0; k < seeds; k++) {
                    above += baselineTests != null && tests[k] > baselineTests[k] ? 1 : 0;
                }
                paired = c.label().equals(vs) ? " | —" : " | " + above + " of " + seeds;
            }
            String accuracy = seeds == 1 ? String.format(java.util.Locale.ROOT, "%.4f", tests[0])
                    : String.format(java.util.Locale.ROOT, "%.4f [%.4f, %.4f]", median(tests),
                            java.util.Arrays.stream(tests).min().orElseThrow(),
                            java.util.Arrays.stream(tests).max().orElseThrow());
            out.printf(java.util.Locale.ROOT, "| %s | %s | %s (%s) | %.4f | %s%s | %.1f | %.2f |%n", c.label(), c.path(),
                    Double.isNaN(best.eta()) ? "default" : ParameterSpec.format(best.eta()), settings.tuned()
                            ? String.join(", ", c.grid().stream().map(v -> ParameterSpec.format(v.doubleValue())).toList())
                            : "not tuned",
                    best.validation(), accuracy, paired, median(times), median(times) / baselineSeconds);
            out.flush();
        }
    }

    /**
     * The timing protocol: {@code pairs} rounds in which every candidate trains one epoch at its defaults, in an order
     * rotated each round so that none always runs first or last; per candidate the median epoch time, and the median
     * and range over the rounds of its epoch time divided by the baseline's in the same round (a paired comparison,
     * steadier than a ratio of medians on a shared machine). The first round is a warm-up for the JIT and is not
     * counted.
     */
    public void timing(Settings settings, java.nio.file.Path data, int pairs) {
        if (pairs < 1 || pairs > 100) {
            throw new dev.ogr.api.ConfigurationException("--pairs must be in [1, 100], got " + pairs);
        }
        String dataset = settings.dataset();
        Model model = settings.model();
        long seed = settings.seed();
        Splits splits = splits(settings, data);
        List<DataSet> train = splits.train();
        DataSet validation = splits.validation();
        DataSet test = splits.test();
        List<Candidate> candidates = settings.candidates();
        int baseline = -1;
        for (int k = 0; k < candidates.size(); k++) {
            if (candidates.get(k).label().equals(settings.baseline())) {
                baseline = k;
            }
        }
        if (baseline < 0) {
            throw new dev.ogr.api.ConfigurationException("the timing needs the baseline '" + settings.baseline()
                    + "' among the optimizers");
        }
        out.printf("%s, %s, one epoch of %d steps of %d per run, every optimizer at its defaults; %d rounds after a"
                + " warm-up round, the order rotated each round; seed %d%n%n", dataset, model == Model.MLP
                        ? "784-256-10 MLP (ReLU, softmax)" : "CNN (conv 5x5x8, pool, conv 5x5x16, pool, dense 64)",
                train.size(), settings.batch(), pairs, seed);
        double[][] seconds = new double[candidates.size()][pairs];
        double[][] accuracy = new double[candidates.size()][pairs];
        for (int round = -1; round < pairs; round++) {
            for (int j = 0; j < candidates.size(); j++) {
                int k = Math.floorMod(j + round, candidates.size());
                Run r = train(model, candidates.get(k), Double.NaN, train, validation, test, seed);
                progress.printf("  round %d: %s (%s): test %.4f, %.2f s%n", round + 1, candidates.get(k).label(),
                        candidates.get(k).path(), r.test(), r.seconds());
                progress.flush();
                if (round >= 0) {
                    seconds[k][round] = r.seconds();
                    accuracy[k][round] = r.test();
                }
            }
        }
        out.println("| optimizer | path | median s per epoch | / " + settings.baseline()
                + " (median of the rounds' ratios) | ratio range | test accuracy |");
        out.println("|---|---|---|---|---|---|");
        for (int k = 0; k < candidates.size(); k++) {
            double[] ratios = new double[pairs];
            for (int p = 0; p < pairs; p++) {
                ratios[p] = seconds[k][p] / seconds[baseline][p];
            }
            double[] sorted = ratios.clone();
            java.util.Arrays.sort(sorted);
            out.printf("| %s | %s | %.2f | %.3f | %.3f–%.3f | %.4f |%n", candidates.get(k).label(),
                    candidates.get(k).path(), median(seconds[k]), median(ratios), sorted[0], sorted[pairs - 1],
                    median(accuracy[k]));
        }
        out.flush();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private Run train(Model model, Candidate c, double eta, List<DataSet> train, DataSet validation, DataSet test,
            long seed) {
        boolean defaults = Double.isNaN(eta);
        IUpdater updater = switch (c.path()) {
            case DL4J -> switch (c.what()) {
                case "adam" -> defaults ? new Adam() : new Adam(eta);
                case "nesterovs" -> defaults ? new Nesterovs() : new Nesterovs(eta, 0.9);
                default -> defaults ? new Sgd() : new Sgd(eta);
            };
            case UPDATER -> defaults ? new OgrUpdater(c.what()) : new OgrUpdater(c.what(), eta);
            case TRAINER -> new NoOp(); // OgrTrainer bypasses the network's updater: none, and no updater state
        };
        MultiLayerNetwork net = new MultiLayerNetwork(model == Model.MLP ? mlp(updater, seed) : cnn(updater, seed));
        net.init();
        OgrTrainer trainer = c.path() != Path.TRAINER ? null : OgrTrainer.of(net, defaults ? c.what()
                : c.what() + "; lr=fixed(eta=" + ParameterSpec.format(eta) + ")");
        ListDataSetIterator<DataSet> it = new ListDataSetIterator<>(train, 1);
        long start = System.nanoTime();
        if (trainer == null) {
            net.fit(it);
        } else {
            trainer.fit(it, 1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (trainer != null && trainer.optimizer().evaluationPoint() != trainer.optimizer().parameters()) {
            net.params().assign(trainer.optimizer().evaluationPoint()); // Schedule-Free's x, DoG's average
        }
        return new Run(eta, accuracy(net, validation), accuracy(net, test), seconds);
    }

    /** The fraction of {@code data}'s examples whose most probable class is the labelled one. */
    public static double accuracy(MultiLayerNetwork net, DataSet data) {
        INDArray predicted = net.output(data.getFeatures()).argMax(1);
        INDArray actual = data.getLabels().argMax(1);
        return predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** The suite's 784-256-10 MLP (ReLU, softmax), float, with {@code updater}. */
    public static MultiLayerConfiguration mlp(IUpdater updater, long seed) {
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

    private static List<DataSet> batches(INDArray features, double[] targets, int[] rows, int batch, long seed) {
        int[] order = rows.clone();
        java.util.Random random = new java.util.Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<DataSet> out = new ArrayList<>();
        for (int start = 0; start + batch <= order.length; start += batch) {
            out.add(whole(features, targets, java.util.Arrays.copyOfRange(order, start, start + batch)));
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
