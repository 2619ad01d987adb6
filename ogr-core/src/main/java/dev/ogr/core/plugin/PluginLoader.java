package dev.ogr.core.plugin;

import com.google.inject.Guice;
import dev.ogr.api.ConfigurationException;
import dev.ogr.api.OgrPlugin;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Parameters;
import dev.ogr.api.Objective;
import dev.ogr.api.Preset;
import dev.ogr.api.ProblemFactory;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers {@link OgrPlugin}s with {@link ServiceLoader}, checks that plugin ids, strategy names and aliases (per
 * kind), preset names and problem names are unique, and wires the result into a {@link StrategyRegistry} through
 * Guice.
 */
public final class PluginLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

    private PluginLoader() {
    }

    /** Loads every plugin visible to the thread's context class loader (or this class's loader). */
    public static StrategyRegistry load() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return load(cl != null ? cl : PluginLoader.class.getClassLoader());
    }

    /**
     * Loads every plugin visible to {@code classLoader}.
     *
     * @throws PluginException if a plugin cannot be instantiated, or two plugins clash
     */
    public static StrategyRegistry load(ClassLoader classLoader) {
        List<OgrPlugin> plugins = new ArrayList<>();
        try {
            for (OgrPlugin p : ServiceLoader.load(OgrPlugin.class, classLoader)) {
                plugins.add(p);
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginException("cannot load an ogr plugin: " + e.getMessage(), e);
        }
        return of(plugins);
    }

    /**
     * Builds a registry from the given plugin instances.
     *
     * @throws PluginException if two plugins share an id, or register the same strategy name for one kind, the same
     *                         preset name or the same problem name; the message names both plugins and where they
     *                         were loaded from
     */
    public static StrategyRegistry of(List<OgrPlugin> plugins) {
        Map<String, PluginInfo> byId = new HashMap<>();
        Map<String, PluginInfo> strategyOwners = new HashMap<>();
        Map<String, PluginInfo> presetOwners = new HashMap<>();
        Map<String, PluginInfo> problemOwners = new HashMap<>();
        List<PluginInfo> infos = new ArrayList<>();
        for (OgrPlugin plugin : plugins) {
            PluginInfo info = collect(plugin);
            PluginInfo clash = byId.putIfAbsent(info.id(), info);
            if (clash != null) {
                throw new PluginException("duplicate plugin id '" + info.id() + "': " + clash.describe() + " and "
                        + info.describe());
            }
            for (StrategyFactory<?> f : info.strategies()) {
                List<String> names = new ArrayList<>();
                names.add(f.name());
                names.addAll(f.aliases());
                for (String name : names) {
                    PluginInfo owner = strategyOwners.putIfAbsent(f.kind().key() + "/" + name, info);
                    if (owner != null) {
                        throw new PluginException("duplicate " + f.kind().key() + " strategy '" + name
                                + "': registered by " + owner.describe() + " and by " + info.describe());
                    }
                }
            }
            for (Preset p : info.presets()) {
                PluginInfo owner = presetOwners.putIfAbsent(p.name(), info);
                if (owner != null) {
                    throw new PluginException("duplicate preset '" + p.name() + "': registered by "
                            + owner.describe() + " and by " + info.describe());
                }
            }
            for (ProblemFactory p : info.problems()) {
                PluginInfo owner = problemOwners.putIfAbsent(p.name(), info);
                if (owner != null) {
                    throw new PluginException("duplicate problem '" + p.name() + "': registered by "
                            + owner.describe() + " and by " + info.describe());
                }
            }
            infos.add(info);
            LOG.debug("loaded {} with {} strategies, {} presets and {} problems", info.describe(),
                    info.strategies().size(), info.presets().size(), info.problems().size());
        }
        return Guice.createInjector(new RegistryModule(infos)).getInstance(StrategyRegistry.class);
    }

    private static PluginInfo collect(OgrPlugin plugin) {
        String source = sourceOf(plugin.getClass());
        String id;
        try {
            id = plugin.id();
        } catch (RuntimeException | LinkageError e) {
            throw new PluginException("plugin " + plugin.getClass().getName() + " (" + source + ") failed to give its"
                    + " id: " + describe(e), e);
        }
        if (id == null || id.isBlank()) {
            throw new PluginException("plugin " + plugin.getClass().getName() + " (" + source + ") has no id");
        }
        List<StrategyFactory<?>> factories = new ArrayList<>();
        List<Preset> presets = new ArrayList<>();
        List<ProblemFactory> problems = new ArrayList<>();
        try {
            plugin.register(new StrategyRegistrar() {
                @Override
                public void strategy(StrategyFactory<?> factory) {
                    factories.add(checked(factory, id, source));
                }

                @Override
                public void preset(Preset preset) {
                    presets.add(preset);
                }

                @Override
                public void problem(ProblemFactory factory) {
                    problems.add(checked(factory, id, source));
                }
            });
        } catch (PluginException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new PluginException("plugin '" + id + "' (" + source + ") failed to register: " + describe(e), e);
        }
        return new PluginInfo(id, source, factories, presets, problems);
    }

    private static StrategyFactory<?> checked(StrategyFactory<?> f, String pluginId, String source) {
        if (f == null) {
            throw new PluginException("plugin '" + pluginId + "' (" + source + ") registered a null strategy factory");
        }
        StrategyKind kind = f.kind();
        if (kind == null || f.name() == null) {
            throw new PluginException("a strategy factory of plugin '" + pluginId + "' (" + source + ") has no kind"
                    + " or name");
        }
        return new PluginFactory<>(f, pluginId, source);
    }

    private static ProblemFactory checked(ProblemFactory f, String pluginId, String source) {
        if (f == null) {
            throw new PluginException("plugin '" + pluginId + "' (" + source + ") registered a null problem factory");
        }
        String name;
        try {
            name = f.name();
        } catch (RuntimeException | LinkageError e) {
            throw new PluginException("a problem factory of plugin '" + pluginId + "' (" + source + ") failed to give"
                    + " its name: " + describe(e), e);
        }
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new PluginException("a problem factory of plugin '" + pluginId + "' (" + source + ") is named '"
                    + name + "'; problem names are lower-case words with dashes");
        }
        return new PluginProblem(f, pluginId, source);
    }

    /**
     * A plugin's problem factory as the registry holds it: everything is the plugin's, except that a problem it fails
     * to create (an exception, or null) is reported as that plugin's failure, naming the plugin and its jar. Errors
     * the factory reports as {@link ConfigurationException} (missing data, say) pass unchanged: they are the user's.
     */
    private record PluginProblem(ProblemFactory delegate, String pluginId, String source) implements ProblemFactory {

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public List<ParameterSpec> parameters() {
            return delegate.parameters();
        }

        @Override
        public Objective create(Parameters parameters, long seed, Path dataDirectory) {
            Objective objective;
            try {
                objective = delegate.create(parameters, seed, dataDirectory);
            } catch (ConfigurationException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new PluginException(what() + " failed to create a problem from (" + parameters.canonical()
                        + "): " + describe(e), e);
            }
            if (objective == null) {
                throw new PluginException(what() + " returned null for (" + parameters.canonical() + ")");
            }
            return objective;
        }

        private String what() {
            return "the problem '" + delegate.name() + "' of plugin '" + pluginId + "' (" + source + ")";
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }

    /**
     * A plugin's strategy factory as the registry holds it: everything is the plugin's, except that a strategy it
     * fails to create (an exception, or null) is reported as that plugin's failure, naming the plugin and its jar.
     * Parameter errors the factory reports as {@link ConfigurationException} pass unchanged: they are the user's.
     */
    private record PluginFactory<T>(StrategyFactory<T> delegate, String pluginId, String source)
            implements StrategyFactory<T> {

        @Override
        public StrategyKind kind() {
            return delegate.kind();
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public List<ParameterSpec> parameters() {
            return delegate.parameters();
        }

        @Override
        public List<String> aliases() {
            return delegate.aliases();
        }

        @Override
        public T create(Parameters parameters) {
            T strategy;
            try {
                strategy = delegate.create(parameters);
            } catch (ConfigurationException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new PluginException(what() + " failed to create a strategy from (" + parameters.canonical()
                        + "): " + describe(e), e);
            }
            if (strategy == null) {
                throw new PluginException(what() + " returned null for (" + parameters.canonical() + ")");
            }
            return strategy;
        }

        private String what() {
            return "the " + delegate.kind().key() + " strategy '" + delegate.name() + "' of plugin '" + pluginId
                    + "' (" + source + ")";
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }

    /** A failure in a line: its message, or its class where it has none (or where it is a linkage error). */
    private static String describe(Throwable e) {
        return e.getMessage() != null && !(e instanceof LinkageError) ? e.getMessage() : e.toString();
    }

    /** The jar or directory a class was loaded from, or {@code (unknown)}. */
    static String sourceOf(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        URL url = cs == null ? null : cs.getLocation();
        return url == null ? "(unknown)" : url.toString();
    }
}
