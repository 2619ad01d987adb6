package dev.ogr.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * A kit that cannot fail is caught here: JUnit's engine test kit runs the strategy contract, as a plugin author's
 * test class ({@link StrategyContractTest}) would, on a sound step rule, on which every rule passes, and on one
 * deliberately broken strategy per rule ({@link BrokenStrategies}), on which that rule fails with a message saying
 * why.
 */
class StrategyContractFailsTest {

    /** The failed rules of {@code testClass}, run by the engine: their titles and messages. */
    private static Map<String, String> failures(Class<?> testClass) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
        assertEquals(StrategyRule.values().length, tests.finished().count(), testClass + ": one test per rule");
        Map<String, String> failed = new TreeMap<>();
        for (Event e : tests.failed().list()) {
            String message = e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .map(Throwable::getMessage).orElse("");
            failed.put(e.getTestDescriptor().getDisplayName(), message);
        }
        return failed;
    }

    @Test
    void everyRulePassesOnTheSoundStrategy() {
        Map<String, String> failed = failures(BrokenStrategies.Sound.class);
        assertTrue(failed.isEmpty(), "the sound heavy ball broke: " + failed);
    }

    /** What the failure of each rule on its broken strategy must say. */
    private static List<String> expected(StrategyRule rule) {
        return switch (rule) {
            case DEFAULTS -> List.of("created from (alpha=1, mu=0", "mu must be positive");
            case UNKNOWN_KEYS -> List.of("no-such-key", "declared twice");
            case WRONG_TYPES -> List.of("form=sign", "unknown form sign");
            case RANGES -> List.of("alpha=10", "names no other parameter");
            case CANONICAL -> List.of("reads back as");
            case EXPORT_RESTORE -> List.of("of the restored optimizer against the original", "expected the same bits");
            case NON_FINITE -> List.of("host's gradient with NaN", "coefficient-reads", "expected the same bits");
            case FAST_PATH -> List.of("of the fast path against the general path", "allowed");
            case FLOAT_AND_DOUBLE -> List.of("from a common state, in float against double", "allowed");
            case SAME_SEED -> List.of("of the second run against the first", "expected the same bits");
        };
    }

    @ParameterizedTest
    @EnumSource(StrategyRule.class)
    void eachRuleFailsOnItsBrokenStrategy(StrategyRule rule) {
        Map<String, String> failed = failures(BrokenStrategies.target(rule));
        String message = failed.get(rule.title());
        assertTrue(message != null, rule + " passed on its broken strategy; failed: " + failed.keySet());
        for (String part : expected(rule)) {
            assertTrue(message.contains(part), rule + ": '" + part + "' missing from: " + message);
        }
        System.out.printf("%s: %s%n    also failed: %s%n", rule, message,
                failed.keySet().stream().filter(t -> !t.equals(rule.title())).collect(Collectors.toList()));
    }

    @Test
    void theRulesHaveDistinctTitles() {
        assertEquals(StrategyRule.values().length,
                Stream.of(StrategyRule.values()).map(StrategyRule::title).distinct().count());
    }
}
