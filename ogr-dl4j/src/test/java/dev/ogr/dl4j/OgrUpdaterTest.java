package dev.ogr.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.NonFiniteException;
import dev.ogr.core.OgrOptimizer;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class OgrUpdaterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"asgd", "asgdc", "dogr", "idogr", "cdogr", "momentum", "adam",
        "asgd; clip-norm=2; clip-value=3; schedule=cosine(steps=20, warmup=4)"})
    void updaterFollowsTheRecipeExactly(String preset) {
        // The same gradients through the updater (tracked θ from 0) and through the optimizer started at 0: the
        // tracked θ and the emitted updates must equal the optimizer's θ and its moves, bit for bit.
        int n = 7;
        OgrUpdater config = new OgrUpdater(preset);
        INDArray view = Nd4j.zeros(DataType.DOUBLE, config.stateSize(n));
        GradientUpdater<?> updater = config.instantiate(view, true);
        OgrOptimizer reference = OgrOptimizer.create(Recipes.resolve(preset), Nd4j.zeros(DataType.DOUBLE, n));
        INDArray position = Nd4j.zeros(DataType.DOUBLE, n); // what DL4J's params - start would be
        double[] h = {1, 3, 0.5, 10, 2, 0.1, 4};
        for (int t = 0; t < 30; t++) {
            INDArray g = Nd4j.zeros(DataType.DOUBLE, n);
            for (int i = 0; i < n; i++) {
                g.putScalar(i, h[i] * (position.getDouble(i) - 1 - i) + 0.01 * Math.sin(7 * t + i));
            }
            INDArray before = reference.parameters().dup();
            // with an update output, as the updater steps (the cap then takes the same, exact path)
            reference.step(g.dup(), config.getLearningRate(t, 0), Nd4j.zeros(DataType.DOUBLE, n));
            updater.applyUpdater(g, t, 0);
            position.subi(g);
            assertArrayEquals(before.sub(reference.parameters()).toDoubleVector(), g.toDoubleVector(), 0.0,
                    preset + " update at step " + t);
            assertArrayEquals(reference.parameters().toDoubleVector(),
                    ((OgrGradientUpdater) updater).optimizer().parameters().toDoubleVector(), 0.0);
        }
    }

    @Test
    void configurationSurvivesJsonWithPerLayerAndBiasUpdaters() {
        MultiLayerConfiguration conf = Nets.mlp(new OgrUpdater("asgd", 0.05), new Adam(1e-3),
                new OgrUpdater("dogr; lr=fixed(eta=0.5)",
                        new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.5, 10, 0.1))));
        String json = conf.toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        for (int i = 0; i < 2; i++) {
            var a = (org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(i).getLayer();
            var b = (org.deeplearning4j.nn.conf.layers.BaseLayer) back.getConf(i).getLayer();
            assertEquals(a.getIUpdater(), b.getIUpdater(), "updater of layer " + i);
            assertEquals(a.getBiasUpdater(), b.getBiasUpdater(), "bias updater of layer " + i);
            assertEquals(conf.getConf(i), back.getConf(i), "conf " + i);
        }
        assertEquals(conf, back);
        assertEquals(json, back.toJson());
        assertTrue(json.contains(Recipes.resolve("asgd").canonical()), json);
    }

    @Test
    void theSavedConfigurationHoldsTheCanonicalRecipeAndOldFilesWithAPresetNameStillLoad() {
        OgrUpdater dogr = new OgrUpdater("dogr", 1.0);
        String canonical = Recipes.resolve("dogr").canonical();
        assertEquals(canonical, dogr.getRecipe());
        String json = Nets.mlp(dogr, null, null).toJson();
        assertTrue(json.contains(canonical.replace("\"", "\\\"")), json);

        // a file written before the canonical form: the recipe field holds the preset name
        String old = json.replace(canonical, "dogr");
        assertNotEquals(json, old);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(old);
        var layer = (org.deeplearning4j.nn.conf.layers.BaseLayer) back.getConf(0).getLayer();
        assertEquals(dogr, layer.getIUpdater());
        assertEquals(canonical, ((OgrUpdater) layer.getIUpdater()).getRecipe());
    }

    @Test
    void typedEntryPointsAreThePresetsWithALearningRate() {
        Map<String, OgrUpdater> typed = Map.of("asgd", OgrUpdater.asgd(0.2), "asgdc", OgrUpdater.asgdc(0.2),
                "dogr", OgrUpdater.dogr(0.2), "idogr", OgrUpdater.idogr(0.2), "cdogr", OgrUpdater.cdogr(0.2),
                "adam", OgrUpdater.adam(0.2));
        typed.forEach((preset, updater) -> {
            assertEquals(new OgrUpdater(preset, 0.2), updater, preset);
            assertEquals(Recipes.resolve(preset).canonical(), updater.getRecipe(), preset);
            assertEquals(0.2, updater.getLearningRate(0, 0), preset);
        });
    }

    @Test
    void savedAndRestoredNetworkContinuesBitForBit() throws Exception {
        // Different updaters on the two layers and on the biases: DL4J splits the flat state into blocks.
        MultiLayerConfiguration conf = Nets.mlp(new OgrUpdater("asgdc"), new OgrUpdater("cdogr"),
                new OgrUpdater("dogr"));
        MultiLayerNetwork straight = Nets.net(conf);
        MultiLayerNetwork first = Nets.net(conf.clone());
        for (int i = 0; i < 12; i++) {
            straight.fit(Nets.batch(i));
            first.fit(Nets.batch(i));
        }
        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(first, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(straight.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        for (int i = 12; i < 30; i++) {
            straight.fit(Nets.batch(i));
            restored.fit(Nets.batch(i));
        }
        assertArrayEquals(straight.params().toFloatVector(), restored.params().toFloatVector(), 0f);
        assertArrayEquals(straight.getUpdater().getStateViewArray().toFloatVector(),
                restored.getUpdater().getStateViewArray().toFloatVector(), 0f);
        assertNotEquals(Nets.net(conf.clone()).params(), straight.params(), "training moved the parameters");
    }

    @Test
    void trainingLowersTheLossWithEveryCoordinatePreset() {
        for (String preset : new String[] {"asgd", "asgdc", "dogr", "idogr", "cdogr"}) {
            MultiLayerNetwork net = Nets.net(Nets.mlp(new OgrUpdater(preset), null, null));
            var data = Nets.batch(0);
            double before = net.score(data);
            for (int i = 0; i < 100; i++) {
                net.fit(data);
            }
            double after = net.score(data);
            assertTrue(after < 0.5 * before, preset + ": loss " + before + " -> " + after);
        }
    }

    @Test
    void scheduleAndSetLearningRateReachTheStep() {
        // heavy-ball with beta = 0 and no averages is SGD: the update must be exactly eta_t * g.
        String sgd = "direction=coordinates; averages=none; step=heavy-ball(beta=0); lr=fixed(eta=1)";
        OgrUpdater config = new OgrUpdater(sgd, new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.5, 3, 0.25)));
        GradientUpdater<?> u = config.instantiate(Nd4j.zeros(DataType.DOUBLE, config.stateSize(2)), true);
        double[] expected = {0.5, 0.5, 0.5, 0.25, 0.25};
        for (int t = 0; t < expected.length; t++) {
            INDArray g = Nd4j.createFromArray(2.0, -4.0);
            u.applyUpdater(g, t, 0);
            assertArrayEquals(new double[] {2 * expected[t], -4 * expected[t]}, g.toDoubleVector(), 0.0);
        }
        OgrUpdater fixed = new OgrUpdater(sgd);
        assertEquals(1.0, fixed.getLearningRate(0, 0));
        fixed.setLrAndSchedule(0.125, null);
        assertEquals(0.125, fixed.getLearningRate(5, 1));
    }

    @Test
    void stateViewHoldsEverythingAndGetStateRoundTrips() {
        int n = 5;
        OgrUpdater config = new OgrUpdater("asgdc");
        INDArray view = Nd4j.zeros(DataType.FLOAT, config.stateSize(n));
        GradientUpdater<?> u = config.instantiate(view, true);
        for (int t = 0; t < 6; t++) {
            u.applyUpdater(Nd4j.createFromArray(1f, -2f, 3f, 0.5f, -1f).muli(t + 1), t, 0);
        }
        Map<String, INDArray> state = new HashMap<>();
        u.getState().forEach((k, v) -> state.put(k, v.dup()));
        GradientUpdater<?> copy = config.instantiate(state, false);
        INDArray g1 = Nd4j.createFromArray(0.3f, 0.1f, -0.2f, 2f, 1f);
        INDArray g2 = g1.dup();
        u.applyUpdater(g1, 6, 0);
        copy.applyUpdater(g2, 6, 0);
        assertArrayEquals(g1.toFloatVector(), g2.toFloatVector(), 0f);
        assertEquals(java.util.Set.of(OgrGradientUpdater.STATE), state.keySet());
    }

    @Test
    void exactScalarsRoundTrip() {
        float[] slots = new float[3];
        for (double x : new double[] {0, 1, 0.1, 1 - Math.pow(0.9, 37), Math.PI * 1e7, 1e-15, -2.5e10}) {
            ExactScalars.putDouble(x, slots, 0);
            assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits(ExactScalars.getDouble(slots, 0)),
                    "x=" + x);
        }
        for (long c : new long[] {0, 1, (1L << 24) + 1, 123456789012345L, Long.MAX_VALUE}) {
            ExactScalars.putLong(c, slots, 0);
            assertEquals(c, ExactScalars.getLong(slots, 0));
        }
    }

    @Test
    void badRecipesAreRejectedWithTheReason() {
        var notCoordinates = assertThrows(IllegalArgumentException.class, () -> new OgrUpdater("ogr1d"));
        assertTrue(notCoordinates.getMessage().contains("not coordinate-wise")
                && notCoordinates.getMessage().contains("OgrTrainer"), notCoordinates.getMessage());
        var learned = assertThrows(IllegalArgumentException.class,
                () -> new OgrUpdater("asgd; lr=fd-newton"));
        assertTrue(learned.getMessage().contains("fd-newton"), learned.getMessage());
        assertThrows(ConfigurationException.class, () -> new OgrUpdater("asgdd"));
        var decay = assertThrows(IllegalArgumentException.class, () -> new OgrUpdater("adam; decay=0.01"));
        assertTrue(decay.getMessage().contains("weightDecay") && decay.getMessage().contains("OgrTrainer"),
                decay.getMessage());
        var rate = assertThrows(IllegalArgumentException.class, () -> new OgrUpdater("asgd", -1));
        assertTrue(rate.getMessage().contains("-1"), rate.getMessage());
    }

    @Test
    void nonFiniteGradientChangesNothing() {
        OgrUpdater config = new OgrUpdater("asgd");
        INDArray view = Nd4j.zeros(DataType.FLOAT, config.stateSize(3));
        GradientUpdater<?> u = config.instantiate(view, true);
        u.applyUpdater(Nd4j.createFromArray(1f, 2f, 3f), 0, 0);
        INDArray before = view.dup();
        assertThrows(NonFiniteException.class, () -> u.applyUpdater(Nd4j.createFromArray(1f, Float.NaN, 3f), 1, 0));
        assertEquals(before, view);
    }
}
