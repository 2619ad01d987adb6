package dev.ogr.directions;

import dev.ogr.api.OgrPlugin;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;

/** The plugin of the direction providers: {@code momentum}, {@code coordinates}. */
public final class DirectionsPlugin implements OgrPlugin {

    @Override
    public String id() {
        return "ogr-directions";
    }

    @Override
    public void register(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.DIRECTION, "momentum",
                "paper 1's normalised momentum direction v/|v|, v <- beta*v + g (Alg. 1-5)",
                MomentumDirection.PARAMETERS, p -> new MomentumDirection(p.real("beta"))));
        r.strategy(StrategyFactory.of(StrategyKind.DIRECTION, "coordinates",
                "the coordinate axes: an independent model per parameter (ASGD, the notebooks' diagonal variants)",
                java.util.List.of(), p -> new CoordinateAxes()));
    }
}
