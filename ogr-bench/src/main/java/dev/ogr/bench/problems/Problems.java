package dev.ogr.bench.problems;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Objective;
import dev.ogr.api.Parameters;
import dev.ogr.api.ProblemFactory;
import dev.ogr.api.StrategyCall;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeParser;
import java.nio.file.Path;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The problems of every plugin (the built-in ones of {@link ProblemsPlugin}, and those of plugins on
 * {@code OGR_CLASSPATH}), looked up by the text form {@code name(key=value, ...)}. The methods without a registry use
 * the plugins visible to the thread's context class loader, loaded once per loader.
 */
public final class Problems {

    private static final Map<ClassLoader, StrategyRegistry> LOADED = new WeakHashMap<>();

    private Problems() {
    }

    /** The registry of the plugins visible to the thread's context class loader (loaded on first use). */
    public static StrategyRegistry registry() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = cl != null ? cl : Problems.class.getClassLoader();
        synchronized (LOADED) {
            StrategyRegistry r = LOADED.get(loader);
            if (r == null) {
                r = PluginLoader.load(loader);
                LOADED.put(loader, r);
            }
            return r;
        }
    }

    /** Every problem by name, the built-in ones first. */
    public static Map<String, ProblemFactory> all() {
        return registry().problems();
    }

    /** The canonical text {@code name(k=v, ...)} of a problem specification (defaults filled in). */
    public static String canonical(String spec) {
        return canonical(registry(), spec);
    }

    /** The canonical text of a problem specification, its problem looked up in {@code registry}. */
    public static String canonical(StrategyRegistry registry, String spec) {
        StrategyCall call = RecipeParser.parseCall(spec, "problem");
        ProblemFactory f = registry.problem(call.name());
        return f.name() + "(" + parameters(f, call).canonical() + ")";
    }

    /**
     * Creates the problem {@code spec} describes, e.g. {@code quadratic(dim=100, cond=1e4)}.
     *
     * @throws ConfigurationException for a malformed text, an unknown problem or a bad parameter
     */
    public static Objective create(String spec, long seed) {
        return create(spec, seed, null);
    }

    /**
     * Creates the problem {@code spec} describes, reading downloadable data sets from {@code dataDir} (may be null:
     * then $OGR_DATA, then ~/.ogr/data).
     *
     * @throws ConfigurationException for a malformed text, an unknown problem, a bad parameter or missing data
     */
    public static Objective create(String spec, long seed, Path dataDir) {
        return create(registry(), spec, seed, dataDir);
    }

    /**
     * Creates the problem {@code spec} describes, its problem looked up in {@code registry}.
     *
     * @throws ConfigurationException for a malformed text, an unknown problem, a bad parameter or missing data
     * @throws dev.ogr.core.plugin.PluginException if a plugin's factory fails to create it (naming the plugin)
     */
    public static Objective create(StrategyRegistry registry, String spec, long seed, Path dataDir) {
        StrategyCall call = RecipeParser.parseCall(spec, "problem");
        ProblemFactory f = registry.problem(call.name());
        return f.create(parameters(f, call), seed, dataDir);
    }

    private static Parameters parameters(ProblemFactory f, StrategyCall call) {
        return Parameters.parse(f.parameters(), call.arguments(), "problem '" + f.name() + "'");
    }
}
