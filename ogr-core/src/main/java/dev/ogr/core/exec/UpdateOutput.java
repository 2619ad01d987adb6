package dev.ogr.core.exec;

import dev.ogr.api.StrategyState;
import dev.ogr.api.array.ArrayOps;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The update output θ_old − θ_new of an array-op step: θ before the step kept in one scratch vector, and the
 * caller's update array viewed flat (the view made again only when the caller hands over another array).
 */
final class UpdateOutput {

    private final StrategyState.Allocator allocator;
    private INDArray before;
    private INDArray seen;
    private INDArray flat;
    private INDArray out;

    UpdateOutput(StrategyState.Allocator allocator) {
        this.allocator = allocator;
    }

    /** Before the step: keeps θ when {@code update} is not null (one assign); null means no update is asked for. */
    void begin(INDArray theta, INDArray update) {
        out = null;
        if (update == null) {
            return;
        }
        if (update != seen) {
            seen = update;
            flat = update.reshape(update.length());
        }
        if (before == null) {
            before = allocator.scratch(theta.dataType(), theta.length());
        }
        before.assign(theta);
        out = flat;
    }

    /** After the step: writes θ_old − θ into the update, if {@link #begin} was given one. */
    void finish(INDArray theta) {
        if (out != null) {
            ArrayOps.sub(before, theta, out);
        }
    }
}
