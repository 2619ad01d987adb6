package com.example.ogr;

import dev.ogr.api.OgrPlugin;
import dev.ogr.api.Preset;
import dev.ogr.api.ProblemFactory;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;

/**
 * Registers the step rule {@code example-sigma-ratio}, the preset {@code example-asgd} that uses it, and the problem
 * {@code example-bowl}.
 */
public final class ExamplePlugin implements OgrPlugin {

    @Override
    public String id() {
        return "com.example.sigma-ratio";
    }

    @Override
    public void register(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.STEP, "example-sigma-ratio",
                "paper 1's sigma-ratio step (ASGD, eq. 5-9) written as a plugin through the public fast API",
                ExampleSigmaRatioStep.PARAMETERS,
                p -> new ExampleSigmaRatioStep(p.real("alpha"), p.real("floor"), p.real("epsilon"))));
        r.preset(new Preset("example-asgd", "direction=coordinates; averages=plain(beta=0.9); "
                + "step=example-sigma-ratio(alpha=1, floor=1e-6, epsilon=1e-12); lr=fixed(eta=0.01); max-step=1",
                "the built-in asgd (with its robust cap max-step=1), with its step rule from this plugin"));
        r.problem(ProblemFactory.of("example-bowl",
                "f = 1/2 sum h_i (x_i - 1)^2, h_i = 0.01 + 10 i/D, minimum 0 at x = 1, start 0, gradient noise sigma",
                ExampleBowl.PARAMETERS,
                (p, seed, data) -> new ExampleBowl((int) p.integer("dim"), p.real("noise"), seed)));
    }
}
