package io.millrace.triggers;

import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.template.TemplateEngine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MultipleConditionWindowsTest {

    private static final Instant DAY1 = Instant.parse("2024-06-01T08:00:00Z");

    private final TriggerMatcher matcher = new TriggerMatcher(new TemplateEngine());
    private final TriggerIndex index = TriggerMatcherTest.index(TriggerFlows.BOTH_LOADED);

    @Test
    void firesOnceWhenTheLastNamedConditionMatchesWithinTheWindow() {
        MultipleConditionWindows.Decision afterA = apply(TriggerWindows.EMPTY, end("load-a", "a1", DAY1));
        assertThat(afterA.fired()).isFalse();
        assertThat(afterA.state().conditions().get("multiple").matched()).containsOnlyKeys("flow-a");

        MultipleConditionWindows.Decision afterB = apply(afterA.state(), end("load-b", "b1", DAY1.plusSeconds(3600)));
        assertThat(afterB.fired()).isTrue();
        CreateExecution start = afterB.start();
        assertThat(start.flowId()).isEqualTo("both-loaded");
        assertThat(start.trigger().variables()).containsEntry("executionId", "b1").containsEntry("flowId", "load-b");
        assertThat(afterB.state().conditions()).as("the window starts over").isEmpty();
    }

    @Test
    void theSameConditionMatchingTwiceDoesNotFire() {
        MultipleConditionWindows.Decision first = apply(TriggerWindows.EMPTY, end("load-a", "a1", DAY1));
        MultipleConditionWindows.Decision second = apply(first.state(), end("load-a", "a2", DAY1.plusSeconds(60)));

        assertThat(second.fired()).isFalse();
        assertThat(second.state().conditions().get("multiple").matched())
            .as("the first execution that matched is kept").containsEntry("flow-a", "a1");
    }

    @Test
    void afterAFireANewCompleteSetIsNeededAndGetsAnotherId() {
        MultipleConditionWindows.Decision fired = apply(apply(TriggerWindows.EMPTY, end("load-a", "a1", DAY1)).state(),
            end("load-b", "b1", DAY1.plusSeconds(60)));
        MultipleConditionWindows.Decision bAgain = apply(fired.state(), end("load-b", "b2", DAY1.plusSeconds(120)));
        assertThat(bAgain.fired()).isFalse();

        MultipleConditionWindows.Decision aAgain = apply(bAgain.state(), end("load-a", "a2", DAY1.plusSeconds(180)));
        assertThat(aAgain.fired()).isTrue();
        assertThat(aAgain.start().executionId()).isNotEqualTo(fired.start().executionId());
    }

    @Test
    void matchesInDifferentWindowsDoNotAddUp() {
        MultipleConditionWindows.Decision afterA = apply(TriggerWindows.EMPTY, end("load-a", "a1",
            Instant.parse("2024-06-01T23:30:00Z")));
        MultipleConditionWindows.Decision nextDay = apply(afterA.state(), end("load-b", "b1",
            Instant.parse("2024-06-02T00:30:00Z")));

        assertThat(nextDay.fired()).isFalse();
        assertThat(nextDay.state().conditions().get("multiple").start()).isEqualTo(Instant.parse("2024-06-02T00:00:00Z"));
        assertThat(nextDay.state().conditions().get("multiple").matched()).containsOnlyKeys("flow-b");
    }

    @Test
    void windowAdvanceMovesTheBoundaryBetweenDays() {
        TriggerIndex advanced = TriggerMatcherTest.index(TriggerFlows.BOTH_LOADED.replace("windowAdvance: P0D",
            "windowAdvance: PT6H"));
        // 23:30 and 00:30 are one window when days start at 06:00...
        MultipleConditionWindows.Decision a = apply(TriggerWindows.EMPTY,
            end(advanced, "load-a", "a1", Instant.parse("2024-06-01T23:30:00Z")));
        MultipleConditionWindows.Decision b = apply(a.state(),
            end(advanced, "load-b", "b1", Instant.parse("2024-06-02T00:30:00Z")));
        assertThat(b.fired()).isTrue();
        // ...and 05:30 and 06:30 are not
        MultipleConditionWindows.Decision a2 = apply(b.state(),
            end(advanced, "load-a", "a2", Instant.parse("2024-06-02T05:30:00Z")));
        MultipleConditionWindows.Decision b2 = apply(a2.state(),
            end(advanced, "load-b", "b2", Instant.parse("2024-06-02T06:30:00Z")));
        assertThat(b2.fired()).isFalse();
    }

    @Test
    void aLateMatchForAWindowThatHasPassedIsIgnored() {
        MultipleConditionWindows.Decision today = apply(TriggerWindows.EMPTY, end("load-b", "b2",
            Instant.parse("2024-06-02T09:00:00Z")));
        MultipleConditionWindows.Decision late = apply(today.state(), end("load-a", "a1",
            Instant.parse("2024-06-01T09:00:00Z")));

        assertThat(late.fired()).isFalse();
        assertThat(late.state()).isEqualTo(today.state());
    }

    @Test
    void replayingTheSameMatchesGivesTheSameStartId() {
        List<WindowMatch> matches = List.of(end("load-a", "a1", DAY1), end("load-b", "b1", DAY1.plusSeconds(60)));
        String first = replay(matches).start().executionId();
        String second = replay(matches).start().executionId();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aCompletedSetWhoseInputsFailedResetsAndSaysWhy() {
        WindowMatch a = end("load-a", "a1", DAY1);
        WindowMatch b = end("load-b", "b1", DAY1.plusSeconds(60));
        WindowMatch bWithoutStart = new WindowMatch(b.namespace(), b.flowId(), b.triggerId(), b.executionId(),
            b.endedAt(), b.conditions(), null, "input 'x' cannot be rendered");

        MultipleConditionWindows.Decision d = apply(apply(TriggerWindows.EMPTY, a).state(), bWithoutStart);

        assertThat(d.fired()).isTrue();
        assertThat(d.start()).isNull();
        assertThat(d.skipReason()).contains("input 'x'");
        assertThat(d.state().conditions()).isEmpty();
    }

    @Test
    void aNamedConditionMayBeMatchedByAnyExecutionOfTheWindow() {
        // Kestra's fixture: 'success' holds for any successful execution, flow-a and flow-b for their flows
        TriggerIndex kestraLike = TriggerMatcherTest.index("""
            id: trigger-multiplecondition-listener
            namespace: io.kestra.tests.trigger
            tasks:
              - id: only-listener
                type: io.kestra.plugin.core.debug.Return
                format: childs
            triggers:
              - id: multiple-listen-flow
                type: io.kestra.plugin.core.trigger.Flow
                conditions:
                  - id: multiple
                    type: io.kestra.plugin.core.condition.MultipleCondition
                    window: P1D
                    windowAdvance: P0D
                    conditions:
                      success:
                        type: io.kestra.plugin.core.condition.ExecutionStatus
                        in: [SUCCESS]
                      flow-a:
                        type: io.kestra.plugin.core.condition.ExecutionFlow
                        namespace: io.kestra.tests.trigger
                        flowId: trigger-multiplecondition-flow-a
                      flow-b:
                        type: io.kestra.plugin.core.condition.ExecutionFlow
                        namespace: io.kestra.tests.trigger
                        flowId: trigger-multiplecondition-flow-b
            """);
        WindowMatch a = single(matcher.match(EndedExecutions.of("io.kestra.tests.trigger",
            "trigger-multiplecondition-flow-a").id("a1").ended(ExecutionStatus.SUCCESS, DAY1), kestraLike));
        assertThat(a.conditions().getFirst().matched()).containsExactlyInAnyOrder("success", "flow-a");
        MultipleConditionWindows.Decision afterA = MultipleConditionWindows.apply(TriggerWindows.EMPTY, a, a.endedAt());
        assertThat(afterA.fired()).isFalse();

        WindowMatch b = single(matcher.match(EndedExecutions.of("io.kestra.tests.trigger",
            "trigger-multiplecondition-flow-b").id("b1").ended(ExecutionStatus.SUCCESS, DAY1.plusSeconds(5)), kestraLike));
        MultipleConditionWindows.Decision afterB = MultipleConditionWindows.apply(afterA.state(), b, b.endedAt());
        assertThat(afterB.fired()).isTrue();
        assertThat(afterB.start().trigger().variables()).containsEntry("executionId", "b1")
            .containsEntry("namespace", "io.kestra.tests.trigger")
            .containsEntry("flowId", "trigger-multiplecondition-flow-b");
    }

    private MultipleConditionWindows.Decision replay(List<WindowMatch> matches) {
        TriggerWindows state = TriggerWindows.EMPTY;
        MultipleConditionWindows.Decision d = null;
        for (WindowMatch m : matches) {
            d = apply(state, m);
            state = d.state();
        }
        return d;
    }

    private MultipleConditionWindows.Decision apply(TriggerWindows state, WindowMatch match) {
        return MultipleConditionWindows.apply(state, match, match.endedAt());
    }

    private WindowMatch end(String flowId, String executionId, Instant at) {
        return end(index, flowId, executionId, at);
    }

    private WindowMatch end(TriggerIndex in, String flowId, String executionId, Instant at) {
        return single(matcher.match(EndedExecutions.of("company.data", flowId).id(executionId)
            .ended(ExecutionStatus.SUCCESS, at), in));
    }

    private static WindowMatch single(List<TriggerOutcome> outcomes) {
        assertThat(outcomes).singleElement().isInstanceOf(WindowMatch.class);
        return (WindowMatch) outcomes.getFirst();
    }
}
