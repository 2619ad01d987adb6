package dev.ogr.api;

/** What a plugin adds its strategies, presets and problems through, in {@link OgrPlugin#register}. */
public interface StrategyRegistrar {

    /** Adds a strategy factory under its kind and name. */
    void strategy(StrategyFactory<?> factory);

    /** Adds a named recipe. */
    void preset(Preset preset);

    /**
     * Adds a problem factory under its name, for {@code ./ogr run --problem}, suite files and {@code ./ogr bench}.
     * Registrars that take no problems refuse it (the core's takes them).
     */
    default void problem(ProblemFactory factory) {
        throw new UnsupportedOperationException("this registrar takes no problems, got " + factory);
    }
}
