package dev.ogr.testkit;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The strategy contract as a test class to extend: name the strategy in {@link #contract()} and JUnit runs every
 * {@link StrategyRule} on it.
 *
 * <pre>{@code
 * class MyStepContractTest extends StrategyContractTest {
 *     protected StrategyContract contract() {
 *         return StrategyContract.of(StrategyKind.STEP, "my-step");
 *     }
 * }
 * }</pre>
 */
public abstract class StrategyContractTest {

    /** The contract to check: the strategy and, where the defaults do not suit it, its host recipe and problem. */
    protected abstract StrategyContract contract();

    /** Every rule of {@link #contract()}, one dynamic test each. */
    @TestFactory
    protected Stream<DynamicTest> strategyContract() {
        return contract().tests();
    }
}
