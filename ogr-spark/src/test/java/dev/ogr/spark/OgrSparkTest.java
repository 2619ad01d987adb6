package dev.ogr.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.ogr.dl4j.OgrUpdater;
import dev.ogr.dl4j.Recipes;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/** Training with ogr updaters on Spark in local mode (loopback only, nothing left outside a temporary directory). */
class OgrSparkTest {

    @TempDir
    static Path sparkDir;

    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = new JavaSparkContext(OgrSpark.localConf(2, "ogr-spark-test").set("spark.local.dir", sparkDir.toString()));
    }

    @AfterAll
    static void stopSpark() {
        if (sc != null) {
            sc.stop();
        }
    }

    private static double score(MultiLayerNetwork net, List<DataSet> data) {
        return net.score(DataSet.merge(data));
    }

    @Test
    void readmeExampleLowersTheLossWithTwoWorkers() {
        List<DataSet> batches = TestData.batches(32, 1);
        MultiLayerNetwork net = TestData.mlp(new OgrUpdater("asgdc", 0.1));
        double before = score(net, batches);

        // docs/spark.md
        TrainingMaster<?, ?> master = OgrSpark.parameterAveraging(2, 16)   // 2 workers, DataSets of 16 examples
                .averagingFrequency(4).rngSeed(1).build();
        SparkDl4jMultiLayer spark = OgrSpark.multiLayer(sc, net, master);
        JavaRDD<DataSet> train = sc.parallelize(batches, 2);
        for (int epoch = 0; epoch < 5; epoch++) {
            spark.fit(train);
        }
        MultiLayerNetwork trained = spark.getNetwork();
        // end docs/spark.md

        double after = score(trained, batches);
        assertTrue(after < 0.8 * before, "loss " + before + " -> " + after + " after 5 epochs on 2 workers");
    }

    @Test
    void computationGraphLowersTheLossWithTwoWorkers() {
        List<DataSet> batches = TestData.batches(32, 2);
        ComputationGraph graph = TestData.graph(new OgrUpdater("dogr", 0.3));
        double before = graph.score(DataSet.merge(batches));
        SparkComputationGraph spark = OgrSpark.graph(sc, graph,
                OgrSpark.parameterAveraging(2, 16).averagingFrequency(4).rngSeed(2).build());
        JavaRDD<DataSet> train = sc.parallelize(batches, 2);
        for (int epoch = 0; epoch < 3; epoch++) {
            spark.fit(train);
        }
        double after = spark.getNetwork().score(DataSet.merge(batches));
        assertTrue(after < 0.8 * before, "loss " + before + " -> " + after + " after 3 epochs on 2 workers");
    }

    /**
     * One worker, rounds of 3 minibatches, 3 rounds: every round the state goes to the worker and back through the
     * driver, and the result must be single-machine training on the same minibatches in the same order. Tolerance:
     * none: parameters and every element of the flat updater state agree bit for bit.
     */
    @ParameterizedTest
    @ValueSource(strings = {"asgd", "asgdc", "dogr", "idogr", "cdogr", "momentum", "adam"})
    void oneWorkerMatchesSingleMachineTraining(String recipe) {
        List<DataSet> batches = TestData.batches(9, 3);
        OgrUpdater updater = new OgrUpdater(recipe, recipe.equals("adam") ? 0.01 : 0.1);
        MultiLayerNetwork single = TestData.mlp(updater);
        SparkDl4jMultiLayer spark = OgrSpark.multiLayer(sc, TestData.mlp(updater.clone()),
                OgrSpark.parameterAveraging(1, 16).averagingFrequency(3).repartionData(Repartition.Never).build());
        for (int round = 0; round < 3; round++) {
            List<DataSet> part = batches.subList(3 * round, 3 * round + 3);
            spark.fit(sc.parallelize(part, 1));
            part.forEach(single::fit);
        }
        MultiLayerNetwork distributed = spark.getNetwork();
        assertEquals(0, TestData.maxDifference(single.params(), distributed.params()), 0, "parameters");
        assertEquals(0, TestData.maxDifference(single.getUpdater().getStateViewArray(),
                distributed.getUpdater().getStateViewArray()), 0, "updater state");
    }

    /** The same for a computation graph, whose updater state DL4J hands back through another path. */
    @Test
    void oneWorkerMatchesSingleMachineTrainingForAGraph() {
        List<DataSet> batches = TestData.batches(6, 5);
        ComputationGraph single = TestData.graph(new OgrUpdater("asgdc", 0.1));
        SparkComputationGraph spark = OgrSpark.graph(sc, TestData.graph(new OgrUpdater("asgdc", 0.1)),
                OgrSpark.parameterAveraging(1, 16).averagingFrequency(3).repartionData(Repartition.Never).build());
        for (int round = 0; round < 2; round++) {
            List<DataSet> part = batches.subList(3 * round, 3 * round + 3);
            spark.fit(sc.parallelize(part, 1));
            part.forEach(single::fit);
        }
        ComputationGraph distributed = spark.getNetwork();
        assertEquals(0, TestData.maxDifference(single.params(), distributed.params()), 0, "parameters");
        assertEquals(0, TestData.maxDifference(single.getUpdater().getStateViewArray(),
                distributed.getUpdater().getStateViewArray()), 0, "updater state");
    }

    /**
     * Two workers with 2 and 3 minibatches in one round: the driver's parameters and flat updater state must be the
     * element-wise means of what the two workers reach on their own (simulated here on copies of the start), and
     * the averaged state, whose counters are then fractional (2.5 steps), must go on training.
     */
    @ParameterizedTest
    @ValueSource(strings = {"asgdc", "cdogr", "adam"})
    void averagedStateIsTheMeanOfTheWorkers(String recipe) {
        List<DataSet> batches = TestData.batches(5, 4);
        MultiLayerNetwork start = TestData.mlp(new OgrUpdater(recipe, 0.05));
        MultiLayerNetwork workerA = copyOfStart(start);
        MultiLayerNetwork workerB = copyOfStart(start);
        SparkDl4jMultiLayer spark = OgrSpark.multiLayer(sc, start,
                OgrSpark.parameterAveraging(2, 16).averagingFrequency(3).repartionData(Repartition.Never).build());
        JavaRDD<DataSet> rdd = sc.parallelize(batches, 2);
        assertEquals(List.of(2, 3), rdd.glom().map(List::size).collect(), "the two workers' shares");

        spark.fit(rdd);
        batches.subList(0, 2).forEach(workerA::fit);
        batches.subList(2, 5).forEach(workerB::fit);

        MultiLayerNetwork averaged = spark.getNetwork();
        INDArray meanParams = workerA.params().add(workerB.params()).divi(2);
        INDArray meanState = workerA.getUpdater().getStateViewArray().add(workerB.getUpdater().getStateViewArray())
                .divi(2);
        assertEquals(0, TestData.maxDifference(meanParams, averaged.params()), 0, "parameters");
        assertEquals(0, TestData.maxDifference(meanState, averaged.getUpdater().getStateViewArray()), 0,
                "updater state");

        double before = score(averaged, batches);
        for (int epoch = 0; epoch < 3; epoch++) {
            batches.forEach(averaged::fit);
        }
        double after = score(averaged, batches);
        assertTrue(Double.isFinite(after) && after < before, "loss " + before + " -> " + after
                + " training on from the averaged state");
    }

    private static MultiLayerNetwork copyOfStart(MultiLayerNetwork start) {
        MultiLayerNetwork copy = new MultiLayerNetwork(start.getLayerWiseConfigurations().clone());
        copy.init(start.params().dup(), true);
        return copy;
    }

    @Test
    void gradientSharingIsRefusedForOgrUpdaters() {
        TrainingMaster<?, ?> sharing = mock(TrainingMaster.class);
        MultiLayerNetwork net = TestData.mlp(new OgrUpdater("asgdc", 0.1));
        var e = assertThrows(IllegalArgumentException.class, () -> OgrSpark.multiLayer(sc, net, sharing));
        assertTrue(e.getMessage().contains("gradient sharing")
                && e.getMessage().contains("OgrUpdater(" + Recipes.resolve("asgdc").canonical())
                && e.getMessage().contains("ParameterAveragingTrainingMaster"), e.getMessage());
        var g = assertThrows(IllegalArgumentException.class,
                () -> OgrSpark.graph(sc, TestData.graph(new OgrUpdater("dogr", 0.3)), sharing));
        assertTrue(g.getMessage().contains("gradient sharing"), g.getMessage());
    }

    @Test
    void parameterAveragingWithoutTheUpdaterStateIsRefused() {
        TrainingMaster<?, ?> forgetful = OgrSpark.parameterAveraging(2, 16).saveUpdater(false).build();
        var e = assertThrows(IllegalArgumentException.class,
                () -> OgrSpark.multiLayer(sc, TestData.mlp(new OgrUpdater("asgd", 0.1)), forgetful));
        assertTrue(e.getMessage().contains("saveUpdater(false)"), e.getMessage());
    }

    @Test
    void anOgrUpdaterOnOneLayerIsFoundAndOtherUpdatersPass() {
        MultiLayerNetwork adamOnly = TestData.mlp(new Adam(1e-3));
        TrainingMaster<?, ?> sharing = mock(TrainingMaster.class);
        assertDoesNotThrow(() -> OgrSpark.check(sharing, OgrSpark.updaters(adamOnly.getLayerWiseConfigurations())));
        var conf = adamOnly.getLayerWiseConfigurations().clone();
        ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(1).getLayer()).setIUpdater(
                new OgrUpdater("cdogr", 0.5));
        assertThrows(IllegalArgumentException.class, () -> OgrSpark.check(sharing, OgrSpark.updaters(conf)));
    }
}
