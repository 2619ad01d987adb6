package dev.ogr.dl4j;

import dev.ogr.core.OgrOptimizer;
import java.util.Map;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The per-block instance of an {@link OgrUpdater}: an {@link OgrOptimizer} over tracked θ (starting at 0) whose
 * state arrays are views of the block's flat state view, turning each gradient into the update in place.
 *
 * <p>DL4J does not tell an updater how many parameters its block has, so the recipe is laid out on the first
 * gradient (or at once, for a restored view, which records the number: see {@link FlatStateLayout}).
 */
public final class OgrGradientUpdater implements GradientUpdater<OgrUpdater> {

    /** The one key of {@link #getState()}: the whole flat state. */
    public static final String STATE = "state";

    private final OgrUpdater config;
    private INDArray view;
    private FlatStateBinding binding;
    private OgrOptimizer optimizer;

    OgrGradientUpdater(OgrUpdater config) {
        this.config = config;
    }

    @Override
    public OgrUpdater getConfig() {
        return config;
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        FlatStateLayout layout = config.layout();
        INDArray v = contiguousVector(viewArray, "updater state view");
        if (v.length() < layout.tailSize()) {
            throw new IllegalArgumentException("an updater state view of " + v.length() + " elements is shorter than "
                    + "this recipe's tail of " + layout.tailSize() + " elements");
        }
        this.view = v;
        this.binding = null;
        this.optimizer = null;
        if (initialize) {
            v.assign(0); // unbound until the first gradient says how many parameters there are
        } else {
            long n = FlatStateBinding.recordedParams(v, layout);
            if (n > 0) {
                bind(n, false);
            }
        }
    }

    /** Lays the recipe out over the view for {@code numParams} parameters, keeping the view's content if asked. */
    private void bind(long numParams, boolean initialize) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            // Building the recipe writes its initial state; a saved state is put back over it.
            INDArray saved = initialize ? null : view.dup();
            FlatStateBinding b = new FlatStateBinding(config.layout(), view, numParams);
            OgrOptimizer o = OgrOptimizer.create(config.resolved(), Nd4j.zeros(view.dataType(), numParams), b);
            if (saved != null) {
                view.assign(saved);
            } else {
                b.storeScalars();
            }
            this.binding = b;
            this.optimizer = o;
        }
    }

    /** The whole flat state under {@link #STATE}: every array of the recipe lives in it. */
    @Override
    public Map<String, INDArray> getState() {
        requireView();
        return Map.of(STATE, view);
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        INDArray state = stateMap.get(STATE);
        if (state == null || stateMap.size() != 1) {
            throw new IllegalArgumentException("updater state must hold exactly one array '" + STATE + "', got "
                    + stateMap.keySet());
        }
        if (view == null || view.length() != state.length()) {
            INDArray fresh;
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                fresh = Nd4j.zeros(state.dataType(), state.length());
            }
            fresh.assign(state.reshape(state.length()));
            setStateViewArray(fresh, fresh.shape(), 'c', initialize);
        } else {
            view.assign(state.reshape(view.shape()));
            setStateViewArray(view, view.shape(), 'c', initialize);
        }
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        requireView();
        INDArray g = contiguousVector(gradient, "gradient");
        if (binding == null) {
            // The view may have been filled with a saved state since it was handed over (DL4J restores a network's
            // updater by assigning into the existing view): its tail says so.
            long recorded = FlatStateBinding.recordedParams(view, config.layout());
            if (recorded != 0 && recorded != g.length()) {
                throw new IllegalArgumentException("the updater state was saved for " + recorded
                        + " parameters, but the gradient has " + g.length());
            }
            bind(g.length(), recorded == 0);
        } else if (g.length() != optimizer.parameters().length()) {
            throw new IllegalArgumentException("gradient of " + g.length() + " elements for an updater block of "
                    + optimizer.parameters().length() + " parameters");
        }
        double eta = config.getLearningRate(iteration, epoch);
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            binding.loadScalars();
            optimizer.step(g, eta, g);
            binding.storeScalars();
        }
    }

    /**
     * {@code array} as a c-ordered vector view of the same memory (1-D views that DL4J marks 'f' are contiguous
     * all the same), so the fused CPU kernels apply.
     */
    static INDArray contiguousVector(INDArray array, String what) {
        if (!array.isVectorOrScalar() || array.length() > 1 && array.elementWiseStride() != 1) {
            throw new IllegalArgumentException("the " + what + " must be a contiguous vector, got shape "
                    + java.util.Arrays.toString(array.shape()) + " with element stride " + array.elementWiseStride());
        }
        if (array.ordering() == 'c' && array.rank() == 1) {
            return array;
        }
        return array.reshape('c', new long[] {array.length()});
    }

    private void requireView() {
        if (view == null) {
            throw new IllegalStateException("the updater has no state view yet: call setStateViewArray first");
        }
    }

    /** The optimizer that runs the recipe on this block (tracked θ is its {@code parameters()}), or null if unbound. */
    OgrOptimizer optimizer() {
        return optimizer;
    }
}
