package dev.ogr.bench.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ogr.testkit.ProblemContract;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in problem, registered through the plugin SPI ({@link ProblemsPlugin}) and found by the kit as a
 * plugin's problem is, keeps the kit's problem contract (ogr-testkit): finite-difference gradients,
 * samples a function of (seed, step), probes equal to the losses, θ never modified. Each is checked with gradient
 * noise (or minibatches, or a validation hold-out) where it has them, so the determinism rule has something to see.
 */
class ProblemsContractTest {

    /** The instance checked for each problem; logistic regression on the bundled digits (MNIST needs --data). */
    static final Map<String, String> INSTANCES = new LinkedHashMap<>();

    static {
        INSTANCES.put("quadratic", "quadratic(dim=40, cond=100, rotated=true, noise=0.1)");
        for (String twoD : new String[] {"rosenbrock", "saddle", "beale", "matyas", "goldstein-price",
            "three-hump-camel", "double-well"}) {
            INSTANCES.put(twoD, twoD + "(noise=0.1)");
        }
        INSTANCES.put("boston", "boston(holdout=50)");
        INSTANCES.put("logistic", "logistic(dataset=digits, batch=20, holdout=30)");
    }

    @Test
    void everyBuiltInProblemHasAnInstanceHere() {
        assertEquals(Problems.all().keySet(), INSTANCES.keySet());
    }

    @TestFactory
    Stream<DynamicContainer> everyBuiltInProblemKeepsTheContract() {
        return INSTANCES.values().stream().map(spec -> DynamicContainer.dynamicContainer(spec,
                ProblemContract.of(spec).tests())); // found, as a plugin's would be, among the registered problems
    }
}
