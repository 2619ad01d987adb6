package dev.ogr.core.testing;

import dev.ogr.api.OgrPlugin;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;
import dev.ogr.core.averages.MovingAverages;

/** A plugin that registers an averages strategy named {@code plain}, clashing with the core's. */
public final class ClashingPlugin implements OgrPlugin {

    @Override
    public String id() {
        return "clash";
    }

    @Override
    public void register(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "plain", "a second 'plain'", MovingAverages.PARAMETERS,
                p -> MovingAverages.plain(p.real("beta"))));
    }
}
