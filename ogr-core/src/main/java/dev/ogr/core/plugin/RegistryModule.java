package dev.ogr.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;
import dev.ogr.api.Preset;
import dev.ogr.api.ProblemFactory;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Guice module that binds every plugin's contributions: one {@link MapBinder} from name to factory per
 * strategy kind (annotated {@code @Named(kind key)}), a map of presets, a map of problems (in the plugins' order,
 * then each plugin's registration order) and the set of plugins.
 */
final class RegistryModule extends AbstractModule {

    static final TypeLiteral<StrategyFactory<?>> FACTORY = new TypeLiteral<>() {
    };

    private final List<PluginInfo> plugins;

    RegistryModule(List<PluginInfo> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    @Override
    protected void configure() {
        Map<StrategyKind, MapBinder<String, StrategyFactory<?>>> binders = new EnumMap<>(StrategyKind.class);
        for (StrategyKind kind : StrategyKind.values()) {
            binders.put(kind, MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), FACTORY,
                    Names.named(kind.key())));
        }
        MapBinder<String, Preset> presets = MapBinder.newMapBinder(binder(), String.class, Preset.class);
        MapBinder<String, ProblemFactory> problems = MapBinder.newMapBinder(binder(), String.class,
                ProblemFactory.class);
        Multibinder<PluginInfo> infos = Multibinder.newSetBinder(binder(), PluginInfo.class);
        for (PluginInfo plugin : plugins) {
            infos.addBinding().toInstance(plugin);
            for (StrategyFactory<?> f : plugin.strategies()) {
                binders.get(f.kind()).addBinding(f.name()).toInstance(f);
            }
            for (Preset p : plugin.presets()) {
                presets.addBinding(p.name()).toInstance(p);
            }
            for (ProblemFactory p : plugin.problems()) {
                problems.addBinding(p.name()).toInstance(p);
            }
        }
    }
}
