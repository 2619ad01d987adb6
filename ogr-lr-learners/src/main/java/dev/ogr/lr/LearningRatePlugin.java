package dev.ogr.lr;

import dev.ogr.api.OgrPlugin;
import dev.ogr.api.StrategyFactory;
import dev.ogr.api.StrategyKind;
import dev.ogr.api.StrategyRegistrar;

/** The plugin of the learning-rate learners: {@code fixed}. */
public final class LearningRatePlugin implements OgrPlugin {

    @Override
    public String id() {
        return "ogr-lr-learners";
    }

    @Override
    public void register(StrategyRegistrar r) {
        r.strategy(StrategyFactory.of(StrategyKind.LEARNING_RATE, "fixed",
                "a constant learning rate eta (plain SGD when the recipe has no direction)",
                FixedLearningRate.PARAMETERS, p -> new FixedLearningRate(p.real("eta"))));
    }
}
