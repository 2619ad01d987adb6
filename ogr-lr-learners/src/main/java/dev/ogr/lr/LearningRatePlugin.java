package dev.ogr.lr;

import dev.ogr.api.OgrPlugin;
import dev.ogr.api.Preset;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;

/** The plugin of the learning-rate learners: {@code fixed}, {@code fd-first-order}, {@code fd-newton}. */
public final class LearningRatePlugin implements OgrPlugin {

    @Override
    public String id() {
        return "ogr-lr-learners";
    }

    /** The robust default of the learners' presets: steps capped at length 1 (see the core's presets). */
    private static final String ROBUST = "; max-step=1";
    private static final String ROBUST_NOTE = "; steps capped at length 1 (max-step=1, the robust default; the"
            + " paper's form: max-step=0)";

    @Override
    public void register(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.LEARNING_RATE, "fixed",
                "a constant learning rate eta (plain SGD when the recipe has no direction)",
                FixedLearningRate.PARAMETERS, p -> new FixedLearningRate(p.real("eta"))));
        r.strategy(StrategyFactory.of(StrategyKind.LEARNING_RATE, "fd-first-order",
                "paper 2's first-order learner: eta <- eta - a*f'(eta), f'(eta) = -g(t).g(t+1)",
                FiniteDifferenceFirstOrder.PARAMETERS,
                p -> new FiniteDifferenceFirstOrder(p.real("eta0"), p.real("meta"), p.real("momentum"),
                        p.flag("validation"), p.real("epsilon"), p.real("min"), p.real("max"))));
        r.strategy(StrategyFactory.of(StrategyKind.LEARNING_RATE, "fd-newton",
                "paper 2's Newton learner on eta by finite differences of f(eta) = L(w - eta*g): 5-point or 3-point",
                FiniteDifferenceNewton.PARAMETERS,
                p -> new FiniteDifferenceNewton(p.real("eta0"), p.choice("stencil"), p.real("epsilon"),
                        p.real("delta"), p.real("spacing"), p.integer("every"), p.real("momentum"),
                        p.flag("validation"), p.real("max"))));
        r.preset(new Preset("sgd+fd-first-order", "lr=fd-first-order" + ROBUST,
                "paper 2: SGD whose learning rate follows the hypergradient -g(t).g(t+1)" + ROBUST_NOTE));
        r.preset(new Preset("sgd+fd-newton", "lr=fd-newton" + ROBUST,
                "paper 2: SGD with Newton's method on eta, the paper's 5-evaluation stencil" + ROBUST_NOTE));
        r.preset(new Preset("sgd+fd-newton3", "lr=fd-newton(stencil=3)" + ROBUST,
                "paper 2's Newton learner with the 3-point stencil f(0), f(+-h), h = eta (2 extra forward passes)"
                        + ROBUST_NOTE));
    }
}
