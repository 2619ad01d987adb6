package dev.ogr.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.slf4j.LoggerFactory;

/**
 * The trainer saved inside the {@code ModelSerializer} zip continues bit for bit; a learning rate or schedule set on
 * the trainer replaces the recipe's fixed rate; a bypassed network updater is warned about once.
 */
class OgrTrainerPersistenceTest {

    private static final String OGR1DC = "ogr1dc; lr=fixed(eta=0.05)";

    @TempDir
    Path dir;

    private static void assertSameState(Map<String, INDArray> expected, Map<String, INDArray> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v.dup().data().asBytes(), actual.get(k).dup().data().asBytes(),
                "state array " + k));
    }

    private static void assertSameParameters(Model expected, Model actual) {
        assertArrayEquals(expected.params().dup().data().asBytes(), actual.params().dup().data().asBytes(),
                "network parameters");
    }

    @Test
    void aMultiLayerNetworkSavedAfter12StepsAndRestoredContinuesAs30UninterruptedSteps() throws IOException {
        OgrTrainer straight = OgrTrainer.of(Nets.net(Nets.mlp(new NoOp(), null, null)), OGR1DC);
        for (int i = 0; i < 30; i++) {
            straight.fit(Nets.batch(i));
        }

        OgrTrainer first = OgrTrainer.of(Nets.net(Nets.mlp(new NoOp(), null, null)), OGR1DC);
        for (int i = 0; i < 12; i++) {
            first.fit(Nets.batch(i));
        }
        File file = dir.resolve("net.zip").toFile();
        first.writeModel(file);

        // a fresh context: nothing of the first trainer or network is reachable from the restored one
        OgrTrainer restored = OgrTrainer.restore(file);
        assertInstanceOf(MultiLayerNetwork.class, restored.model());
        assertEquals(12, ((MultiLayerNetwork) restored.model()).getIterationCount());
        assertSameState(first.exportState(), restored.exportState());
        assertSameParameters(first.model(), restored.model());
        for (int i = 12; i < 30; i++) {
            restored.fit(Nets.batch(i));
        }
        assertSameParameters(straight.model(), restored.model());
        assertSameState(straight.exportState(), restored.exportState());
        assertEquals(straight.optimizer().recipe(), restored.optimizer().recipe());

        // DL4J alone still reads the same file as the network
        MultiLayerNetwork plain = ModelSerializer.restoreMultiLayerNetwork(file, false);
        assertSameParameters(first.model(), plain);
    }

    @Test
    void aComputationGraphWithAScheduleRoundTrips() throws IOException {
        ISchedule schedule = new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.05, 5, 0.02, 9, 0.01));
        OgrTrainer straight = OgrTrainer.of(graph(), "asgdc");
        straight.setLearningRate(schedule);
        OgrTrainer first = OgrTrainer.of(graph(), "asgdc");
        first.setLearningRate(schedule);
        for (int i = 0; i < 14; i++) {
            straight.fit(Nets.batch(i));
            if (i < 6) {
                first.fit(Nets.batch(i));
            }
        }
        File file = dir.resolve("graph.zip").toFile();
        first.writeModel(file);
        OgrTrainer restored = OgrTrainer.restore(file);
        assertInstanceOf(ComputationGraph.class, restored.model());
        for (int i = 6; i < 14; i++) {
            restored.fit(Nets.batch(i));
        }
        assertSameParameters(straight.model(), restored.model());
        assertSameState(straight.exportState(), restored.exportState());
    }

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(Nets.IN).nOut(Nets.HIDDEN)
                        .activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(Nets.HIDDEN)
                        .nOut(Nets.OUT).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void aFileWithoutATrainerIsRefusedByName() throws IOException {
        MultiLayerNetwork net = Nets.net(Nets.mlp(new NoOp(), null, null));
        File file = dir.resolve("plain.zip").toFile();
        ModelSerializer.writeModel(net, file, false);
        IOException e = assertThrows(IOException.class, () -> OgrTrainer.restore(file));
        assertTrue(e.getMessage().contains(file.getPath()) && e.getMessage().contains(TrainerFile.META),
                e.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> OgrTrainer.restore(dir.resolve("nothing.zip").toFile()));
        assertTrue(missing.getMessage().contains("nothing.zip"), missing.getMessage());
    }

    @Test
    void aFailedWriteLeavesTheOldFileWholeAndNoTemporaryFile() throws IOException {
        OgrTrainer trainer = OgrTrainer.of(Nets.net(Nets.mlp(new NoOp(), null, null)), OGR1DC);
        trainer.fit(Nets.batch(0));
        File file = dir.resolve("net.zip").toFile();
        trainer.writeModel(file);
        byte[] before = Files.readAllBytes(file.toPath());
        // a directory where the file should go: refused before anything is written
        Files.createDirectory(dir.resolve("taken.zip"));
        assertThrows(IOException.class, () -> trainer.writeModel(dir.resolve("taken.zip").toFile()));
        assertThrows(IOException.class, () -> trainer.writeModel(dir.resolve("no/such/dir/net.zip").toFile()));
        assertArrayEquals(before, Files.readAllBytes(file.toPath()));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("net.zip", "taken.zip"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aRateSetOnTheTrainerReplacesTheRecipesFixedRate() {
        OgrTrainer recipe = OgrTrainer.of(Nets.net(Nets.mlp(new NoOp(), null, null)), OGR1DC);
        OgrTrainer same = OgrTrainer.of(Nets.net(Nets.mlp(new NoOp(), null, null)), "ogr1dc; lr=fixed(eta=0.3)");
        same.setLearningRate(0.05); // the recipe's rate, set on the trainer: the same steps, bit for bit
        OgrTrainer other = OgrTrainer.of(Nets.net(Nets.mlp(new NoOp(), null, null)), OGR1DC);
        other.setLearningRate(0.01);
        for (int i = 0; i < 10; i++) {
            double loss = recipe.fit(Nets.batch(i)).loss();
            assertEquals(loss, same.fit(Nets.batch(i)).loss());
            assertEquals(0.01, other.fit(Nets.batch(i)).learningRate());
        }
        assertSameParameters(recipe.model(), same.model());
        assertSameState(recipe.exportState(), same.exportState());
        assertNotEquals(recipe.model().params(), other.model().params());

        // a schedule is read at the network's iteration counter
        OgrTrainer scheduled = OgrTrainer.of(Nets.net(Nets.mlp(new NoOp(), null, null)), OGR1DC);
        scheduled.setLearningRate(new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.05, 3, 0.02)));
        for (int i = 0; i < 5; i++) {
            assertEquals(i < 3 ? 0.05 : 0.02, scheduled.fit(Nets.batch(i)).learningRate());
        }
    }

    @Test
    void aRecipeThatLearnsItsRateRefusesOneSetOnTheTrainer() {
        OgrTrainer learned = OgrTrainer.of(Nets.net(Nets.mlp(new NoOp(), null, null)), "sgd+fd-newton3");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> learned.setLearningRate(0.1));
        assertTrue(e.getMessage().contains("learns its learning rate") && e.getMessage().contains("fixed"),
                e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> learned.setLearningRate(new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.1))));
        OgrTrainer fixed = OgrTrainer.of(Nets.net(Nets.mlp(new NoOp(), null, null)), OGR1DC);
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> fixed.setLearningRate(bad));
            assertTrue(b.getMessage().contains(String.valueOf(bad)), b.getMessage());
        }
    }

    @Test
    void aBypassedUpdaterIsWarnedAboutOncePerConfiguration() {
        Logger logger = (Logger) LoggerFactory.getLogger(OgrTrainer.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            OgrTrainer.of(Nets.net(Nets.mlp(new AdaGrad(0.123), null, null)), OGR1DC);
            OgrTrainer.of(Nets.net(Nets.mlp(new AdaGrad(0.123), null, null)), OGR1DC);
            assertEquals(1, events.list.size(), "one warning for one configuration, however many trainers");
            String message = events.list.get(0).getFormattedMessage();
            assertTrue(message.contains("AdaGrad") && message.contains("NoOp"), message);

            OgrTrainer.of(Nets.net(Nets.mlp(new NoOp(), null, null)), OGR1DC);
            OgrTrainer.of(Nets.net(Nets.mlp(new Sgd(), null, null)), OGR1DC); // DL4J's default: nothing chosen
            assertEquals(1, events.list.size(), "NoOp and the default Sgd are not warned about");
            OgrTrainer.of(Nets.net(Nets.mlp(new NoOp(), new Adam(0.0123), null)), OGR1DC);
            assertEquals(2, events.list.size());
            assertTrue(events.list.get(1).getFormattedMessage().contains("0.0123"));
        } finally {
            logger.detachAppender(events);
        }
        assertFalse(events.list.isEmpty());
    }
}
