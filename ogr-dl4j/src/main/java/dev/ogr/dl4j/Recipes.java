package dev.ogr.dl4j;

import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.core.recipe.ResolvedRecipe;

/**
 * Resolves recipe texts against the plugins on the classpath (loaded once, on first use), for the updater and the
 * trainer.
 */
public final class Recipes {

    private Recipes() {
    }

    private static final class Holder {
        static final RecipeResolver RESOLVER = new RecipeResolver(PluginLoader.load());
    }

    /**
     * Resolves {@code recipe} (a preset name such as {@code asgd}, a preset with overrides, or a full recipe).
     *
     * @throws dev.ogr.api.ConfigurationException if the recipe does not parse or names unknown strategies
     */
    public static ResolvedRecipe resolve(String recipe) {
        return Holder.RESOLVER.resolve(recipe);
    }
}
