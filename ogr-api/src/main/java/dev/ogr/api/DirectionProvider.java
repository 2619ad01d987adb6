package dev.ogr.api;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Chooses the basis in which the optimizer regresses gradients on positions: a momentum direction, a subspace
 * from online PCA, or the coordinate axes.
 *
 * <p>Each step the optimizer first calls {@link #accumulate} with the new gradient, regresses and steps in the
 * current {@link #basis()}, and finally calls {@link #rotate}, which moves the basis to its next position and
 * tells the average tracker about the change before it happens.
 */
public interface DirectionProvider {

    /** The geometry of the bases this provider produces. */
    Geometry geometry();

    /** The number of basis directions k for a problem with {@code dimension} parameters. */
    long rank(long dimension);

    /** Creates this provider's state for {@code dimension} parameters of type {@code type}. */
    void init(long dimension, DataType type, StrategyState state);

    /**
     * Takes the gradient {@code gradient} at {@code theta} into the provider's statistics (e.g. the momentum). The
     * caller leaves {@code gradient} unchanged until {@link #rotate} returns (θ moves in between), so a provider may
     * read it again there.
     */
    void accumulate(INDArray theta, INDArray gradient);

    /** Whether {@link #basis()} is defined yet (a momentum direction is not until a non-zero gradient was seen). */
    boolean ready();

    /** The current basis; only valid when {@link #ready()}. */
    Basis basis();

    /**
     * Moves the basis to its next position after a step to {@code theta}. Before it changes, the provider calls
     * {@code tracker.beforeRotation(theta, current, next)} so that trackers that keep averages relative to the
     * basis can re-express them.
     */
    void rotate(INDArray theta, AverageTracker tracker);

    /**
     * The vector the optimizer descends along (scaled by the learning rate) during warm-up, before the model is
     * used: the gradient by default; a momentum provider returns its momentum, so warm-up steps are momentum steps.
     */
    default INDArray warmupDirection(INDArray gradient) {
        return gradient;
    }
}
