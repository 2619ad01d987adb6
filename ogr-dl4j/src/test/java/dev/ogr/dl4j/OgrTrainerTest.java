package dev.ogr.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.LearnerInput;
import dev.ogr.api.LearningRateLearner;
import dev.ogr.api.StrategyState;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.lr.FixedLearningRate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class OgrTrainerTest {

    /** Probes the loss at three far-away points every step, then returns a fixed rate. */
    private static final class ProbingLearner implements LearningRateLearner {
        int probes;

        @Override
        public void init(long dimension, DataType type, StrategyState state) {
        }

        @Override
        public double learningRate(LearnerInput input) {
            for (int k = 1; k <= 3; k++) {
                double loss = input.probe().loss(input.theta().add(k * 0.5));
                assertTrue(Double.isFinite(loss));
                probes++;
            }
            return 0.1;
        }
    }

    private static OgrOptimizer ogr1dc(MultiLayerNetwork net, LearningRateLearner learner) {
        return OgrOptimizer.builder()
                .direction(new dev.ogr.directions.MomentumDirection(0.9))
                .averages(new dev.ogr.core.averages.MovingAverages(
                        dev.ogr.core.averages.MovingAverages.Mode.CENTERED, 0.9))
                .step(Recipes.resolve("ogr1dc").strategy(dev.ogr.api.StrategyKind.STEP).orElseThrow()
                        .create(dev.ogr.api.StepRule.class))
                .learningRate(learner)
                .warmup(3)
                .build(net.params());
    }

    @Test
    void probesLeaveNoTrace() {
        // The same recipe with a learner that probes the loss far away, and with one that does not: the
        // parameters, the network's updater state and its counters must be identical after every step.
        MultiLayerNetwork probed = Nets.net(Nets.mlp(new Adam(1e-3), null, null));
        MultiLayerNetwork plain = Nets.net(Nets.mlp(new Adam(1e-3), null, null));
        ProbingLearner learner = new ProbingLearner();
        OgrTrainer a = OgrTrainer.of(probed, ogr1dc(probed, learner));
        OgrTrainer b = OgrTrainer.of(plain, ogr1dc(plain, new FixedLearningRate(0.1)));
        INDArray updaterState = probed.getUpdater().getStateViewArray().dup();
        for (int i = 0; i < 15; i++) {
            a.fit(Nets.batch(i));
            b.fit(Nets.batch(i));
            assertArrayEquals(plain.params().toFloatVector(), probed.params().toFloatVector(), 0f, "step " + i);
            assertEquals(plain.getIterationCount(), probed.getIterationCount());
        }
        assertEquals(45, learner.probes);
        assertEquals(15, probed.getIterationCount());
        assertEquals(0, probed.getEpochCount());
        assertEquals(updaterState, probed.getUpdater().getStateViewArray());
        assertArrayEquals(a.optimizer().parameters().toFloatVector(), probed.params().toFloatVector(), 0f);
    }

    @Test
    void everyKindOfRecipeTrainsAndCallsTheListeners() {
        for (String recipe : new String[] {"ogr1dc; lr=fixed(eta=0.1)", "sgd+fd-newton3", "ogr-pca; direction=subspace(d=2); lr=fixed(eta=0.1)",
                "asgd"}) {
            MultiLayerNetwork net = Nets.net(Nets.mlp(new Adam(1e-3), null, null));
            AtomicInteger iterations = new AtomicInteger();
            List<String> epochs = new ArrayList<>();
            net.setListeners(new BaseTrainingListener() {
                @Override
                public void iterationDone(Model model, int iteration, int epoch) {
                    assertEquals(iterations.getAndIncrement(), iteration);
                }

                @Override
                public void onEpochStart(Model model) {
                    epochs.add("start");
                }

                @Override
                public void onEpochEnd(Model model) {
                    epochs.add("end");
                }
            });
            List<DataSet> batches = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                batches.add(Nets.batch(i));
            }
            DataSet all = DataSet.merge(batches);
            double before = net.score(all);
            OgrTrainer.of(net, recipe).fit(new ListDataSetIterator<>(batches, 1), 25);
            double after = net.score(all);
            assertTrue(after < 0.8 * before, recipe + ": loss " + before + " -> " + after);
            assertEquals(100, iterations.get(), recipe);
            assertEquals(50, epochs.size());
            assertEquals(25, net.getEpochCount());
        }
    }

    @Test
    void trainsAComputationGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(Nets.IN).nOut(Nets.HIDDEN)
                        .activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(Nets.HIDDEN)
                        .nOut(Nets.OUT).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        DataSet data = Nets.batch(0);
        double before = graph.score(data);
        OgrTrainer trainer = OgrTrainer.of(graph, "ogr1dc; lr=fixed(eta=0.1)");
        for (int i = 0; i < 100; i++) {
            trainer.fit(data);
        }
        assertTrue(graph.score(data) < 0.5 * before, before + " -> " + graph.score(data));
        assertEquals(100, graph.getIterationCount());
    }

    @Test
    void earlyStoppingRunsWithTheTrainer() {
        MultiLayerNetwork net = Nets.net(Nets.mlp(new Adam(1e-3), null, null));
        List<DataSet> batches = List.of(Nets.batch(0), Nets.batch(1));
        EarlyStoppingConfiguration<MultiLayerNetwork> config = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(4))
                .scoreCalculator(new DataSetLossCalculator(new ListDataSetIterator<>(batches, 1), true))
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        OgrTrainer trainer = OgrTrainer.of(net, "ogr1dc; lr=fixed(eta=0.1)");
        EarlyStoppingResult<MultiLayerNetwork> result = new OgrEarlyStoppingTrainer<>(config, trainer,
                new ListDataSetIterator<>(batches, 1), null).fit();
        assertEquals(4, result.getTotalEpochs());
        assertTrue(result.getBestModel() != null);
        assertEquals(EarlyStoppingResult.TerminationReason.EpochTerminationCondition, result.getTerminationReason());
        assertTrue(result.getScoreVsEpoch().get(3) < result.getScoreVsEpoch().get(0), result.getScoreVsEpoch().toString());
    }

    @Test
    void settingsOfTheNetworksUpdaterAreRefused() {
        var conf = new NeuralNetConfiguration.Builder().l2(1e-4).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(2).build())
                .layer(new OutputLayer.Builder().nIn(2).nOut(1).activation(Activation.IDENTITY)
                        .lossFunction(LossFunctions.LossFunction.MSE).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        var e = assertThrows(IllegalArgumentException.class, () -> OgrTrainer.of(net, "ogr1d"));
        assertTrue(e.getMessage().contains("L2") || e.getMessage().contains("l2"), e.getMessage());
        var wrongSize = assertThrows(IllegalArgumentException.class,
                () -> OgrTrainer.of(Nets.net(Nets.mlp(new Adam(), null, null)),
                        OgrOptimizer.builder().learningRate(new FixedLearningRate(0.1))
                                .build(Nd4j.zeros(DataType.FLOAT, 3))));
        assertTrue(wrongSize.getMessage().contains("3 FLOAT"), wrongSize.getMessage());
    }
}
