package dev.ogr.bench.report;

import dev.ogr.api.Preset;
import dev.ogr.bench.suite.Suite;
import dev.ogr.core.plugin.PluginLoader;
import java.util.Map;

/**
 * Which side of a comparison an optimizer of a suite is on: a tuned baseline (listed under the suite's
 * {@code baselines}), a parameter-free baseline (a preset its plugin describes as a baseline that the suite does not
 * list: Prodigy, D-Adaptation, DoG, Schedule-Free, AdamW), or ours (every other preset or recipe).
 */
final class Sides {

    static final String BASELINE = "baseline";
    static final String PARAMETER_FREE = "parameter-free";
    static final String OURS = "ours";

    private static final Map<String, Preset> PRESETS = PluginLoader.load().presets();

    private Sides() {
    }

    /**
     * The side of an ogr recipe that no suite lists as a tuned baseline: a preset its plugin describes as a baseline
     * is a parameter-free (or ported) baseline, anything else is ours.
     */
    static String ofRecipe(String recipe) {
        Preset preset = PRESETS.get(recipe);
        return preset != null && preset.description().contains("baseline") ? PARAMETER_FREE : OURS;
    }

    /** The side of {@code optimizer} in {@code suite}. */
    static String of(Suite suite, String optimizer) {
        if (suite.isBaseline(optimizer)) {
            return BASELINE;
        }
        return ofRecipe(optimizer);
    }
}
