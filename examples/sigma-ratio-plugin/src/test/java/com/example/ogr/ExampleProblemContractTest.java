package com.example.ogr;

import dev.ogr.testkit.ProblemContract;
import dev.ogr.testkit.ProblemContractTest;

/**
 * The plugin's problem keeps the problem contract of ogr-testkit: its gradient matches finite differences, its
 * samples depend on (seed, step) alone, a probe's loss is the sample's loss, and θ is never modified.
 */
class ExampleProblemContractTest extends ProblemContractTest {

    @Override
    protected ProblemContract contract() {
        return ProblemContract.of("example-bowl(dim=50, noise=0.1)"); // found as ./ogr finds it, through the plugin
    }
}
