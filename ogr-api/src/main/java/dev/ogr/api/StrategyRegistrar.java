package dev.ogr.api;

/** What a plugin adds its strategies and presets through, in {@link OgrPlugin#register}. */
public interface StrategyRegistrar {

    /** Adds a strategy factory under its kind and name. */
    void strategy(StrategyFactory<?> factory);

    /** Adds a named recipe. */
    void preset(Preset preset);
}
