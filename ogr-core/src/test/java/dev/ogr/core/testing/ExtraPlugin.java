package dev.ogr.core.testing;

import dev.ogr.api.OgrPlugin;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;
import dev.ogr.core.steps.ClippedParabolaStep;
import java.util.List;

/**
 * A "third-party" plugin, listed only in {@code testservices/extra/META-INF/services}: it is discovered only by a
 * class loader that sees that directory, as a jar dropped on the classpath would be.
 */
public final class ExtraPlugin implements OgrPlugin {

    @Override
    public String id() {
        return "extra";
    }

    @Override
    public void register(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "half-parabola", "half of the unclipped parabola step",
                List.of(), p -> new ClippedParabolaStep(0.5, Double.POSITIVE_INFINITY, "reverse")));
    }
}
