package dev.ogr.dl4j;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.LossProbe;
import dev.ogr.api.NonFiniteException;
import dev.ogr.api.Sample;
import dev.ogr.api.StepResult;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.recipe.ResolvedRecipe;
import dev.ogr.lr.FixedLearningRate;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a Deeplearning4j {@link MultiLayerNetwork} or {@link ComputationGraph} with any ogr recipe, including those
 * an {@link OgrUpdater} cannot run: a global momentum direction ({@code ogr1d}, {@code ogr1dc}), subspaces
 * ({@code ogr-pca}, {@code full-ogr}) and learning-rate learners that evaluate the loss at other points
 * ({@code sgd+fd-newton}):
 * <pre>{@code
 * OgrTrainer trainer = OgrTrainer.of(net, "ogr1dc; lr=fixed(eta=0.05)");
 * trainer.fit(trainIterator, 1);
 * }</pre>
 *
 * <p>The optimizer works on the network's flat parameter vector as one θ. Each step computes the batch's loss and
 * gradient through the network (the gradient divided by the batch size, as DL4J's updaters do), lets the recipe
 * move θ, and writes θ back into the network, so the network always holds the current parameters (listeners,
 * evaluation, early stopping and {@code ModelSerializer} see them). Loss probes of learning-rate learners put their
 * point into the network, score the batch in training mode and put θ back: the parameters are restored bit for bit,
 * and the network's updater state and iteration and epoch counters are not touched by a probe. After each step
 * the iteration counter advances and the listeners' {@code onGradientCalculation} and {@code iterationDone} are
 * called, with {@code onEpochStart}/{@code onEpochEnd} around each epoch of {@link #fit(DataSetIterator, int)}.
 *
 * <p>The network's own updater is not used, so settings that DL4J applies inside its updater are refused rather
 * than silently ignored: L1/L2 regularisation and weight decay, and gradient normalisation or clipping. An updater
 * configured on the network (anything but DL4J's default {@code Sgd} or {@link NoOp}) is bypassed with a warning,
 * logged once per configuration; configure {@code .updater(new NoOp())} to say it is meant (DL4J then also keeps
 * no updater state).
 *
 * <p><b>Learning rate.</b> A recipe with a fixed rate ({@code lr=fixed(eta=...)}) takes the rate set by
 * {@link #setLearningRate(double)} or the schedule set by {@link #setLearningRate(ISchedule)} in its place, evaluated
 * at the network's iteration and epoch counters as DL4J's updaters do; a recipe that learns its rate refuses both.
 *
 * <p><b>Saving.</b> {@link #writeModel(File)} writes the network and the trainer's complete state into one
 * {@code ModelSerializer} zip (which DL4J's own {@code ModelSerializer.restore...} still reads as the network alone);
 * {@link #restore(File)} reads both back, and training continues bit for bit.
 */
public final class OgrTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(OgrTrainer.class);
    /** The bypassed updater configurations already warned about, so each is logged once. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final Network network;
    private final OgrOptimizer optimizer;
    private Double learningRate;
    private ISchedule schedule;
    private INDArray gradient;

    private OgrTrainer(Network network, OgrOptimizer optimizer) {
        this.network = network;
        this.optimizer = optimizer;
    }

    /**
     * A trainer for {@code model} (a {@link MultiLayerNetwork} or {@link ComputationGraph}, initialised) with the
     * recipe {@code recipe}, starting from the network's current parameters.
     *
     * @throws dev.ogr.api.ConfigurationException if the recipe does not resolve
     * @throws IllegalArgumentException           if the network uses settings the trainer cannot honour
     */
    public static OgrTrainer of(Model model, String recipe) {
        return of(model, Recipes.resolve(Objects.requireNonNull(recipe, "recipe")));
    }

    /** Like {@link #of(Model, String)} with a resolved recipe. */
    public static OgrTrainer of(Model model, ResolvedRecipe recipe) {
        Network network = Network.of(model);
        if (network.params() == null || network.params().isEmpty()) {
            throw new IllegalArgumentException("the network has no parameters: call init() first");
        }
        checkNoUpdaterSettings(model);
        warnOfBypassedUpdater(model);
        return new OgrTrainer(network, OgrOptimizer.create(recipe, network.params().dup()));
    }

    /**
     * A trainer for {@code model} with an optimizer composed in Java ({@code OgrOptimizer.builder()...build(
     * model.params())}); the optimizer's θ, which must be as long as the network's parameters and of their type, is
     * written into the network.
     */
    public static OgrTrainer of(Model model, OgrOptimizer optimizer) {
        Network network = Network.of(model);
        INDArray params = network.params();
        INDArray theta = optimizer.parameters();
        if (params == null || theta.length() != params.length() || theta.dataType() != params.dataType()) {
            throw new IllegalArgumentException("the optimizer has " + theta.length() + " " + theta.dataType()
                    + " parameters, the network " + (params == null ? "none (call init() first)"
                            : params.length() + " " + params.dataType()));
        }
        checkNoUpdaterSettings(model);
        warnOfBypassedUpdater(model);
        params.assign(theta.reshape(params.shape()));
        return new OgrTrainer(network, optimizer);
    }

    /**
     * Reads a network and its trainer from {@code file}, written by {@link #writeModel(File)}: the network as
     * {@code ModelSerializer} restores it, the recipe it was trained with (stored in canonical form, so it means the
     * same in any ogr version that has its strategies), the learning rate or schedule set on the trainer, and the
     * optimizer's state. Training continues bit for bit from where it was saved.
     *
     * @throws IOException if the file cannot be read or holds no ogr trainer (a network saved by
     *                     {@code ModelSerializer} alone); nothing is created then
     * @throws ConfigurationException if the stored recipe names strategies that are not on the classpath
     */
    public static OgrTrainer restore(File file) throws IOException {
        Objects.requireNonNull(file, "file");
        TrainerFile.Contents c = TrainerFile.read(file);
        OgrTrainer trainer = of(c.model(), c.recipe());
        if (c.schedule() != null) {
            trainer.setLearningRate(c.schedule());
        } else if (c.learningRate() != null) {
            trainer.setLearningRate(c.learningRate());
        }
        trainer.restoreState(c.state());
        return trainer;
    }

    /**
     * Writes the network (its configuration, parameters and counters, as {@code ModelSerializer.writeModel(model,
     * file, false)}) and this trainer (its recipe, learning rate or schedule, and the optimizer's state) into
     * {@code file}, replacing it only once the new file is complete. {@link #restore(File)} reads both back.
     *
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public void writeModel(File file) throws IOException {
        Objects.requireNonNull(file, "file");
        TrainerFile.write(file, network.model(), optimizer.recipe(), learningRate, schedule, exportState());
    }

    /**
     * Uses {@code learningRate} (finite, {@code >= 0}) in place of the recipe's fixed rate from the next step on
     * (replacing a schedule set before).
     *
     * @throws IllegalArgumentException if the value is negative, NaN or infinite
     * @throws IllegalStateException    if the recipe learns its learning rate
     */
    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate " + learningRate + ", expected a finite value >= 0");
        }
        checkFixedRate("a learning rate");
        this.learningRate = learningRate;
        this.schedule = null;
    }

    /**
     * Takes the learning rate from {@code schedule}, at the network's iteration and epoch counters, in place of the
     * recipe's fixed rate from the next step on (replacing a rate set before).
     *
     * @throws IllegalStateException if the recipe learns its learning rate
     */
    public void setLearningRate(ISchedule schedule) {
        Objects.requireNonNull(schedule, "schedule");
        checkFixedRate("a learning-rate schedule");
        this.schedule = schedule;
        this.learningRate = null;
    }

    private void checkFixedRate(String what) {
        if (!(optimizer.learningRateLearner() instanceof FixedLearningRate)) {
            throw new IllegalStateException("recipe '" + optimizer.recipe() + "' learns its learning rate with "
                    + optimizer.learningRateLearner() + "; " + what + " set on the trainer would replace it. Use a "
                    + "recipe with lr=fixed(eta=...) to set the rate yourself");
        }
    }

    private static void warnOfBypassedUpdater(Model model) {
        Layer[] layers = model instanceof MultiLayerNetwork m ? m.getLayers() : ((ComputationGraph) model).getLayers();
        List<String> configured = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer.conf().getLayer() instanceof BaseLayer b) {
                String name = b.getLayerName() != null ? b.getLayerName() : b.getClass().getSimpleName();
                if (isConfigured(b.getIUpdater())) {
                    configured.add("layer '" + name + "': " + b.getIUpdater());
                }
                if (b.getBiasUpdater() != null && isConfigured(b.getBiasUpdater())) {
                    configured.add("layer '" + name + "' biases: " + b.getBiasUpdater());
                }
            }
        }
        String text = String.join("; ", configured);
        if (!configured.isEmpty() && WARNED.add(text)) {
            LOG.warn("OgrTrainer trains with its recipe and bypasses the updater configured on the network ({}); "
                    + "configure .updater(new NoOp()) to say this is meant (DL4J then keeps no updater state)", text);
        }
    }

    /** Whether an updater was chosen for the network, rather than left at DL4J's default {@code Sgd} or NoOp. */
    private static boolean isConfigured(IUpdater updater) {
        return updater != null && !(updater instanceof NoOp)
                && !(updater instanceof Sgd s && s.getLearningRate() == Sgd.DEFAULT_SGD_LR
                        && s.getLearningRateSchedule() == null);
    }

    private static void checkNoUpdaterSettings(Model model) {
        Layer[] layers = model instanceof MultiLayerNetwork m ? m.getLayers() : ((ComputationGraph) model).getLayers();
        List<String> problems = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer.conf().getLayer() instanceof BaseLayer b) {
                String name = b.getLayerName() != null ? b.getLayerName() : b.getClass().getSimpleName();
                if (b.getRegularization() != null && !b.getRegularization().isEmpty()
                        || b.getRegularizationBias() != null && !b.getRegularizationBias().isEmpty()) {
                    problems.add("layer '" + name + "' has regularisation " + b.getRegularization() + " / bias "
                            + b.getRegularizationBias());
                }
                if (b.getGradientNormalization() != null && b.getGradientNormalization() != GradientNormalization.None) {
                    problems.add("layer '" + name + "' has gradient normalisation " + b.getGradientNormalization());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("OgrTrainer does not use the network's updater, where DL4J applies "
                    + "these settings: " + String.join("; ", problems) + ". Remove them, or use an OgrUpdater "
                    + "(coordinate-wise recipes) through the network's own fit()");
        }
    }

    /** The optimizer (its {@code parameters()} are θ, equal to the network's parameters between steps). */
    public OgrOptimizer optimizer() {
        return optimizer;
    }

    /** The network being trained. */
    public Model model() {
        return network.model();
    }

    /** Takes one step on {@code batch}. */
    public StepResult fit(DataSet batch) {
        return fit(toMulti(batch), null);
    }

    /** Takes one step on {@code batch}. */
    public StepResult fit(MultiDataSet batch) {
        return fit(batch, null);
    }

    /**
     * Takes one step on {@code batch}, with {@code validation} (may be null) available to learning-rate learners that
     * take their loss evaluations on held-out data (paper 2, §5.3).
     */
    public StepResult fit(MultiDataSet batch, MultiDataSet validation) {
        Objects.requireNonNull(batch, "batch");
        int iteration = network.iterationCount();
        StepResult result;
        try {
            if (learningRate != null || schedule != null) {
                result = stepAtRate(batch, schedule != null ? schedule.valueAt(iteration, network.epochCount())
                        : learningRate);
            } else {
                NetworkSample sample = new NetworkSample(batch);
                LossProbe validationProbe = validation == null ? null : new NetworkSample(validation);
                result = optimizer.step(sample, validationProbe);
            }
        } finally {
            network.params().assign(optimizer.parameters()); // the new θ, or θ unchanged after a failed step
        }
        network.setIterationCount(iteration + 1);
        for (TrainingListener l : network.listeners()) {
            l.onGradientCalculation(network.model());
            l.iterationDone(network.model(), iteration, network.epochCount());
        }
        return result;
    }

    /** One step at the rate set on the trainer: the batch's gradient, then the optimizer's step at that rate. */
    private StepResult stepAtRate(MultiDataSet batch, double eta) {
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalStateException("step " + optimizer.iteration() + ": the learning-rate schedule "
                    + schedule + " gave " + eta + " at iteration " + network.iterationCount() + ", epoch "
                    + network.epochCount() + ", expected a finite value >= 0");
        }
        INDArray theta = optimizer.parameters();
        if (gradient == null) {
            gradient = Nd4j.createUninitialized(theta.dataType(), theta.shape());
        }
        network.params().assign(theta);
        double loss = network.lossAndGradient(batch);
        if (!Double.isFinite(loss)) {
            throw new NonFiniteException("step " + optimizer.iteration() + ": the loss is " + loss
                    + "; the optimizer state is unchanged");
        }
        gradient.assign(network.gradient()).divi(batch.getFeatures(0).size(0));
        StepResult r = optimizer.step(gradient, eta, null);
        return new StepResult(r.step(), loss, r.learningRate(), r.modelStep());
    }

    /** Trains for {@code epochs} passes over {@code data} (reset before each), one step per batch. */
    public void fit(DataSetIterator data, int epochs) {
        fit(new MultiDataSetIteratorAdapter(data), epochs);
    }

    /** Trains for {@code epochs} passes over {@code data} (reset before each), one step per batch. */
    public void fit(MultiDataSetIterator data, int epochs) {
        checkEpochs(epochs);
        for (int e = 0; e < epochs; e++) {
            epochStart();
            if (e > 0 || data.resetSupported() && !data.hasNext()) {
                data.reset();
            }
            while (data.hasNext()) {
                fit(data.next());
            }
            epochEnd();
        }
    }

    private static void checkEpochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs = " + epochs + ", expected at least 1");
        }
    }

    private void epochStart() {
        for (TrainingListener l : network.listeners()) {
            l.onEpochStart(network.model());
        }
    }

    private void epochEnd() {
        for (TrainingListener l : network.listeners()) {
            l.onEpochEnd(network.model());
        }
        network.incrementEpochCount();
    }

    /** The optimizer's complete state (θ included), to save beside the network. */
    public Map<String, INDArray> exportState() {
        return optimizer.exportState();
    }

    /** Restores a state from {@link #exportState()} and puts its θ into the network. */
    public void restoreState(Map<String, INDArray> state) {
        optimizer.restoreState(state);
        network.params().assign(optimizer.parameters());
    }

    static MultiDataSet toMulti(DataSet batch) {
        return new org.nd4j.linalg.dataset.MultiDataSet(batch.getFeatures(), batch.getLabels(),
                batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
    }

    /** One batch as the optimizer's sample: the network evaluated at the points the optimizer asks for. */
    private final class NetworkSample implements Sample {

        private final MultiDataSet batch;
        private final long examples;

        NetworkSample(MultiDataSet batch) {
            this.batch = batch;
            this.examples = batch.getFeatures(0).size(0);
        }

        @Override
        public double lossAndGradient(INDArray theta, INDArray gradient) {
            network.params().assign(theta);
            double loss = network.lossAndGradient(batch);
            gradient.assign(network.gradient()).divi(examples);
            return loss;
        }

        @Override
        public double loss(INDArray theta) {
            network.params().assign(theta);
            try {
                return network.loss(batch);
            } finally {
                network.params().assign(optimizer.parameters());
            }
        }
    }
}
