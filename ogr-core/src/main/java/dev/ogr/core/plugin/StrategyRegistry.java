package dev.ogr.core.plugin;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Preset;
import dev.ogr.api.ProblemFactory;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.Suggestions;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every strategy, preset and problem the loaded plugins provide, by kind and name; built by Guice from the plugins'
 * registrations (see {@link PluginLoader}).
 */
public final class StrategyRegistry {

    private final Map<StrategyKind, Map<String, StrategyFactory<?>>> strategies = new EnumMap<>(StrategyKind.class);
    private final Map<StrategyKind, Map<String, StrategyFactory<?>>> aliases = new EnumMap<>(StrategyKind.class);
    private final Map<String, Preset> presets;
    private final Map<String, ProblemFactory> problems;
    private final List<PluginInfo> plugins;

    @Inject
    StrategyRegistry(@Named("direction") Map<String, StrategyFactory<?>> directions,
            @Named("averages") Map<String, StrategyFactory<?>> averages,
            @Named("step") Map<String, StrategyFactory<?>> steps,
            @Named("outside") Map<String, StrategyFactory<?>> outside,
            @Named("lr") Map<String, StrategyFactory<?>> learners,
            @Named("schedule") Map<String, StrategyFactory<?>> schedules,
            Map<String, Preset> presets, Map<String, ProblemFactory> problems, Set<PluginInfo> plugins) {
        strategies.put(StrategyKind.DIRECTION, Collections.unmodifiableMap(new TreeMap<>(directions)));
        strategies.put(StrategyKind.AVERAGES, Collections.unmodifiableMap(new TreeMap<>(averages)));
        strategies.put(StrategyKind.STEP, Collections.unmodifiableMap(new TreeMap<>(steps)));
        strategies.put(StrategyKind.OUTSIDE, Collections.unmodifiableMap(new TreeMap<>(outside)));
        strategies.put(StrategyKind.LEARNING_RATE, Collections.unmodifiableMap(new TreeMap<>(learners)));
        strategies.put(StrategyKind.SCHEDULE, Collections.unmodifiableMap(new TreeMap<>(schedules)));
        for (StrategyKind kind : StrategyKind.values()) {
            Map<String, StrategyFactory<?>> byAlias = new TreeMap<>();
            for (StrategyFactory<?> f : strategies.get(kind).values()) {
                f.aliases().forEach(a -> byAlias.put(a, f));
            }
            aliases.put(kind, Collections.unmodifiableMap(byAlias));
        }
        this.presets = Collections.unmodifiableMap(new TreeMap<>(presets));
        this.problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
        this.plugins = plugins.stream().sorted(Comparator.comparing(PluginInfo::id)).toList();
    }

    /** The loaded plugins, sorted by id. */
    public List<PluginInfo> plugins() {
        return plugins;
    }

    /** The strategies of {@code kind} by name, sorted (aliases not included; see {@link #strategy}). */
    public Map<String, StrategyFactory<?>> strategies(StrategyKind kind) {
        return strategies.get(kind);
    }

    /** The presets by name, sorted. */
    public Map<String, Preset> presets() {
        return presets;
    }

    /**
     * The factory of {@code kind} named {@code name}, or having {@code name} as an alias.
     *
     * @throws ConfigurationException naming the unknown strategy, a close match and every available one
     */
    public StrategyFactory<?> strategy(StrategyKind kind, String name) {
        StrategyFactory<?> f = strategies.get(kind).get(name);
        if (f == null) {
            f = aliases.get(kind).get(name);
        }
        if (f == null) {
            Set<String> known = strategies.get(kind).keySet();
            throw new ConfigurationException("unknown " + kind.key() + " strategy '" + name + "'"
                    + Suggestions.hint(name, known) + "; available: "
                    + (known.isEmpty() ? "(none)" : String.join(", ", known)));
        }
        return f;
    }

    /**
     * The preset named {@code name}.
     *
     * @throws ConfigurationException naming the unknown preset, a close match and every available one
     */
    public Preset preset(String name) {
        Preset p = presets.get(name);
        if (p == null) {
            throw new ConfigurationException("unknown preset '" + name + "'" + Suggestions.hint(name, presets.keySet())
                    + "; available: " + (presets.isEmpty() ? "(none)" : String.join(", ", presets.keySet())));
        }
        return p;
    }

    /**
     * The problems by name, in the order the plugins were loaded (the class path's order) and, within a plugin, the
     * order it registered them: {@code ./ogr list} shows the built-in problems first.
     */
    public Map<String, ProblemFactory> problems() {
        return problems;
    }

    /**
     * The problem factory named {@code name}.
     *
     * @throws ConfigurationException naming the unknown problem, a close match and every available one
     */
    public ProblemFactory problem(String name) {
        ProblemFactory f = problems.get(name);
        if (f == null) {
            throw new ConfigurationException("unknown problem '" + name + "'" + Suggestions.hint(name, problems.keySet())
                    + "; available: " + (problems.isEmpty() ? "(none)" : String.join(", ", problems.keySet())));
        }
        return f;
    }

    /** The plugin that registered problem {@code name}. */
    public PluginInfo sourceOfProblem(String name) {
        for (PluginInfo p : plugins) {
            for (ProblemFactory f : p.problems()) {
                if (f.name().equals(name)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("no plugin registered problem '" + name + "'");
    }

    /** The plugin that registered strategy {@code name} of {@code kind}. */
    public PluginInfo sourceOf(StrategyKind kind, String name) {
        for (PluginInfo p : plugins) {
            for (StrategyFactory<?> f : p.strategies()) {
                if (f.kind() == kind && f.name().equals(name)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("no plugin registered " + kind.key() + " '" + name + "'");
    }
}
