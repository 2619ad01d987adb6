package dev.ogr.core.recipe;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.Parameters;
import dev.ogr.api.ParameterSpec;
import dev.ogr.api.Preset;
import dev.ogr.api.Recipe;
import dev.ogr.api.StrategyCall;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.core.OptimizerOptions;
import dev.ogr.core.plugin.StrategyRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns recipe text into a {@link ResolvedRecipe}: expands a leading preset, looks every strategy up in the
 * registry, validates every parameter and checks that the slots form an optimizer.
 */
public final class RecipeResolver {

    private final StrategyRegistry registry;
    private final RecipeParser parser;

    /** A resolver over the strategies and presets of {@code registry}. */
    public RecipeResolver(StrategyRegistry registry) {
        this.registry = registry;
        this.parser = new RecipeParser(OptimizerOptions.ALL.stream().map(ParameterSpec::name)
                .collect(Collectors.toSet()));
    }

    /** The parser this resolver uses. */
    public RecipeParser parser() {
        return parser;
    }

    /**
     * Parses and resolves {@code text}.
     *
     * @throws ConfigurationException naming the culprit: malformed text, an unknown preset, strategy, key or
     *                                parameter, an out-of-range value, or slots that do not fit together
     */
    public ResolvedRecipe resolve(String text) {
        return resolve(parser.parse(text));
    }

    /** Resolves a parsed recipe; see {@link #resolve(String)}. */
    public ResolvedRecipe resolve(Recipe recipe) {
        Recipe effective = recipe;
        if (recipe.preset().isPresent()) {
            Preset preset = registry.preset(recipe.preset().get());
            Recipe base;
            try {
                base = parser.parse(preset.recipe());
            } catch (ConfigurationException e) {
                throw new ConfigurationException("preset '" + preset.name() + "' is broken: " + e.getMessage());
            }
            if (base.preset().isPresent()) {
                throw new ConfigurationException("preset '" + preset.name() + "' refers to another preset '"
                        + base.preset().get() + "'; presets must spell out their strategies");
            }
            effective = base.overriddenBy(recipe);
        }
        Map<StrategyKind, ResolvedStrategy> resolved = new EnumMap<>(StrategyKind.class);
        for (Map.Entry<StrategyKind, StrategyCall> e : effective.strategies().entrySet()) {
            StrategyFactory<?> factory = registry.strategy(e.getKey(), e.getValue().name());
            Parameters p = Parameters.parse(factory.parameters(), e.getValue().arguments(),
                    e.getKey().key() + " '" + factory.name() + "'");
            resolved.put(e.getKey(), new ResolvedStrategy(factory, p));
        }
        checkSlots(resolved, effective);
        Parameters options = Parameters.parse(OptimizerOptions.ALL, effective.options(), "the optimizer");
        String orthogonal = options.choice(OptimizerOptions.ORTHOGONAL.name());
        for (String given : effective.options().keySet()) {
            if (!OptimizerOptions.applies(given, orthogonal)) {
                throw new ConfigurationException("option '" + given + "' applies only with orthogonal="
                        + (given.equals(OptimizerOptions.OUTSIDE_BETA.name()) || given.equals(OptimizerOptions.INSIDE.name())
                                ? "momentum or orthogonal=dogr" : "dogr")
                        + ", this recipe has orthogonal=" + orthogonal);
            }
        }
        return new ResolvedRecipe(resolved, options);
    }

    private static void checkSlots(Map<StrategyKind, ResolvedStrategy> slots, Recipe recipe) {
        if (!slots.containsKey(StrategyKind.LEARNING_RATE)) {
            throw new ConfigurationException("recipe has no learning-rate learner: add e.g. 'lr=fixed(eta=0.01)'");
        }
        boolean direction = slots.containsKey(StrategyKind.DIRECTION);
        for (StrategyKind needed : new StrategyKind[] {StrategyKind.AVERAGES, StrategyKind.STEP}) {
            if (direction && !slots.containsKey(needed)) {
                throw new ConfigurationException("recipe has a direction but no " + needed.key()
                        + " strategy: a regression model needs direction, averages and step");
            }
            if (!direction && slots.containsKey(needed)) {
                throw new ConfigurationException("recipe has a " + needed.key()
                        + " strategy but no direction: add e.g. 'direction=momentum'");
            }
        }
        if (!direction && !recipe.options().isEmpty()) {
            throw new ConfigurationException("option '" + recipe.options().keySet().iterator().next()
                    + "' needs a regression model (a direction strategy); this recipe is plain first-order descent");
        }
    }
}
