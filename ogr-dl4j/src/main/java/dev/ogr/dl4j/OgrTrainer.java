package dev.ogr.dl4j;

import dev.ogr.api.LossProbe;
import dev.ogr.api.Sample;
import dev.ogr.api.StepResult;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.recipe.ResolvedRecipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

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
 * than silently ignored: L1/L2 regularisation and weight decay, and gradient normalisation or clipping.
 */
public final class OgrTrainer {

    private final Network network;
    private final OgrOptimizer optimizer;

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
        params.assign(theta.reshape(params.shape()));
        return new OgrTrainer(network, optimizer);
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
        NetworkSample sample = new NetworkSample(batch);
        LossProbe validationProbe = validation == null ? null : new NetworkSample(validation);
        StepResult result;
        try {
            result = optimizer.step(sample, validationProbe);
        } finally {
            network.params().assign(optimizer.parameters()); // the new θ, or θ unchanged after a failed step
        }
        int iteration = network.iterationCount();
        network.setIterationCount(iteration + 1);
        for (TrainingListener l : network.listeners()) {
            l.onGradientCalculation(network.model());
            l.iterationDone(network.model(), iteration, network.epochCount());
        }
        return result;
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
