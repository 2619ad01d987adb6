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
    public record Settings(Model model, String dataset, int batch, int holdout, int epochs, long seed,
            List<Candidate> candidates, String baseline, boolean tuned) {

        /** These settings with {@code value} as the seed (initial weights, minibatch order, held-out images). */
        public Settings withSeed(long value) {
            return new Settings(model, dataset, batch, holdout, epochs, value, candidates, baseline, tuned);
        }

        /** The same with another network. */
        public Settings withModel(Model value) {
            return new Settings(value, dataset, batch, holdout, epochs, seed, candidates, baseline, tuned);
        }

        /** The same on another data set (one of {@link Dl4jSuite#DATASETS}). */
        public Settings withDataset(String value) {
            if (!DATASETS.contains(value)) {
                throw new ConfigurationException("unknown data set '" + value
                        + "' for the dl4j suite; available: " + String.join(", ", DATASETS));
            }
            return new Settings(model, value, batch, holdout, epochs, seed, candidates, baseline, tuned);
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
            return new Settings(model, dataset, batch, holdout, epochs, seed, candidates.stream()
                    .filter(c -> labels.contains(c.label()) || c.label().equals(baseline)).toList(), baseline, tuned);
        }
    }

    /** The data sets the suite trains on: MNIST, Fashion-MNIST and the bundled 8×8 digits (for a run in seconds). */
    public static final List<String> DATASETS = List.of("mnist", "fashion-mnist", "digits");

    /** How many points per epoch a run's curve records (besides the start). */
    public static final int POINTS_PER_EPOCH = 10;

    private final PrintWriter out;
    private final PrintWriter progress;

    /** A suite printing its table to {@code out} and one line per run to {@code progress}. */
    public Dl4jSuite(PrintWriter out, PrintWriter progress) {
        this.out = out;
        this.progress = progress;
    }

    /** The seeded minibatches to train on, the held-out images and the test set. */
    private record Splits(List<DataSet> train, DataSet validation, DataSet test, int features) {
    }

    private static Splits splits(Settings settings, java.nio.file.Path data) {
        LabelledData d = switch (settings.dataset()) {
            case "digits" -> Datasets.digits();
            case "fashion-mnist" -> Datasets.idx(RemoteDataset.FASHION_MNIST, data);
            default -> Datasets.idx(RemoteDataset.MNIST, data);
        };
        requireTrainable(settings, d.trainTargets().length, d.features());
        int[][] split = d.holdout(settings.holdout(), settings.seed());
        return new Splits(batches(d.trainFeatures(), d.trainTargets(), split[0], settings.batch(), settings.seed()),
                whole(d.trainFeatures(), d.trainTargets(), split[1]), whole(d.testFeatures(), d.testTargets(), null),
                d.features());
    }

    /**
     * Refuses settings that cannot train: a held-out set and a minibatch larger than the training set, or the CNN on
     * images that are not 28×28. Called before anything runs (with the data sets' known sizes) and again on the data.
     *
     * @throws ConfigurationException naming the values
     */
    public static void requireTrainable(Settings settings) {
        boolean digits = settings.dataset().equals("digits");
        requireTrainable(settings, digits ? Datasets.DIGITS_TRAIN : 60_000, digits ? 64 : 28 * 28);
    }

    private static void requireTrainable(Settings settings, int images, int features) {
        if (settings.holdout() + settings.batch() > images) {
            throw new ConfigurationException("holdout " + settings.holdout() + " and batch " + settings.batch()
                    + " leave no minibatch to train on: " + settings.dataset() + " has " + images + " training images");
        }
        if (settings.model() == Model.CNN && features != 28 * 28) {
            throw new ConfigurationException("the cnn model takes 28x28 images (mnist, fashion-mnist); "
                    + settings.dataset() + " has " + features + " pixels per image; use the mlp");
        }
    }

    /** The network of {@code model} for images of {@code features} pixels, training with {@code updater}. */
    private static MultiLayerConfiguration network(Model model, int features, IUpdater updater, long seed) {
        return model == Model.MLP ? mlp(features, updater, seed) : cnn(updater, seed);
    }

    /** The suite's network, in words. */
    public static String describe(Model model, int features) {
        return model == Model.MLP ? features + "-256-10 MLP (ReLU, softmax)"
                : "CNN (conv 5x5x8, pool, conv 5x5x16, pool, dense 64)";
    }

    /** Runs the suite {@code settings} describes on its one seed, reading the data from {@code data}. */
    public Dl4jResults run(Settings settings, java.nio.file.Path data) {
        return run(settings, data, 1);
    }

    /**
     * Runs the suite {@code settings} describes, reading the data from {@code data} (or the usual places): each
     * optimizer's learning rate is chosen on the file's seed, then it trains at that rate on {@code seeds} seeds (the
     * file's seed first, then the next ones: the network's initial weights, the order of the minibatches and the
     * held-out images change). Prints one progress line per run; returns every run with its curve.
     */
    public Dl4jResults run(Settings settings, java.nio.file.Path data, int seeds) {
        long started = System.nanoTime();
        long seed = settings.seed();
        Splits splits = splits(settings, data);
        String vs = settings.baseline();
        // the baseline first, so that every row can be divided by its time and compared with it seed by seed
        List<Candidate> order = new ArrayList<>(settings.candidates());
        order.sort(java.util.Comparator.comparing(c -> !c.label().equals(vs)));
        List<Splits> other = new ArrayList<>();
        for (int k = 1; k < seeds; k++) {
            other.add(splits(settings.withSeed(seed + k), data));
        }
        List<Dl4jResults.Optimizer> results = new ArrayList<>();
        for (Candidate c : order) {
            List<Dl4jResults.Run> tuning = new ArrayList<>();
            Dl4jResults.Run best = null;
            for (double eta : settings.tuned() ? c.grid() : List.of(Double.NaN)) { // NaN: the defaults
                Dl4jResults.Run r = train(settings, c, eta, splits, seed);
                progress.printf(java.util.Locale.ROOT, "  %s (%s) %s: validation %s, test %s, %.1f s%n", c.label(),
                        c.path(), Double.isNaN(eta) ? "defaults" : "eta=" + ParameterSpec.format(eta),
                        accuracy(r, r.validation()), accuracy(r, r.test()), r.seconds());
                progress.flush();
                tuning.add(r);
                if (best == null || score(r, r.validation()) > score(best, best.validation())) {
                    best = r;
                }
            }
            List<Dl4jResults.Run> runs = new ArrayList<>(List.of(best));
            for (int k = 1; k < seeds; k++) {
                Dl4jResults.Run r = train(settings, c, best.eta(), other.get(k - 1), seed + k);
                progress.printf(java.util.Locale.ROOT, "  %s (%s) seed %d: test %s, %.1f s%n", c.label(), c.path(),
                        seed + k, accuracy(r, r.test()), r.seconds());
                progress.flush();
                runs.add(r);
            }
            results.add(new Dl4jResults.Optimizer(c, List.copyOf(tuning), List.copyOf(runs)));
        }
        return new Dl4jResults(settings, seeds, splits.train().size(), (int) splits.test().numExamples(),
                List.copyOf(results), (System.nanoTime() - started) / 1e9);
    }

    private static String accuracy(Dl4jResults.Run r, double v) {
        return r.diverged() ? "diverged" : String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /** An accuracy by which runs are compared: a diverged run is worse than any. */
    private static double score(Dl4jResults.Run r, double accuracy) {
        return r.diverged() ? Double.NEGATIVE_INFINITY : accuracy;
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
        out.printf("%s, %s, %d epoch(s) of %d steps of %d per run, every optimizer at its defaults; %d rounds after a"
                + " warm-up round, the order rotated each round; seed %d%n%n", dataset, describe(model, splits.features()),
                settings.epochs(),
                splits.train().size(), settings.batch(), pairs, seed);
        double[][] seconds = new double[candidates.size()][pairs];
        double[][] accuracy = new double[candidates.size()][pairs];
        for (int round = -1; round < pairs; round++) {
            for (int j = 0; j < candidates.size(); j++) {
                int k = Math.floorMod(j + round, candidates.size());
                Dl4jResults.Run r = train(settings, candidates.get(k), Double.NaN, splits, seed, 0);
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

    /**
     * Trains a fresh network with {@code c} at {@code eta} (NaN: its defaults) for the settings' epochs, recording the
     * curve; the clock stops while the curve's points are measured.
     */
    private static Dl4jResults.Run train(Settings settings, Candidate c, double eta, Splits splits, long seed) {
        return train(settings, c, eta, splits, seed, POINTS_PER_EPOCH);
    }

    /**
     * As {@link #train(Settings, Candidate, double, Splits, long)}, the curve measured {@code pointsPerEpoch} times an
     * epoch (0: at the start and the end only, for the timing protocol: no evaluation interrupts the epoch).
     */
    private static Dl4jResults.Run train(Settings settings, Candidate c, double eta, Splits splits, long seed,
            int pointsPerEpoch) {
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
        MultiLayerNetwork net = new MultiLayerNetwork(network(settings.model(), splits.features(), updater, seed));
        net.init();
        OgrTrainer trainer = c.path() != Path.TRAINER ? null : OgrTrainer.of(net, defaults ? c.what()
                : c.what() + "; lr=fixed(eta=" + ParameterSpec.format(eta) + ")");
        CurveRecorder recorder = new CurveRecorder(net, trainer, splits.test(), splits.train().size(),
                settings.epochs(), pointsPerEpoch);
        net.setListeners(recorder);
        ListDataSetIterator<DataSet> it = new ListDataSetIterator<>(splits.train(), 1);
        recorder.start();
        try {
            if (trainer == null) {
                net.fit(it, settings.epochs());
            } else {
                trainer.fit(it, settings.epochs());
            }
        } catch (RuntimeException e) {
            if (!nonFinite(e)) {
                throw e;
            }
            // ogr refuses a step whose gradient is not finite: the run diverged there
            double seconds = recorder.stop();
            return new Dl4jResults.Run(seed, eta, Double.NaN, Double.NaN, Double.NaN, seconds, true, recorder.curve());
        }
        double seconds = recorder.stop();
        if (trainer != null && trainer.optimizer().evaluationPoint() != trainer.optimizer().parameters()) {
            net.params().assign(trainer.optimizer().evaluationPoint()); // Schedule-Free's x, DoG's average
        }
        Dl4jResults.Curve curve = recorder.curve();
        double testLoss = curve.testLoss()[curve.testLoss().length - 1];
        boolean diverged = recorder.diverged() || !Double.isFinite(testLoss);
        return new Dl4jResults.Run(seed, eta, accuracy(net, splits.validation()),
                curve.testAccuracy()[curve.testAccuracy().length - 1], testLoss, seconds, diverged, curve);
    }

    /** Whether {@code e}, or an exception it was caused by, is ogr's refusal of a non-finite gradient or loss. */
    private static boolean nonFinite(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof dev.ogr.api.NonFiniteException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records a run's curve as DL4J's listeners see it: the minibatch losses, and at the start and
     * {@value #POINTS_PER_EPOCH} times per epoch the test accuracy and loss (at {@link OgrTrainer}'s evaluation point
     * where it has one), with the clock stopped while they are measured.
     */
    private static final class CurveRecorder extends org.deeplearning4j.optimize.api.BaseTrainingListener {
        private final MultiLayerNetwork net;
        private final OgrTrainer trainer;
        private final DataSet test;
        private final boolean[] point;
        private final List<double[]> rows = new ArrayList<>(); // epochs, seconds, train loss, accuracy, loss
        private final int steps;
        private long iterations;
        private double lossSum;
        private int lossCount;
        private boolean diverged;
        private long running;
        private long elapsed;

        CurveRecorder(MultiLayerNetwork net, OgrTrainer trainer, DataSet test, int steps, int epochs,
                int pointsPerEpoch) {
            this.net = net;
            this.trainer = trainer;
            this.test = test;
            this.steps = steps;
            int total = steps * epochs;
            point = new boolean[total + 1];
            point[total] = true;
            for (int k = 1; k <= pointsPerEpoch * epochs; k++) {
                point[(int) Math.round((double) k * total / (pointsPerEpoch * epochs))] = true;
            }
        }

        void start() {
            record(Double.NaN);
            running = System.nanoTime();
        }

        double stop() {
            elapsed += System.nanoTime() - running;
            return elapsed / 1e9;
        }

        boolean diverged() {
            return diverged;
        }

        @Override
        public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
            double loss = model.score();
            diverged |= !Double.isFinite(loss);
            lossSum += loss;
            lossCount++;
            iterations++;
            if (iterations < point.length && point[(int) iterations]) {
                long now = System.nanoTime();
                elapsed += now - running;
                record(lossSum / lossCount);
                lossSum = 0;
                lossCount = 0;
                running = System.nanoTime();
            }
        }

        private void record(double trainLoss) {
            INDArray saved = null;
            if (trainer != null && trainer.optimizer().evaluationPoint() != trainer.optimizer().parameters()) {
                saved = net.params().dup();
                net.params().assign(trainer.optimizer().evaluationPoint());
            }
            double[] measured = evaluate(net, test);
            if (saved != null) {
                net.params().assign(saved);
            }
            rows.add(new double[] {iterations / (double) steps, elapsed / 1e9, trainLoss, measured[0], measured[1]});
        }

        Dl4jResults.Curve curve() {
            int n = rows.size();
            double[][] c = new double[5][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 5; j++) {
                    c[j][i] = rows.get(i)[j];
                }
            }
            if (n > 1) {
                c[2][0] = c[2][1]; // no loss before the first step: the first interval's
            }
            return new Dl4jResults.Curve(c[0], c[1], c[2], c[3], c[4]);
        }
    }

    /**
     * The accuracy and the mean cross-entropy (probabilities floored at 1e-12) of {@code net} on {@code data}: NaN
     * loss if the network's output is not finite.
     */
    static double[] evaluate(MultiLayerNetwork net, DataSet data) {
        INDArray p = net.output(data.getFeatures());
        INDArray labels = data.getLabels();
        double accuracy = p.argMax(1).eq(labels.argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        double loss = -org.nd4j.linalg.ops.transforms.Transforms.log(
                org.nd4j.linalg.ops.transforms.Transforms.max(p, 1e-12, true), false).muli(labels).sumNumber()
                .doubleValue() / labels.rows();
        return new double[] {accuracy, loss};
    }

    /** The fraction of {@code data}'s examples whose most probable class is the labelled one. */
    public static double accuracy(MultiLayerNetwork net, DataSet data) {
        INDArray predicted = net.output(data.getFeatures()).argMax(1);
        INDArray actual = data.getLabels().argMax(1);
        return predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** The suite's 784-256-10 MLP (ReLU, softmax), float, with {@code updater}. */
    public static MultiLayerConfiguration mlp(IUpdater updater, long seed) {
        return mlp(784, updater, seed);
    }

    /** The suite's MLP for images of {@code features} pixels: {@code features}-256-10 (ReLU, softmax), float. */
    public static MultiLayerConfiguration mlp(int features, IUpdater updater, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.RELU)
                .updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(features).nOut(256).activation(Activation.RELU).build())
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
