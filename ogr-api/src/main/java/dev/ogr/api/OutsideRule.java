package dev.ogr.api;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The step in the directions outside the modelled subspace (slot {@code outside}): a first-order step
 * −η·(g − VVᵀg), none, or a step of its own, such as the reference notebooks' momentum step −η·m projected off V.
 *
 * <p>Each step the optimizer calls {@link #observe} with θ and the new gradient (warm-up steps included), and after
 * the model step along V calls {@link #apply}. Rules whose {@link #form()} is {@link Form#DESCENT} or
 * {@link Form#NONE} are run by the core itself, folded into its passes over memory.
 */
public interface OutsideRule {

    /** What the core runs for a rule. */
    enum Form {
        /** The first-order step −η·(g − VVᵀg), which the core folds into the model step. */
        DESCENT,
        /** No step outside the subspace. */
        NONE,
        /** The rule's own {@link #observe} and {@link #apply}. */
        OWN
    }

    /** What the core runs for this rule; {@link Form#OWN} unless a rule says otherwise. */
    default Form form() {
        return Form.OWN;
    }

    /** Creates this rule's state for {@code dimension} parameters of type {@code type}. */
    void init(long dimension, DataType type, StrategyState state);

    /** Takes the gradient {@code gradient} at {@code theta} into the rule's statistics, before θ moves. */
    void observe(INDArray theta, INDArray gradient);

    /**
     * Moves {@code theta} by the rule's step outside {@code basis}, with the recipe's learning rate: θ ← θ + u − V(Vᵀu)
     * for the rule's step u.
     */
    void apply(INDArray theta, double learningRate, Basis basis);

    /**
     * The vector whose coordinates along V the model step uses in place of the latest gradient's (the notebooks' full
     * OGR divides their momentum), live; null (the default) for the gradient.
     */
    default INDArray insideGradient() {
        return null;
    }
}
