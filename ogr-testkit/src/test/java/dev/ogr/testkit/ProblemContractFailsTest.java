package dev.ogr.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The problem contract can fail: JUnit's engine test kit runs it, as a {@link ProblemContractTest}, on a sound
 * problem, on which every rule passes, and on one deliberately broken problem per rule ({@link BrokenProblems}), on
 * which that rule fails with a message saying why.
 */
class ProblemContractFailsTest {

    /** The failed rules of {@code testClass}, run by the engine: their titles and messages. */
    private static Map<String, String> failures(Class<?> testClass) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
        assertEquals(ProblemRule.values().length, tests.finished().count(), testClass + ": one test per rule");
        Map<String, String> failed = new TreeMap<>();
        for (Event e : tests.failed().list()) {
            failed.put(e.getTestDescriptor().getDisplayName(), e.getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse(""));
        }
        return failed;
    }

    @Test
    void everyRulePassesOnTheSoundProblem() {
        Map<String, String> failed = failures(BrokenProblems.Sound.class);
        assertTrue(failed.isEmpty(), "the sound quadratic broke: " + failed);
    }

    /** What the failure of each rule on its broken problem must say. */
    private static List<String> expected(ProblemRule rule) {
        return switch (rule) {
            case BASICS -> List.of("the second initial point, after the first was changed");
            case GRADIENT -> List.of("central differences give");
            case DETERMINISTIC -> List.of("asked for in the reverse order");
            case PROBE -> List.of("the probe's loss is", "expected the same bits");
            case READ_ONLY -> List.of("θ after the objective's loss", "expected the same bits");
        };
    }

    @ParameterizedTest
    @EnumSource(ProblemRule.class)
    void eachRuleFailsOnItsBrokenProblem(ProblemRule rule) {
        Map<String, String> failed = failures(BrokenProblems.target(rule));
        String message = failed.get(rule.title());
        assertTrue(message != null, rule + " passed on its broken problem; failed: " + failed.keySet());
        for (String part : expected(rule)) {
            assertTrue(message.contains(part), rule + ": '" + part + "' missing from: " + message);
        }
        System.out.printf("%s: %s%n    also failed: %s%n", rule, message,
                failed.keySet().stream().filter(t -> !t.equals(rule.title())).toList());
    }
}
