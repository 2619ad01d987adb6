package dev.ogr.api;

/**
 * The service-provider interface through which modules and third-party jars add strategies, presets and problems.
 * Implementations are listed in {@code META-INF/services/dev.ogr.api.OgrPlugin} and need a public no-argument
 * constructor; the core discovers them with {@link java.util.ServiceLoader}.
 */
public interface OgrPlugin {

    /** A unique id, e.g. {@code ogr-directions} or {@code com.example.my-plugin}. */
    String id();

    /** Registers this plugin's strategies, presets and problems. */
    void register(StrategyRegistrar registrar);
}
