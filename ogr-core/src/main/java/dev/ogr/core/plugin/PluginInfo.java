package dev.ogr.core.plugin;

import dev.ogr.api.Preset;
import dev.ogr.api.ProblemFactory;
import dev.ogr.api.StrategyFactory;
import java.util.List;

/**
 * A loaded plugin: its id, where its classes came from (a jar or a directory), and what it registered.
 *
 * @param id         the plugin's id
 * @param source     the location its class was loaded from
 * @param strategies the factories it registered, in registration order
 * @param presets    the presets it registered, in registration order
 * @param problems   the problem factories it registered, in registration order
 */
public record PluginInfo(String id, String source, List<StrategyFactory<?>> strategies, List<Preset> presets,
        List<ProblemFactory> problems) {

    /** Copies the lists. */
    public PluginInfo {
        strategies = List.copyOf(strategies);
        presets = List.copyOf(presets);
        problems = List.copyOf(problems);
    }

    /** A plugin that registered no problems. */
    public PluginInfo(String id, String source, List<StrategyFactory<?>> strategies, List<Preset> presets) {
        this(id, source, strategies, presets, List.of());
    }

    /** Describes the plugin as {@code 'id' (source)} for messages. */
    public String describe() {
        return "plugin '" + id + "' (" + source + ")";
    }
}
