package dev.ogr.spark;

import dev.ogr.bench.data.DatasetException;
import dev.ogr.bench.data.Datasets;
import dev.ogr.bench.data.LabelledData;
import dev.ogr.bench.data.RemoteDataset;
import dev.ogr.bench.dl4j.Dl4jSuite;
import dev.ogr.dl4j.OgrUpdater;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The Spark comparison ({@code ogr-spark/bench}): one epoch of the 784-256-10 MLP of {@code ogr bench dl4j} on the
 * 60,000 MNIST training images in minibatches of 100, trained on one machine and with parameter averaging on Spark
 * in {@code local[N]}, with DL4J's {@code Adam} and with ogr updaters, reporting test accuracy and wall time.
 *
 * <p>Options: {@code --data DIR} (the directory holding {@code mnist/}, as for {@code ogr bench}), {@code --workers N}
 * (2), {@code --averaging K} (minibatches between averagings, 5), {@code --seed S} (1), {@code --adam ETA} (3e-3) and
 * {@code --ogr RECIPE@ETA} (repeatable; default {@code dogr@1}). The default rates are the best of
 * {@code ogr bench dl4j}'s grids on one machine (DL4J Adam and the best ogr updater there).
 */
public final class SparkMnistComparison {

    private static final int BATCH = 100;

    /** One optimizer of the comparison. */
    record Candidate(String label, String eta, IUpdater updater) {
    }

    /** The options of a run. */
    record Options(Path data, int workers, int averaging, long seed, List<Candidate> candidates) {
    }

    /** One training run's outcome: test accuracy and the wall time of the epoch. */
    record Run(double accuracy, double seconds) {
    }

    private SparkMnistComparison() {
    }

    /** Runs the comparison and prints a Markdown table on standard output. */
    public static void main(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ogr-spark bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(o, System.out, System.err);
        } catch (DatasetException e) {
            System.err.println("ogr-spark bench: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Reads the options.
     *
     * @throws IllegalArgumentException naming the option and what was expected
     */
    static Options parse(String[] args) {
        Path data = null;
        int workers = 2;
        int averaging = 5;
        long seed = 1;
        String adam = "3e-3";
        List<String> ogr = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--data" -> data = Path.of(v);
                case "--workers" -> workers = positive(a, v);
                case "--averaging" -> averaging = positive(a, v);
                case "--seed" -> seed = seed(v);
                case "--adam" -> adam = v;
                case "--ogr" -> ogr.add(v);
                default -> throw new IllegalArgumentException("unknown option '" + a
                        + "'; expected --data, --workers, --averaging, --seed, --adam or --ogr");
            }
        }
        if (ogr.isEmpty()) {
            ogr.add("dogr@1");
        }
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate("dl4j-adam", adam, new Adam(rate("--adam", adam))));
        for (String spec : ogr) {
            int at = spec.lastIndexOf('@');
            if (at <= 0) {
                throw new IllegalArgumentException("--ogr '" + spec + "': expected RECIPE@ETA, e.g. asgdc@0.1");
            }
            String recipe = spec.substring(0, at);
            String eta = spec.substring(at + 1);
            candidates.add(new Candidate(recipe + "@updater", eta, new OgrUpdater(recipe, rate("--ogr", eta))));
        }
        return new Options(data, workers, averaging, seed, candidates);
    }

    private static int positive(String option, String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException(option + " '" + value + "': expected a whole number >= 1");
        }
        return n;
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed '" + value + "': expected a whole number");
        }
    }

    private static double rate(String option, String value) {
        try {
            double eta = Double.parseDouble(value);
            if (eta > 0 && Double.isFinite(eta)) {
                return eta;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " learning rate '" + value + "': expected a finite number > 0");
    }

    /** Runs every candidate on one machine and on Spark, printing the table to {@code out}. */
    static void run(Options o, PrintStream out, PrintStream progress) {
        LabelledData d = Datasets.idx(RemoteDataset.MNIST, o.data());
        List<DataSet> train = batches(d, o.seed());
        DataSet test = whole(d.testFeatures(), d.testTargets(), null);
        try (JavaSparkContext sc = new JavaSparkContext(OgrSpark.localConf(o.workers(), "ogr-spark-mnist"))) {
            // The minibatches go out once, as a broadcast, not inside every task: each averaging round is a Spark
            // stage over the whole RDD (it filters out its random split), and a parallelised collection would ship
            // its data with every task of every stage. Kept deserialised for the same reason.
            Broadcast<List<DataSet>> shared = sc.broadcast(train);
            JavaRDD<DataSet> rdd = minibatches(sc, shared, train.size(), o.workers());
            rdd.count(); // build and cache the RDD before any clock starts
            warmUp(o, sc, shared);
            out.printf("MNIST, 784-256-10 MLP (ReLU, softmax), one epoch of %d minibatches of %d, seed %d; Spark:"
                    + " local[%d], parameter averaging every %d minibatches per worker (updater state averaged)%n%n",
                    train.size(), BATCH, o.seed(), o.workers(), o.averaging());
            out.println("| optimizer | learning rate | one machine: test accuracy | s | local[" + o.workers()
                    + "]: test accuracy | s |");
            out.println("|---|---|---|---|---|---|");
            for (Candidate c : o.candidates()) {
                Run single = single(c, train, test, o.seed());
                progress.printf("  %s one machine: %.4f, %.1f s%n", c.label(), single.accuracy(), single.seconds());
                Run spark = spark(c, sc, rdd, test, o);
                progress.printf("  %s local[%d]: %.4f, %.1f s%n", c.label(), o.workers(), spark.accuracy(),
                        spark.seconds());
                out.printf("| %s | %s | %.4f | %.1f | %.4f | %.1f |%n", c.label(), c.eta(), single.accuracy(),
                        single.seconds(), spark.accuracy(), spark.seconds());
                out.flush();
            }
        }
    }

    /**
     * An untimed run of each path on 40 minibatches, so that class loading and JIT compilation of DL4J and Spark do
     * not land on whichever timed run comes first.
     */
    private static void warmUp(Options o, JavaSparkContext sc, Broadcast<List<DataSet>> shared) {
        List<DataSet> few = shared.value().subList(0, Math.min(40, shared.value().size()));
        Candidate adam = new Candidate("warm-up", "1e-3", new Adam(1e-3));
        single(adam, few, few.get(0), o.seed());
        spark(adam, sc, minibatches(sc, shared, few.size(), o.workers()), few.get(0), o);
    }

    /** The first {@code count} minibatches of {@code shared} as an RDD of {@code partitions} partitions, cached. */
    private static JavaRDD<DataSet> minibatches(JavaSparkContext sc, Broadcast<List<DataSet>> shared, int count,
            int partitions) {
        List<Integer> indices = java.util.stream.IntStream.range(0, count).boxed().toList();
        return sc.parallelize(indices, partitions).map(i -> shared.value().get(i)).persist(StorageLevel.MEMORY_ONLY());
    }

    private static Run single(Candidate c, List<DataSet> train, DataSet test, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(Dl4jSuite.mlp(c.updater().clone(), seed));
        net.init();
        long start = System.nanoTime();
        net.fit(new ListDataSetIterator<>(train, 1));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(Dl4jSuite.accuracy(net, test), seconds);
    }

    private static Run spark(Candidate c, JavaSparkContext sc, JavaRDD<DataSet> rdd, DataSet test, Options o) {
        MultiLayerNetwork net = new MultiLayerNetwork(Dl4jSuite.mlp(c.updater().clone(), o.seed()));
        net.init();
        SparkDl4jMultiLayer spark = OgrSpark.multiLayer(sc, net, OgrSpark.parameterAveraging(o.workers(), BATCH)
                .averagingFrequency(o.averaging()).storageLevel(StorageLevel.MEMORY_ONLY()).rngSeed(o.seed()).build());
        long start = System.nanoTime();
        spark.fit(rdd);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(Dl4jSuite.accuracy(spark.getNetwork(), test), seconds);
    }


    /** The training images shuffled with {@code seed}, in minibatches of {@value #BATCH}. */
    private static List<DataSet> batches(LabelledData d, long seed) {
        int n = d.trainTargets().length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<DataSet> out = new ArrayList<>();
        for (int start = 0; start + BATCH <= n; start += BATCH) {
            int[] rows = java.util.Arrays.copyOfRange(order, start, start + BATCH);
            out.add(whole(d.trainFeatures(), d.trainTargets(), rows));
        }
        return out;
    }

    private static DataSet whole(INDArray features, double[] targets, int[] rows) {
        int n = rows == null ? targets.length : rows.length;
        INDArray x = rows == null ? features.castTo(DataType.FLOAT) : features.getRows(rows).castTo(DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (int) targets[rows == null ? i : rows[i]], 1f);
        }
        return new DataSet(x, y);
    }
}
