package dev.ogr.core.outside;

import dev.ogr.api.Basis;
import dev.ogr.api.OutsideRule;
import dev.ogr.api.StrategyState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two outside rules without state of their own: {@code descent}, paper 1's gradient step −η·(g − VVᵀg) outside
 * the modelled subspace, and {@code none}. The core runs both itself ({@link #form()}), folded into its passes.
 */
public final class FirstOrderOutside implements OutsideRule {

    /** {@code outside=descent}. */
    public static final FirstOrderOutside DESCENT = new FirstOrderOutside(Form.DESCENT);
    /** {@code outside=none}. */
    public static final FirstOrderOutside NONE = new FirstOrderOutside(Form.NONE);

    private final Form form;

    private FirstOrderOutside(Form form) {
        this.form = form;
    }

    @Override
    public Form form() {
        return form;
    }

    @Override
    public void init(long dimension, DataType type, StrategyState state) {
    }

    /** Nothing to observe. */
    @Override
    public void observe(INDArray theta, INDArray gradient) {
    }

    /** {@code descent}: θ −= η·(g − VVᵀg) is taken by the core with the model step; {@code none}: no step. */
    @Override
    public void apply(INDArray theta, double learningRate, Basis basis) {
    }

    @Override
    public String toString() {
        return form == Form.DESCENT ? "descent" : "none";
    }
}
