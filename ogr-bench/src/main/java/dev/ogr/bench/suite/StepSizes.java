package dev.ogr.bench.suite;

import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.api.StrategyKind;
import dev.ogr.core.recipe.ResolvedRecipe;
import dev.ogr.core.recipe.ResolvedStrategy;

/**
 * The step-size parameter the tuning protocol sweeps: a preset's learning-rate learner's {@code eta}, or {@code eta0}
 * for learners that learn it.
 */
public final class StepSizes {

    private StepSizes() {
    }

    /**
     * {@code preset} with its learning-rate learner's rate ({@code eta}, or {@code eta0} for learners that learn it)
     * set to {@code rate} and every other parameter of the learner kept: the step-size parameter the tuning grid
     * sweeps. A learner with neither is left as it is.
     */
    public static String withLearningRate(RecipeResolver resolver, String preset, double rate) {
        ResolvedRecipe r = resolver.resolve(preset);
        ResolvedStrategy lr = r.strategy(StrategyKind.LEARNING_RATE).orElseThrow();
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>(lr.parameters().values());
        String key = values.containsKey("eta") ? "eta" : values.containsKey("eta0") ? "eta0" : null;
        if (key == null) {
            return preset;
        }
        values.put(key, rate);
        StringBuilder clause = new StringBuilder("lr=").append(lr.factory().name()).append('(');
        String sep = "";
        for (java.util.Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            clause.append(sep).append(e.getKey()).append('=')
                    .append(v instanceof Double d ? dev.ogr.api.ParameterSpec.format(d.doubleValue()) : String.valueOf(v));
            sep = ", ";
        }
        return preset + "; " + clause.append(')');
    }

    /** The step-size parameter of {@code preset}'s learner as it stands ({@code eta} or {@code eta0}), else NaN. */
    public static double rateOf(RecipeResolver resolver, String preset) {
        ResolvedRecipe r = resolver.resolve(preset);
        java.util.Map<String, Object> values = r.strategy(StrategyKind.LEARNING_RATE).orElseThrow().parameters().values();
        Object v = values.containsKey("eta") ? values.get("eta") : values.get("eta0");
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
