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
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
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
        Set<String> options = OptimizerOptions.ALL.stream().map(ParameterSpec::name)
                .collect(Collectors.toCollection(java.util.HashSet::new));
        options.addAll(OptimizerOptions.FORMER_OUTSIDE_OPTIONS.keySet());
        this.parser = new RecipeParser(options);
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
        boolean formerSpelling = effective.options().keySet().stream()
                .anyMatch(OptimizerOptions.FORMER_OUTSIDE_OPTIONS::containsKey);
        effective = withOutsideSlot(effective, recipe);
        Map<StrategyKind, ResolvedStrategy> resolved = new EnumMap<>(StrategyKind.class);
        for (Map.Entry<StrategyKind, StrategyCall> e : effective.strategies().entrySet()) {
            try {
                StrategyFactory<?> factory = registry.strategy(e.getKey(), e.getValue().name());
                Parameters p = Parameters.parse(factory.parameters(), e.getValue().arguments(),
                        e.getKey().key() + " '" + factory.name() + "'");
                resolved.put(e.getKey(), new ResolvedStrategy(factory, p));
            } catch (ConfigurationException x) {
                if (formerSpelling && e.getKey() == StrategyKind.OUTSIDE) {
                    throw new ConfigurationException(x.getMessage() + " (the options orthogonal, inside, outside-beta,"
                            + " blend and outside-cut are now the slot outside, read here as outside=" + e.getValue()
                            + "; e.g. outside=dogr(beta=0.9, blend=0.5, cut=0, inside=gradient))");
                }
                throw x;
            }
        }
        checkSlots(resolved, effective);
        Parameters options = Parameters.parse(OptimizerOptions.ALL, effective.options(), "the optimizer");
        return new ResolvedRecipe(resolved, options);
    }

    /**
     * The recipe with its step outside the model in the slot {@code outside}: the former options
     * ({@link OptimizerOptions#FORMER_OUTSIDE_OPTIONS}) read as the same composition, and {@code descent} where a
     * recipe with a direction names no outside rule.
     */
    private static Recipe withOutsideSlot(Recipe effective, Recipe written) {
        Map<String, String> former = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        effective.options().forEach((k, v) ->
                (OptimizerOptions.FORMER_OUTSIDE_OPTIONS.containsKey(k) ? former : options).put(k, v));
        Map<StrategyKind, StrategyCall> strategies = new EnumMap<>(StrategyKind.class);
        strategies.putAll(effective.strategies());
        if (!former.isEmpty()) {
            if (written.strategies().containsKey(StrategyKind.OUTSIDE)) {
                String key = former.keySet().iterator().next();
                throw new ConfigurationException("option '" + key + "' is the former spelling of the slot 'outside',"
                        + " which this recipe also names: write only outside=" + written.strategies()
                                .get(StrategyKind.OUTSIDE));
            }
            StrategyCall base = strategies.get(StrategyKind.OUTSIDE);
            String name = former.getOrDefault("orthogonal", base == null ? "descent" : base.name());
            Map<String, String> arguments = new LinkedHashMap<>();
            if (base != null && base.name().equals(name)) {
                arguments.putAll(base.arguments());
            }
            former.forEach((k, v) -> {
                if (!k.equals("orthogonal")) {
                    arguments.put(OptimizerOptions.FORMER_OUTSIDE_OPTIONS.get(k), v);
                }
            });
            strategies.put(StrategyKind.OUTSIDE, new StrategyCall(name, arguments));
        }
        if (strategies.containsKey(StrategyKind.DIRECTION) && !strategies.containsKey(StrategyKind.OUTSIDE)) {
            strategies.put(StrategyKind.OUTSIDE, new StrategyCall("descent", Map.of()));
        }
        return new Recipe(Optional.empty(), strategies, options);
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
        if (!direction && slots.containsKey(StrategyKind.OUTSIDE)) {
            throw new ConfigurationException("recipe has an outside strategy but no direction: nothing is modelled, so"
                    + " nothing is outside; add e.g. 'direction=momentum'");
        }
        java.util.Set<String> anywhere = new java.util.HashSet<>();
        OptimizerOptions.TRANSFORMS.forEach(o -> anywhere.add(o.name()));
        for (String option : recipe.options().keySet()) {
            if (!direction && !anywhere.contains(option)) {
                throw new ConfigurationException("option '" + option + "' needs a regression model (a direction"
                        + " strategy); this recipe is plain first-order descent");
            }
        }
    }
}
