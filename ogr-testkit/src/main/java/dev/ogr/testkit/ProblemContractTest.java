package dev.ogr.testkit;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The problem contract as a test class to extend: name the problem in {@link #contract()} and JUnit runs every
 * {@link ProblemRule} on it.
 *
 * <pre>{@code
 * class MyProblemContractTest extends ProblemContractTest {
 *     protected ProblemContract contract() {
 *         return ProblemContract.of("my-problem(dim=20)");
 *     }
 * }
 * }</pre>
 */
public abstract class ProblemContractTest {

    /** The contract to check: the problem, and where the defaults do not suit it, the steps and tolerance. */
    protected abstract ProblemContract contract();

    /** Every rule of {@link #contract()}, one dynamic test each. */
    @TestFactory
    protected Stream<DynamicTest> problemContract() {
        return contract().tests();
    }
}
