package dev.ogr.directions;

import dev.ogr.api.OgrPlugin;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;

/**
 * The plugin of the direction providers: {@code momentum}, {@code coordinates}, {@code online-pca} (also named
 * {@code subspace}, its earlier name).
 */
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
        r.strategy(StrategyFactory.of(StrategyKind.DIRECTION, "online-pca",
                "a d-dimensional subspace following the gradients, V <- orth(V + rate*g^(g^'V)) (online PCA, Oja's"
                        + " rule) or the notebooks' V <- orth(V + rate*g^) (paper 1, Sec. IV.C; the notebooks' sOGR);"
                        + " d=0: all dimensions",
                SubspaceDirection.PARAMETERS,
                p -> new SubspaceDirection(p.integer("d"), p.choice("rule"), p.real("rate"), p.integer("seed")))
                .alsoNamed("subspace"));
    }
}
