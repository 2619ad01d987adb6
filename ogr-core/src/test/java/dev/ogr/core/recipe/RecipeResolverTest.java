package dev.ogr.core.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ogr.api.ConfigurationException;
import dev.ogr.core.CorePlugin;
import dev.ogr.core.plugin.PluginLoader;
import dev.ogr.core.testing.TestPlugin;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing and resolving recipes: canonical forms, presets with overrides, and every kind of bad input. */
class RecipeResolverTest {

    private final RecipeResolver resolver = new RecipeResolver(
            PluginLoader.of(List.of(new CorePlugin(), new TestPlugin())));

    @Test
    void printsBackInCanonicalFormThatParsesToTheSameRecipe() {
        ResolvedRecipe r = resolver.resolve(" direction = axis ;averages=plain( beta = 0.5 );"
                + "step=parabola-clipped(clip=inf, alpha=0.25); lr=constant; warmup=3 ");
        String canonical = "direction=axis; averages=plain(beta=0.5); "
                + "step=parabola-clipped(alpha=0.25, clip=inf, negative=reverse, shape=sign, scale=0); outside=descent; "
                + "lr=constant(eta=0.1); warmup=3";
        assertEquals(canonical, r.canonical());
        assertEquals(r, resolver.resolve(canonical));
    }

    @Test
    void aPresetCanBeOverriddenSlotBySlot() {
        assertEquals("direction=axis; averages=plain(beta=0.5); "
                + "step=parabola-clipped(alpha=1, clip=0.5, negative=reverse, shape=sign, scale=0); outside=none; "
                + "lr=constant(eta=0.7); warmup=1", resolver.resolve("axis-model; lr=constant(eta=0.7); outside=none")
                        .canonical());
    }

    @Test
    void theFormerOutsideOptionsReadAsTheSameComposition() {
        assertEquals(resolver.resolve("axis-model; outside=none"), resolver.resolve("axis-model; orthogonal=none"));
        assertEquals(resolver.resolve("axis-model; outside=momentum(beta=0.5, inside=momentum)"),
                resolver.resolve("axis-model; orthogonal=momentum; outside-beta=0.5; inside=momentum"));
        assertEquals(resolver.resolve("axis-model; outside=dogr(beta=0.9, blend=0.25, cut=2, inside=gradient)"),
                resolver.resolve("axis-model; orthogonal=dogr; blend=0.25; outside-cut=2"));
    }

    @Test
    void firstOrderRecipesNeedOnlyALearner() {
        assertEquals("lr=constant(eta=0.3)", resolver.resolve("lr=constant(eta=0.3)").canonical());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ogr2d; lr=constant | unknown preset 'ogr2d' (did you mean 'ogr1d'?); available: adam, adamw, asgd, asgdc, axis-model, ...",
        "direction=axsi; averages=plain; step=parabola-clipped; lr=constant"
                + " | unknown direction strategy 'axsi' (did you mean 'axis'?); available: axis",
        "lr=constant(eta=0.1, etta=2) | lr 'constant' has no parameter 'etta' (did you mean 'eta'?); its parameters are: eta",
        "lr=constant(eta=20) | parameter 'eta' of lr 'constant' must be a real in (0, 10], got 20.0",
        "lr=constant(eta=fast) | parameter 'eta' of lr 'constant' must be a real in (0, 10], got 'fast'",
        "direction=axis; averages=plain(beta=1); step=parabola-clipped; lr=constant"
                + " | parameter 'beta' of averages 'plain' must be a real in [0, 1), got 1.0",
        "lr=constant(eta=0.1 | malformed recipe 'lr=constant(eta=0.1': expected ')' at column 20, found end of text",
        "lr=constant(eta=0.1));  | malformed recipe 'lr=constant(eta=0.1));': expected ';' at column 21, found ')'",
        "lr==constant | malformed recipe 'lr==constant': expected a name at column 4, found '='",
        "lr=constant; sgd | malformed recipe 'lr=constant; sgd': expected '=' after 'sgd' (only the first clause may be"
                + " a bare preset name) at column 17, found end of text",
        "learning=constant | unknown recipe key 'learning'; keys are: direction, averages, step, outside, lr, schedule, clip-norm, clip-value, decay, max-step, warmup",
        "lr=constant; lr=constant | recipe names the lr slot twice (column 14) in 'lr=constant; lr=constant'",
        "direction=axis; lr=constant | recipe has a direction but no averages strategy: a regression model needs"
                + " direction, averages and step",
        "averages=plain; lr=constant | recipe has a averages strategy but no direction: add e.g. 'direction=momentum'",
        "direction=axis; averages=plain; step=parabola-clipped | recipe has no learning-rate learner: add e.g."
                + " 'lr=fixed(eta=0.01)'",
        "lr=constant; warmup=4 | option 'warmup' needs a regression model (a direction strategy); this recipe is plain"
                + " first-order descent",
        "axis-model; warmup=-1 | parameter 'warmup' of the optimizer must be an integer in [0, 1000000000], got -1",
        "axis-model; outside=sideways | unknown outside strategy 'sideways'; available: descent, dogr, momentum, none",
        "axis-model; outside=momentum(inside=average) | parameter 'inside' of outside 'momentum' must be one of"
                + " gradient, momentum, got 'average'",
        "axis-model; outside=momentum(cut=1) | outside 'momentum' has no parameter 'cut'; its parameters are: beta,"
                + " inside",
        "axis-model; outside=dogr(blend=1.5) | parameter 'blend' of outside 'dogr' must be a real in [0, 1], got 1.5",
        "lr=constant; outside=none | recipe has an outside strategy but no direction: nothing is modelled, so nothing"
                + " is outside; add e.g. 'direction=momentum'",
        "axis-model; outside=none; orthogonal=dogr | option 'orthogonal' is the former spelling of the slot 'outside',"
                + " which this recipe also names: write only outside=none",
        "axis-model; blend=0.3 | outside 'descent' has no parameter 'blend'; its parameters are: (none) (the options"
                + " orthogonal, inside, outside-beta, blend and outside-cut are now the slot outside, read here as"
                + " outside=descent(blend=0.3); e.g. outside=dogr(beta=0.9, blend=0.5, cut=0, inside=gradient))",
        "axis-model; orthogonal=sideways | unknown outside strategy 'sideways'; available: descent, dogr, momentum, none"
                + " (the options orthogonal, inside, outside-beta, blend and outside-cut are now the slot outside, read"
                + " here as outside=sideways; e.g. outside=dogr(beta=0.9, blend=0.5, cut=0, inside=gradient))",
        "axis-model; averages=dual(period=0) | parameter 'period' of averages 'dual' must be an integer in"
                + " [1, 1000000000], got 0",
        "axis-model; averages=dual(of=diagonal) | parameter 'of' of averages 'dual' must be one of plain, centered,"
                + " notebook, full, got 'diagonal'",
        "axis-model; step=parabola-clipped(shape=cosh) | parameter 'shape' of step 'parabola-clipped' must be one of"
                + " sign, tanh, got 'cosh'",
        "sgd(eta=2) | malformed recipe 'sgd(eta=2)': presets take no arguments; override a slot instead, e.g."
                + " 'sgd; lr=fixed(eta=0.1)' at column 4, found '('",
    })
    void badInputFailsWithOneLineNamingTheCulprit(String recipe, String message) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolver.resolve(recipe));
        if (message.endsWith("...")) { // the list goes on with every other preset
            assertTrue(e.getMessage().startsWith(message.substring(0, message.length() - 3)), e.getMessage());
        } else {
            assertEquals(message, e.getMessage());
        }
    }

    @Test
    void anEmptyRecipeIsRejected() {
        assertThrows(ConfigurationException.class, () -> resolver.resolve("  "));
        assertThrows(ConfigurationException.class, () -> resolver.resolve(" ; "));
    }
}
