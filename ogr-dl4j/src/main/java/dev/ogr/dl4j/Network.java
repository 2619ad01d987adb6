package dev.ogr.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * What {@link OgrTrainer} needs of a Deeplearning4j network, for {@link MultiLayerNetwork} and
 * {@link ComputationGraph} alike: the flat parameter and gradient views, a loss with gradient on a batch, a loss
 * alone, the iteration and epoch counters and the listeners.
 */
interface Network {

    /** The network this wraps. */
    Model model();

    /** The live flat parameter view. */
    INDArray params();

    /**
     * Computes the batch's loss (the network's score: the mean over examples plus regularisation) and its
     * gradient, left in {@link #gradient()}: the sum over the batch's examples.
     */
    double lossAndGradient(MultiDataSet batch);

    /** The flat gradient view (valid after {@link #lossAndGradient}). */
    INDArray gradient();

    /** The batch's loss at the current parameters, in training mode, changing nothing else. */
    double loss(MultiDataSet batch);

    /** The number of iterations done. */
    int iterationCount();

    /** Sets the number of iterations done. */
    void setIterationCount(int count);

    /** The number of epochs done. */
    int epochCount();

    /** Counts one more epoch. */
    void incrementEpochCount();

    /** The listeners. */
    Collection<TrainingListener> listeners();

    /** Wraps a network. */
    static Network of(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return new MultiLayer(net);
        }
        if (model instanceof ComputationGraph graph) {
            return new Graph(graph);
        }
        throw new IllegalArgumentException("expected a MultiLayerNetwork or a ComputationGraph, got "
                + model.getClass().getName());
    }

    /** A {@link MultiLayerNetwork}: one input, one output. */
    record MultiLayer(MultiLayerNetwork net) implements Network {

        @Override
        public Model model() {
            return net;
        }

        @Override
        public INDArray params() {
            return net.params();
        }

        @Override
        public double lossAndGradient(MultiDataSet batch) {
            if (batch.numFeatureArrays() != 1 || batch.numLabelsArrays() != 1) {
                throw new IllegalArgumentException("a MultiLayerNetwork takes one feature and one label array, got "
                        + batch.numFeatureArrays() + " and " + batch.numLabelsArrays());
            }
            net.setInput(batch.getFeatures(0));
            net.setLabels(batch.getLabels(0));
            net.setLayerMaskArrays(batch.getFeaturesMaskArray(0), batch.getLabelsMaskArray(0));
            net.computeGradientAndScore();
            net.clearLayerMaskArrays();
            return net.score();
        }

        @Override
        public INDArray gradient() {
            return net.gradient().gradient();
        }

        @Override
        public double loss(MultiDataSet batch) {
            return net.score(new org.nd4j.linalg.dataset.DataSet(batch.getFeatures(0), batch.getLabels(0),
                    batch.getFeaturesMaskArray(0), batch.getLabelsMaskArray(0)), true);
        }

        @Override
        public int iterationCount() {
            return net.getIterationCount();
        }

        @Override
        public void setIterationCount(int count) {
            net.setIterationCount(count);
        }

        @Override
        public int epochCount() {
            return net.getEpochCount();
        }

        @Override
        public void incrementEpochCount() {
            net.incrementEpochCount();
        }

        @Override
        public Collection<TrainingListener> listeners() {
            return net.getListeners();
        }
    }

    /** A {@link ComputationGraph}: any number of inputs and outputs. */
    record Graph(ComputationGraph graph) implements Network {

        @Override
        public Model model() {
            return graph;
        }

        @Override
        public INDArray params() {
            return graph.params();
        }

        @Override
        public double lossAndGradient(MultiDataSet batch) {
            graph.setInputs(batch.getFeatures());
            graph.setLabels(batch.getLabels());
            graph.setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
            graph.computeGradientAndScore();
            graph.clearLayerMaskArrays();
            return graph.score();
        }

        @Override
        public INDArray gradient() {
            return graph.gradient().gradient();
        }

        @Override
        public double loss(MultiDataSet batch) {
            return graph.score(batch, true);
        }

        @Override
        public int iterationCount() {
            return graph.getIterationCount();
        }

        @Override
        public void setIterationCount(int count) {
            graph.getConfiguration().setIterationCount(count);
        }

        @Override
        public int epochCount() {
            return graph.getEpochCount();
        }

        @Override
        public void incrementEpochCount() {
            graph.incrementEpochCount();
        }

        @Override
        public Collection<TrainingListener> listeners() {
            return graph.getListeners();
        }
    }
}
