package dev.ogr.core;

import dev.ogr.api.OgrPlugin;
import dev.ogr.api.Preset;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;
import dev.ogr.core.averages.PlainAverages;
import dev.ogr.core.steps.ClippedParabolaStep;

/**
 * The core's plugin: the average trackers and step rules, and the presets of the algorithms of the sources
 * (whose direction providers and learning-rate learners come from the {@code ogr-directions} and
 * {@code ogr-lr-learners} plugins).
 */
public final class CorePlugin implements OgrPlugin {

    /** The recipe of paper 1's OGR1d (Alg. 1–5). */
    public static final String OGR1D = "direction=momentum(beta=0.9); averages=plain(beta=0.9); "
            + "step=parabola-clipped(alpha=1, clip=0.5, negative=reverse); lr=fixed(eta=0.01); warmup=5; "
            + "orthogonal=descent";

    @Override
    public String id() {
        return "ogr-core";
    }

    @Override
    public void register(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.AVERAGES, "plain",
                "paper 1's moving averages of x, g, x^2, xg, g^2 with bias weight s (eq. 2)",
                PlainAverages.PARAMETERS, p -> new PlainAverages(p.real("beta"))));
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "parabola-clipped",
                "paper 1's clipped step to the modelled minimum, alpha*sign(lambda)*C(p - x) (Alg. 1-5)",
                ClippedParabolaStep.PARAMETERS,
                p -> new ClippedParabolaStep(p.real("alpha"), p.real("clip"), p.choice("negative"))));
        r.preset(new Preset("ogr1d", OGR1D,
                "paper 1, Alg. 1-5: momentum direction, plain averages, clipped parabola step with SFN sign,"
                        + " gradient descent in the remaining directions, 5 warm-up steps"));
        r.preset(new Preset("sgd", "lr=fixed(eta=0.01)", "plain stochastic gradient descent, theta -= eta*g"));
    }
}
