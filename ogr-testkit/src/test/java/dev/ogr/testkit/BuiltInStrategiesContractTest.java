package dev.ogr.testkit;

import dev.ogr.api.ConfigurationException;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.core.OgrOptimizer;
import dev.ogr.core.plugin.StrategyRegistry;
import dev.ogr.core.recipe.RecipeResolver;
import dev.ogr.core.recipe.ResolvedRecipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * The kit proven on real code: every strategy of the built-in plugins (ogr-core's, ogr-directions' and
 * ogr-lr-learners') keeps the whole strategy contract, each in the first preset that uses it (else in its kind's
 * default host recipe).
 */
class BuiltInStrategiesContractTest {

    private static final StrategyRegistry REGISTRY = Harness.registry();

    /**
     * The first preset, by name, whose recipe uses {@code f} in its slot and makes an optimizer on the contract's
     * problem ({@code full-ogr} models at most 64 parameters, and says so).
     */
    static Optional<String> hostPreset(StrategyFactory<?> f) {
        RecipeResolver resolver = new RecipeResolver(REGISTRY);
        for (String preset : REGISTRY.presets().keySet()) {
            ResolvedRecipe r = resolver.resolve(preset);
            if (r.strategy(f.kind()).map(s -> s.factory().name().equals(f.name())).orElse(false)) {
                try {
                    OgrOptimizer.create(r, NoisyQuadratic.standard(1).initialPoint());
                    return Optional.of(preset);
                } catch (ConfigurationException notForThisProblem) {
                    // the next preset
                }
            }
        }
        return Optional.empty();
    }

    static List<StrategyContract> contracts() {
        List<StrategyContract> out = new ArrayList<>();
        for (StrategyKind kind : StrategyKind.values()) {
            for (StrategyFactory<?> f : REGISTRY.strategies(kind).values()) {
                StrategyContract c = StrategyContract.of(kind, f.name());
                hostPreset(f).ifPresent(c::in);
                out.add(c);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicContainer> everyBuiltInStrategyKeepsTheContract() {
        return contracts().stream().map(c -> DynamicContainer.dynamicContainer(c.describe(), c.tests()));
    }
}
