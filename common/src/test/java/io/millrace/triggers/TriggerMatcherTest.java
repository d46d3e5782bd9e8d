package io.millrace.triggers;

import io.millrace.model.Flow;
import io.millrace.model.Label;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.template.TemplateEngine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.millrace.model.execution.ExecutionStatus.CANCELLED;
import static io.millrace.model.execution.ExecutionStatus.FAILED;
import static io.millrace.model.execution.ExecutionStatus.KILLED;
import static io.millrace.model.execution.ExecutionStatus.RETRIED;
import static io.millrace.model.execution.ExecutionStatus.SUCCESS;
import static io.millrace.model.execution.ExecutionStatus.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

class TriggerMatcherTest {

    private static final Instant END = Instant.parse("2024-06-01T10:05:00Z");

    private final TriggerMatcher matcher = new TriggerMatcher(new TemplateEngine());

    @Test
    void aListenerStartsWithInputsRenderedFromTheEndingExecutionsOutputs() {
        TriggerIndex index = index(TriggerFlows.INGEST, TriggerFlows.REPORT);
        ExecutionState ended = ingest("e1").ended(SUCCESS, END);

        List<TriggerOutcome> outcomes = matcher.match(ended, index);

        CreateExecution start = single(outcomes);
        assertThat(start.namespace()).isEqualTo("company.reports");
        assertThat(start.flowId()).isEqualTo("report");
        assertThat(start.revision()).as("the executor runs the newest revision").isNull();
        assertThat(start.inputs()).containsExactly(Map.entry("from-parent", "from parents: e1"));
        assertThat(start.trigger().id()).isEqualTo("listen-flow");
        assertThat(start.trigger().type()).as("the type as written").isEqualTo("io.kestra.plugin.core.trigger.Flow");
        assertThat(start.trigger().variables()).containsExactly(
            Map.entry("executionId", "e1"), Map.entry("namespace", "company.data"), Map.entry("flowId", "ingest"),
            Map.entry("flowRevision", 1), Map.entry("state", "SUCCESS"));
        assertThat(start.labels()).containsExactly(new Label(Label.CORRELATION_ID, "e1"));
    }

    @Test
    void theStartedExecutionKeepsTheCorrelationIdOfTheEndingOne() {
        TriggerIndex index = index(TriggerFlows.INGEST, TriggerFlows.REPORT);
        ExecutionState ended = ingest("e2").label(Label.CORRELATION_ID, "root-7").ended(SUCCESS, END);

        assertThat(single(matcher.match(ended, index)).labels())
            .containsExactly(new Label(Label.CORRELATION_ID, "root-7"));
    }

    @Test
    void theSameEndAlwaysGivesTheSameIdAndAnotherEndOrTriggerAnother() {
        TriggerIndex index = index(TriggerFlows.INGEST, TriggerFlows.REPORT);
        EndedExecutions e1 = ingest("e1");
        String first = single(matcher.match(e1.ended(SUCCESS, END), index)).executionId();
        String again = single(matcher.match(e1.ended(SUCCESS, END), index)).executionId();
        String afterRestart = single(matcher.match(
            ExecutionState.of(e1.restartedHeader(SUCCESS, END.plusSeconds(600)), e1.taskRuns()), index)).executionId();
        String otherExecution = single(matcher.match(ingest("e2").ended(SUCCESS, END), index)).executionId();

        assertThat(again).isEqualTo(first);
        assertThat(afterRestart).isNotEqualTo(first);
        assertThat(otherExecution).isNotEqualTo(first);
        assertThat(first).hasSize(22);
    }

    @Test
    void onlyConditionsThatAllHoldStartAnything() {
        TriggerIndex index = index(TriggerFlows.INGEST, TriggerFlows.REPORT);

        assertThat(matcher.match(ingest("e1").ended(FAILED, END), index)).isEmpty();
        assertThat(matcher.match(EndedExecutions.of("company.data", "other").id("e2")
            .task("only", Map.of("value", "x")).ended(SUCCESS, END), index)).isEmpty();
    }

    @Test
    void everyEndButRetriedTriggersAndRunningExecutionsNever() {
        TriggerIndex index = index("""
            id: on-any-end
            namespace: ops
            tasks:
              - id: only
                type: io.kestra.plugin.core.debug.Return
                format: x
            triggers:
              - id: any
                type: io.millrace.core.trigger.Flow
                conditions:
                  - type: io.millrace.core.condition.ExecutionFlow
                    namespace: company.data
                    flowId: ingest
            """);
        for (ExecutionStatus s : List.of(SUCCESS, WARNING, FAILED, KILLED, CANCELLED)) {
            assertThat(matcher.match(ingest("e-" + s).ended(s, END), index)).as(s.name()).hasSize(1);
        }
        assertThat(matcher.match(ingest("e-retried").ended(RETRIED, END), index)).isEmpty();
        EndedExecutions running = ingest("e-running");
        assertThat(matcher.match(ExecutionState.of(running.running(), running.taskRuns()), index)).isEmpty();
    }

    @Test
    void aFlowNeverTriggersItselfButDoesTriggerOnItsNeighbours() {
        TriggerIndex index = index(TriggerFlows.INGEST, TriggerFlows.AUDIT);

        List<TriggerOutcome> afterIngest = matcher.match(ingest("e1").ended(SUCCESS, END), index);
        assertThat(single(afterIngest).flowId()).isEqualTo("audit");

        ExecutionState auditEnded = EndedExecutions.of("company.data", "audit").id("a1").ended(SUCCESS, END);
        assertThat(matcher.match(auditEnded, index)).as("audit ending must not start audit again").isEmpty();
    }

    @Test
    void disabledAndDeletedFlowsAndDisabledTriggersStartNothing() {
        String disabledFlow = TriggerFlows.REPORT.replace("namespace: company.reports",
            "namespace: company.reports\ndisabled: true");
        String disabledTrigger = TriggerFlows.REPORT.replace("    type: io.kestra.plugin.core.trigger.Flow",
            "    type: io.kestra.plugin.core.trigger.Flow\n    disabled: true");
        ExecutionState ended = ingest("e1").ended(SUCCESS, END);

        assertThat(matcher.match(ended, index(TriggerFlows.INGEST, disabledFlow))).isEmpty();
        assertThat(matcher.match(ended, index(TriggerFlows.INGEST, disabledTrigger))).isEmpty();
        assertThat(matcher.match(ended, TriggerIndex.of(List.of(TriggerFlows.parse(TriggerFlows.INGEST),
            deleted(TriggerFlows.REPORT))))).isEmpty();
    }

    @Test
    void inputsThatCannotBeRenderedSkipThatTriggerWithTheReasonAndLeaveTheOthers() {
        String broken = TriggerFlows.REPORT.replace("'{{ outputs.only.value }}'", "'{{ outputs.missing.value }}'");
        TriggerIndex index = index(TriggerFlows.INGEST, broken, TriggerFlows.AUDIT);

        List<TriggerOutcome> outcomes = matcher.match(ingest("e1").ended(SUCCESS, END), index);

        assertThat(outcomes).hasSize(2);
        TriggerOutcome.Skipped skipped = outcomes.stream().filter(TriggerOutcome.Skipped.class::isInstance)
            .map(TriggerOutcome.Skipped.class::cast).findFirst().orElseThrow();
        assertThat(skipped.flowId()).isEqualTo("report");
        assertThat(skipped.triggerId()).isEqualTo("listen-flow");
        assertThat(skipped.message()).contains("company.reports/report", "e1", "from-parent", "missing");
        assertThat(outcomes).anySatisfy(o -> assertThat(o).isInstanceOf(TriggerOutcome.Start.class));
    }

    @Test
    void inputsNeedTheEndingFlowOnlyWhenTheyAreTemplates() {
        String constant = TriggerFlows.REPORT.replace("'{{ outputs.only.value }}'", "'fixed'");
        ExecutionState ended = ingest("e1").ended(SUCCESS, END);

        // the ending flow was deleted meanwhile: its variables are unknown
        List<TriggerOutcome> templated = matcher.match(ended, index(TriggerFlows.REPORT));
        assertThat(templated).singleElement().isInstanceOfSatisfying(TriggerOutcome.Skipped.class,
            s -> assertThat(s.reason()).contains("company.data/ingest", "not known"));
        assertThat(single(matcher.match(ended, index(constant))).inputs())
            .containsExactly(Map.entry("from-parent", "fixed"));
    }

    @Test
    void theTemplatesSeeTheEndingExecutionsFlowExecutionAndLabels() {
        TriggerIndex index = index(TriggerFlows.INGEST, """
            id: summary
            namespace: company.reports
            inputs:
              - id: text
                type: STRING
            tasks:
              - id: only
                type: io.kestra.plugin.core.debug.Return
                format: "{{ inputs.text }}"
            triggers:
              - id: t
                type: io.millrace.core.trigger.Flow
                inputs:
                  text: "{{ flow.namespace }}/{{ flow.id }}@{{ flow.revision }} {{ execution.id }} {{ execution.state }} {{ labels.team }}"
                conditions:
                  - type: io.millrace.core.condition.ExecutionFlow
                    namespace: company.data
                    flowId: ingest
            """);
        ExecutionState ended = ingest("e9").revision(4).label("team", "data").ended(WARNING, END);

        assertThat(single(matcher.match(ended, index)).inputs())
            .containsExactly(Map.entry("text", "company.data/ingest@4 e9 WARNING data"));
    }

    @Test
    void aMultipleConditionGivesAWindowMatchOnlyWhenSomeNamedConditionMatched() {
        TriggerIndex index = index(TriggerFlows.BOTH_LOADED);

        List<TriggerOutcome> afterA = matcher.match(EndedExecutions.of("company.data", "load-a").id("a1")
            .ended(SUCCESS, END), index);
        assertThat(afterA).singleElement().isInstanceOfSatisfying(WindowMatch.class, m -> {
            assertThat(m.key()).isEqualTo("company.data/both-loaded/multiple-listen-flow");
            assertThat(m.executionId()).isEqualTo("a1");
            assertThat(m.endedAt()).isEqualTo(END);
            assertThat(m.conditions()).singleElement().satisfies(p -> {
                assertThat(p.id()).isEqualTo("multiple");
                assertThat(p.names()).containsExactly("flow-a", "flow-b");
                assertThat(p.matched()).containsExactly("flow-a");
            });
            assertThat(m.start()).isNotNull();
            assertThat(m.start().trigger().variables()).containsEntry("executionId", "a1");
        });
        assertThat(matcher.match(EndedExecutions.of("company.data", "load-c").ended(SUCCESS, END), index))
            .as("matches no named condition").isEmpty();
        assertThat(matcher.match(EndedExecutions.of("company.data", "load-a").ended(FAILED, END), index))
            .as("the trigger's own ExecutionStatus applies before anything counts").isEmpty();
    }

    @Test
    void aWindowMatchWhoseInputsFailStillCountsAndCarriesTheReason() {
        String withInputs = TriggerFlows.BOTH_LOADED.replace("    type: io.kestra.plugin.core.trigger.Flow",
            "    type: io.kestra.plugin.core.trigger.Flow\n    inputs:\n      x: '{{ outputs.nope.value }}'");
        TriggerIndex index = index(withInputs, """
            id: load-a
            namespace: company.data
            tasks:
              - id: only
                type: io.kestra.plugin.core.debug.Return
                format: a
            """);

        List<TriggerOutcome> outcomes = matcher.match(EndedExecutions.of("company.data", "load-a").id("a1")
            .ended(SUCCESS, END), index);

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(WindowMatch.class, m -> {
            assertThat(m.start()).isNull();
            assertThat(m.inputsError()).contains("'x'", "nope");
            assertThat(m.conditions().getFirst().matched()).containsExactly("flow-a");
        });
    }

    @Test
    void aMultipleConditionWithoutIdIsSkipped() {
        TriggerIndex index = index(TriggerFlows.BOTH_LOADED.replace("      - id: multiple\n        type:",
            "      - type:"));

        assertThat(matcher.match(EndedExecutions.of("company.data", "load-a").ended(SUCCESS, END), index))
            .singleElement().isInstanceOfSatisfying(TriggerOutcome.Skipped.class,
                s -> assertThat(s.reason()).contains("needs an id"));
    }

    private static EndedExecutions ingest(String id) {
        return EndedExecutions.of("company.data", "ingest").id(id).task("only", Map.of("value", "from parents: " + id));
    }

    static TriggerIndex index(String... yamls) {
        return TriggerIndex.of(Arrays.stream(yamls).map(TriggerFlows::parse).toList());
    }

    private static Flow deleted(String yaml) {
        return TriggerFlows.parse(yaml.replaceFirst("\ntasks:", "\ndeleted: true\ntasks:"));
    }

    private static CreateExecution single(List<TriggerOutcome> outcomes) {
        assertThat(outcomes).singleElement().isInstanceOf(TriggerOutcome.Start.class);
        return ((TriggerOutcome.Start) outcomes.getFirst()).command();
    }
}
