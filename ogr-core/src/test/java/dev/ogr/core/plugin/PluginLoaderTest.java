package dev.ogr.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.OgrPlugin;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.core.CorePlugin;
import dev.ogr.core.averages.MovingAverages;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.core.recipe.ResolvedRecipe;
import dev.ogr.core.testing.TestPlugin;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Discovery through {@link java.util.ServiceLoader}: plugins whose service files sit in {@code testservices/*}
 * become visible only through a class loader that includes that directory (JUnit's own "testservices" trick).
 */
class PluginLoaderTest {

    private static ClassLoader withServices(String... dirs) {
        URL[] urls = new URL[dirs.length];
        for (int i = 0; i < dirs.length; i++) {
            urls[i] = PluginLoaderTest.class.getResource("/testservices/" + dirs[i] + "/");
        }
        return new URLClassLoader(urls, PluginLoaderTest.class.getClassLoader());
    }

    @Test
    void discoversTheCorePluginOnTheClasspath() {
        StrategyRegistry registry = PluginLoader.load(PluginLoaderTest.class.getClassLoader());
        assertTrue(registry.plugins().stream().anyMatch(p -> p.id().equals("ogr-core")));
        assertTrue(registry.strategies(StrategyKind.AVERAGES).containsKey("plain"));
        assertTrue(registry.presets().containsKey("ogr1d"));
        assertTrue(registry.sourceOf(StrategyKind.AVERAGES, "plain").source().contains("ogr-core"));
    }

    @Test
    void aPluginInAnotherClassLoaderAddsAStrategyARecipeCanUse() {
        StrategyRegistry plain = PluginLoader.load(withServices("core-tests"));
        assertFalse(plain.strategies(StrategyKind.STEP).containsKey("half-parabola"));

        StrategyRegistry extended = PluginLoader.load(withServices("core-tests", "extra"));
        assertTrue(extended.strategies(StrategyKind.STEP).containsKey("half-parabola"));
        assertTrue(extended.sourceOf(StrategyKind.STEP, "half-parabola").source().endsWith("/"));
        ResolvedRecipe recipe = new RecipeResolver(extended)
                .resolve("direction=axis; averages=plain; step=half-parabola; lr=constant(eta=0.1)");
        assertEquals("direction=axis; averages=plain(beta=0.9); step=half-parabola; outside=descent; "
                + "lr=constant(eta=0.1); warmup=0", recipe.canonical());
    }

    @Test
    void aDuplicateStrategyNameFailsNamingBothPlugins() {
        PluginException e = assertThrows(PluginException.class, () -> PluginLoader.load(withServices("clash")));
        String m = e.getMessage();
        assertTrue(m.startsWith("duplicate averages strategy 'plain': registered by plugin '"), m);
        assertTrue(m.contains("plugin 'ogr-core' (") && m.contains("plugin 'clash' ("), m);
        assertTrue(m.contains("ogr-core") && m.contains("test-classes"), m);
    }

    @Test
    void aDuplicatePluginIdFails() {
        List<OgrPlugin> twice = List.of(new TestPlugin(), new TestPlugin(), new CorePlugin());
        PluginException e = assertThrows(PluginException.class, () -> PluginLoader.of(twice));
        assertTrue(e.getMessage().startsWith("duplicate plugin id 'core-tests': plugin 'core-tests' ("),
                e.getMessage());
    }

    @Test
    void aPluginThatFailsToRegisterIsNamed() {
        OgrPlugin broken = new OgrPlugin() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public void register(dev.ogr.api.StrategyRegistrar registrar) {
                throw new IllegalStateException("no licence");
            }
        };
        PluginException e = assertThrows(PluginException.class, () -> PluginLoader.of(List.of(broken)));
        assertTrue(e.getMessage().startsWith("plugin 'broken' (") && e.getMessage().endsWith("failed to register: no licence"),
                e.getMessage());
    }

    private static OgrPlugin plugin(String id, java.util.function.Consumer<dev.ogr.api.StrategyRegistrar> body) {
        return new OgrPlugin() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void register(dev.ogr.api.StrategyRegistrar registrar) {
                body.accept(registrar);
            }
        };
    }

    @Test
    void aFactoryThatThrowsOrReturnsNullIsNamedWithItsPluginWhileParameterErrorsStayTheUsers() {
        List<ParameterSpec> beta = MovingAverages.PARAMETERS;
        OgrPlugin misbehaving = plugin("misbehaving", r -> {
            r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "boom", "throws", beta, p -> {
                throw new RuntimeException("boom from create");
            }));
            r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "nothing", "returns null", beta, p -> null));
            r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "picky", "refuses its parameters", beta, p -> {
                throw new ConfigurationException("picky needs beta < 0.5, got " + p.real("beta"));
            }));
        });
        RecipeResolver resolver = new RecipeResolver(PluginLoader.of(List.of(new CorePlugin(), new TestPlugin(),
                misbehaving)));
        for (String name : List.of("boom", "nothing")) {
            ResolvedRecipe recipe = resolver.resolve("direction=axis; averages=" + name
                    + "; step=parabola-clipped; lr=constant(eta=0.1)");
            PluginException e = assertThrows(PluginException.class, () -> recipe.strategy(StrategyKind.AVERAGES)
                    .orElseThrow().create(dev.ogr.api.AverageTracker.class));
            assertTrue(e.getMessage().startsWith("the averages strategy '" + name + "' of plugin 'misbehaving' ("),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(name.equals("boom") ? "failed to create a strategy from (beta=0.9):"
                    + " boom from create" : "returned null for (beta=0.9)"), e.getMessage());
        }
        ResolvedRecipe picky = resolver.resolve("direction=axis; averages=picky; step=parabola-clipped;"
                + " lr=constant(eta=0.1)");
        ConfigurationException c = assertThrows(ConfigurationException.class, () -> picky
                .strategy(StrategyKind.AVERAGES).orElseThrow().create(dev.ogr.api.AverageTracker.class));
        assertEquals("picky needs beta < 0.5, got 0.9", c.getMessage());
    }

    @Test
    void aPluginWhoseIdThrowsOrThatRegistersNullIsNamed() {
        OgrPlugin noId = new OgrPlugin() {
            @Override
            public String id() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void register(dev.ogr.api.StrategyRegistrar registrar) {
            }
        };
        PluginException e = assertThrows(PluginException.class, () -> PluginLoader.of(List.of(noId)));
        assertTrue(e.getMessage().contains("failed to give its id: java.lang.UnsupportedOperationException"),
                e.getMessage());
        PluginException n = assertThrows(PluginException.class,
                () -> PluginLoader.of(List.of(plugin("nulls", r -> r.strategy(null)))));
        assertTrue(n.getMessage().startsWith("plugin 'nulls' (") && n.getMessage().endsWith("a null strategy factory"),
                n.getMessage());
    }

    @Test
    void anAliasFindsItsStrategyWhichPrintsBackUnderItsName() {
        OgrPlugin aliased = plugin("aliased", r -> r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "flat",
                "plain averages under another name", MovingAverages.PARAMETERS,
                p -> MovingAverages.plain(p.real("beta"))).alsoNamed("level")));
        StrategyRegistry registry = PluginLoader.of(List.of(new CorePlugin(), new TestPlugin(), aliased));
        assertSame(registry.strategy(StrategyKind.AVERAGES, "flat"), registry.strategy(StrategyKind.AVERAGES, "level"));
        assertEquals(List.of("level"), registry.strategy(StrategyKind.AVERAGES, "flat").aliases());
        assertFalse(registry.strategies(StrategyKind.AVERAGES).containsKey("level"), "aliases are not listed as names");
        ResolvedRecipe recipe = new RecipeResolver(registry)
                .resolve("direction=axis; averages=level(beta=0.5); step=parabola-clipped; lr=constant(eta=0.1)");
        assertTrue(recipe.canonical().contains("averages=flat(beta=0.5)"), recipe.canonical());
    }

    @Test
    void anAliasClashesWithANameLikeANameDoes() {
        OgrPlugin clashing = plugin("alias-clash", r -> r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "flat",
                "plain averages under another name", MovingAverages.PARAMETERS,
                p -> MovingAverages.plain(p.real("beta"))).alsoNamed("plain")));
        PluginException e = assertThrows(PluginException.class,
                () -> PluginLoader.of(List.of(new CorePlugin(), clashing)));
        assertTrue(e.getMessage().startsWith("duplicate averages strategy 'plain': registered by plugin 'ogr-core'"),
                e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> StrategyFactory.of(StrategyKind.AVERAGES, "flat", "", List.of(), p -> null).alsoNamed("Flat!"));
        assertEquals("aliases of strategy 'flat' are lower-case words with dashes other than its name, got 'Flat!'",
                bad.getMessage());
    }
    /** A problem factory named {@code name} whose objectives {@code creator} makes (a stand-in: no objective used). */
    private static dev.ogr.api.ProblemFactory problem(String name, dev.ogr.api.ProblemFactory.Creator creator) {
        return dev.ogr.api.ProblemFactory.of(name, "a test problem",
                List.of(ParameterSpec.integer("dim", 3, 1, 10, "dimension")), creator);
    }

    @Test
    void pluginsRegisterProblemsWhichTheRegistryListsInTheirOrderAndFindsByName() {
        OgrPlugin first = plugin("first", r -> {
            r.problem(problem("zeta", (p, seed, data) -> null));
            r.problem(problem("alpha", (p, seed, data) -> null));
        });
        OgrPlugin second = plugin("second", r -> r.problem(problem("mid", (p, seed, data) -> null)));
        StrategyRegistry registry = PluginLoader.of(List.of(new CorePlugin(), first, second));
        assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(registry.problems().keySet()));
        assertEquals("second", registry.sourceOfProblem("mid").id());
        assertEquals(List.of("zeta", "alpha"), registry.plugins().stream().filter(p -> p.id().equals("first"))
                .findFirst().orElseThrow().problems().stream().map(dev.ogr.api.ProblemFactory::name).toList());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> registry.problem("alhpa"));
        assertEquals("unknown problem 'alhpa' (did you mean 'alpha'?); available: zeta, alpha, mid", e.getMessage());
        assertEquals("unknown problem 'x'; available: (none)", assertThrows(ConfigurationException.class,
                () -> PluginLoader.of(List.of(new CorePlugin())).problem("x")).getMessage());
    }

    @Test
    void aDuplicateProblemNameFailsNamingBothPluginsAsAStrategyClashDoes() {
        OgrPlugin a = plugin("a", r -> r.problem(problem("bowl", (p, seed, data) -> null)));
        OgrPlugin b = plugin("b", r -> r.problem(problem("bowl", (p, seed, data) -> null)));
        PluginException e = assertThrows(PluginException.class, () -> PluginLoader.of(List.of(a, b)));
        assertTrue(e.getMessage().matches("duplicate problem 'bowl': registered by plugin 'a' \\(.*test-classes/\\)"
                + " and by plugin 'b' \\(.*test-classes/\\)"), e.getMessage());
    }

    @Test
    void aProblemFactoryThatThrowsOrReturnsNullIsNamedWithItsPluginWhileConfigurationErrorsStayTheUsers() {
        OgrPlugin misbehaving = plugin("misbehaving", r -> {
            r.problem(problem("boom", (p, seed, data) -> {
                throw new IllegalStateException("boom from create");
            }));
            r.problem(problem("nothing", (p, seed, data) -> null));
            r.problem(problem("needs-data", (p, seed, data) -> {
                throw new ConfigurationException("needs-data: no data in " + data);
            }));
        });
        StrategyRegistry registry = PluginLoader.of(List.of(new CorePlugin(), misbehaving));
        dev.ogr.api.Parameters dim = dev.ogr.api.Parameters.defaults(registry.problem("boom").parameters());
        PluginException boom = assertThrows(PluginException.class, () -> registry.problem("boom").create(dim, 1, null));
        assertTrue(boom.getMessage().matches("the problem 'boom' of plugin 'misbehaving' \\(.*test-classes/\\) failed"
                + " to create a problem from \\(dim=3\\): boom from create"), boom.getMessage());
        PluginException nothing = assertThrows(PluginException.class,
                () -> registry.problem("nothing").create(dim, 1, null));
        assertTrue(nothing.getMessage().matches("the problem 'nothing' of plugin 'misbehaving' \\(.*\\) returned null"
                + " for \\(dim=3\\)"), nothing.getMessage());
        ConfigurationException data = assertThrows(ConfigurationException.class,
                () -> registry.problem("needs-data").create(dim, 1, null));
        assertEquals("needs-data: no data in null", data.getMessage());
    }

    @Test
    void aNullOrMisnamedProblemFactoryIsNamedWithItsPlugin() {
        PluginException n = assertThrows(PluginException.class,
                () -> PluginLoader.of(List.of(plugin("nulls", r -> r.problem(null)))));
        assertTrue(n.getMessage().startsWith("plugin 'nulls' (") && n.getMessage().endsWith("a null problem factory"),
                n.getMessage());
        dev.ogr.api.ProblemFactory shouting = new dev.ogr.api.ProblemFactory() {
            @Override
            public String name() {
                return "Bowl!";
            }

            @Override
            public String description() {
                return "";
            }

            @Override
            public List<ParameterSpec> parameters() {
                return List.of();
            }

            @Override
            public dev.ogr.api.Objective create(dev.ogr.api.Parameters p, long seed, java.nio.file.Path data) {
                return null;
            }
        };
        PluginException m = assertThrows(PluginException.class,
                () -> PluginLoader.of(List.of(plugin("loud", r -> r.problem(shouting)))));
        assertTrue(m.getMessage().startsWith("a problem factory of plugin 'loud' (")
                && m.getMessage().endsWith("is named 'Bowl!'; problem names are lower-case words with dashes"),
                m.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> dev.ogr.api.ProblemFactory.of("Bowl", "", List.of(), (p, seed, data) -> null));
        assertEquals("problem names are lower-case words with dashes, got 'Bowl'", bad.getMessage());
    }
}
