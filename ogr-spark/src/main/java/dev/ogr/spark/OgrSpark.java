package dev.ogr.spark;

import dev.ogr.dl4j.OgrUpdater;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Builds DL4J's Spark wrappers ({@link SparkDl4jMultiLayer}, {@link SparkComputationGraph}) for networks trained with
 * an {@link OgrUpdater}, after checking that the training master keeps the updater's assumptions:
 * <pre>{@code
 * TrainingMaster<?, ?> master = OgrSpark.parameterAveraging(2, 32).averagingFrequency(5).build();
 * SparkDl4jMultiLayer spark = OgrSpark.multiLayer(sc, net, master);
 * spark.fit(trainingRdd);   // JavaRDD<DataSet> of 32 examples each
 * }</pre>
 *
 * <p><b>Parameter averaging works.</b> Each worker starts a round from the driver's parameters and updater state,
 * runs its minibatches, and the driver takes the element-wise mean of the workers' parameters and of their flat
 * updater states. An ogr updater's tracked θ is relative to the start of training, so the mean tracked θ is still
 * the averaged parameters minus the start; the moving averages become the means of the workers' averages (the pooled
 * within-worker means, variances and covariances, which estimate the same curvature); the exactly encoded scalars
 * are linear encodings, so they average to the mean value (docs/spark.md). It needs
 * {@code saveUpdater(true)}: without it every round starts the regression again from nothing.
 *
 * <p><b>Gradient sharing does not.</b> With {@code SharedTrainingMaster} the other workers' updates are added to the
 * parameters without passing through the local updater, so the updater's tracked θ stops being the position its
 * gradients were taken at and the regression fits gradients against the wrong positions. Networks with an
 * {@link OgrUpdater} are refused with any training master other than {@link ParameterAveragingTrainingMaster}.
 */
public final class OgrSpark {

    private OgrSpark() {
    }

    /**
     * A Spark configuration for local mode with {@code threads} worker threads that uses nothing but the loopback
     * address: driver host and bind address 127.0.0.1 and no web UI.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static SparkConf localConf(int threads, String appName) {
        if (threads < 1) {
            throw new IllegalArgumentException("local mode needs at least 1 thread, got " + threads);
        }
        return new SparkConf().setMaster("local[" + threads + "]").setAppName(appName)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false");
    }

    /**
     * A parameter-averaging master builder set up for ogr updaters: {@code workers} workers, minibatches of
     * {@code examplesPerDataSet} (the size of each {@code DataSet} in the RDD, used as the worker batch size), the
     * updater state kept and averaged ({@code saveUpdater(true)}) and the Direct training approach (the data is not
     * exported to a temporary directory). Everything else (averaging frequency, repartitioning, seed) can be set on
     * the builder before {@code build()}.
     *
     * @throws IllegalArgumentException if either count is below 1
     */
    public static ParameterAveragingTrainingMaster.Builder parameterAveraging(int workers, int examplesPerDataSet) {
        if (workers < 1 || examplesPerDataSet < 1) {
            throw new IllegalArgumentException("parameter averaging needs workers >= 1 and examples per DataSet >= 1,"
                    + " got " + workers + " and " + examplesPerDataSet);
        }
        return new ParameterAveragingTrainingMaster.Builder(workers, examplesPerDataSet)
                .batchSizePerWorker(examplesPerDataSet)
                .saveUpdater(true)
                .rddTrainingApproach(RDDTrainingApproach.Direct);
    }

    /**
     * The Spark wrapper of {@code net} under {@code master}, after {@link #check(TrainingMaster, List)}.
     *
     * @throws IllegalArgumentException if the network has an {@link OgrUpdater} and the master cannot keep it
     */
    public static SparkDl4jMultiLayer multiLayer(JavaSparkContext sc, MultiLayerNetwork net,
            TrainingMaster<?, ?> master) {
        check(master, updaters(net.getLayerWiseConfigurations()));
        return new SparkDl4jMultiLayer(sc, net, master);
    }

    /**
     * The Spark wrapper of {@code graph} under {@code master}, after {@link #check(TrainingMaster, List)}.
     *
     * @throws IllegalArgumentException if the graph has an {@link OgrUpdater} and the master cannot keep it
     */
    public static SparkComputationGraph graph(JavaSparkContext sc, ComputationGraph graph,
            TrainingMaster<?, ?> master) {
        check(master, updaters(graph.getConfiguration()));
        return new SparkComputationGraph(sc, graph, master);
    }

    /** Checks a wrapper built elsewhere (e.g. with DL4J's constructors), as {@link #multiLayer} does. */
    public static void check(SparkDl4jMultiLayer spark) {
        check(spark.getTrainingMaster(), updaters(spark.getNetwork().getLayerWiseConfigurations()));
    }

    /** Checks a wrapper built elsewhere (e.g. with DL4J's constructors), as {@link #graph} does. */
    public static void check(SparkComputationGraph spark) {
        check(spark.getTrainingMaster(), updaters(spark.getNetwork().getConfiguration()));
    }

    /**
     * Checks that {@code master} can train a network whose updaters are {@code updaters}: when one of them is an
     * {@link OgrUpdater}, the master must be a {@link ParameterAveragingTrainingMaster} that saves the updater.
     *
     * @throws IllegalArgumentException naming the master and the reason otherwise
     */
    public static void check(TrainingMaster<?, ?> master, List<IUpdater> updaters) {
        Objects.requireNonNull(master, "training master");
        OgrUpdater ogr = (OgrUpdater) updaters.stream().filter(u -> u instanceof OgrUpdater).findFirst().orElse(null);
        if (ogr == null) {
            return;
        }
        if (!(master instanceof ParameterAveragingTrainingMaster averaging)) {
            throw new IllegalArgumentException("training master " + master.getClass().getSimpleName() + " cannot run "
                    + ogr + ": with gradient sharing (SharedTrainingMaster) the other workers' updates reach the"
                    + " parameters without passing through the local updater, so its tracked position is no longer"
                    + " where its gradients were taken and the regression would fit the wrong points; expected a"
                    + " ParameterAveragingTrainingMaster with saveUpdater(true) (OgrSpark.parameterAveraging)");
        }
        if (!averaging.isSaveUpdater()) {
            throw new IllegalArgumentException("ParameterAveragingTrainingMaster with saveUpdater(false) cannot run "
                    + ogr + ": every round would restart its regression (tracked position, averages, counters) from"
                    + " nothing after " + averaging.getAveragingFrequency() + " steps; expected saveUpdater(true)"
                    + " (OgrSpark.parameterAveraging sets it)");
        }
    }

    /** Every updater of a multi-layer configuration, one per layer parameter. */
    static List<IUpdater> updaters(MultiLayerConfiguration conf) {
        List<IUpdater> out = new ArrayList<>();
        for (NeuralNetConfiguration c : conf.getConfs()) {
            addUpdaters(c.getLayer(), out);
        }
        return out;
    }

    /** Every updater of a graph configuration, one per layer parameter. */
    static List<IUpdater> updaters(ComputationGraphConfiguration conf) {
        List<IUpdater> out = new ArrayList<>();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                addUpdaters(lv.getLayerConf().getLayer(), out);
            }
        }
        return out;
    }

    private static void addUpdaters(Layer layer, List<IUpdater> out) {
        if (layer == null) {
            return;
        }
        for (String param : layer.initializer().paramKeys(layer)) {
            IUpdater u = layer.getUpdaterByParam(param);
            if (u != null) {
                out.add(u);
            }
        }
    }
}
