package com.example.ogr;

import dev.ogr.api.StrategyKind;
import dev.ogr.testkit.StrategyContract;
import dev.ogr.testkit.StrategyContractTest;

/**
 * The plugin's step rule keeps the strategy contract of ogr-testkit (every rule one test: parameters, canonical
 * text, export and restore, NaN gradients, the fused pass against the general path, float against double, seeds),
 * run in the built-in {@code asgd}, the recipe the rule re-implements.
 */
class ExampleStepContractTest extends StrategyContractTest {

    @Override
    protected StrategyContract contract() {
        return StrategyContract.of(StrategyKind.STEP, "example-sigma-ratio").in("asgd");
    }
}
