package io.millrace.executor.orchestrator;

import io.millrace.model.Flow;
import io.millrace.model.LogLevel;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.KillExecution;
import io.millrace.model.command.RestartExecution;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.StateChange;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.serde.FlowParser;
import io.millrace.serde.Json;
import io.millrace.template.TemplateEngine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The abort as a pure function: it needs no flow, makes no record grow beyond its reason, works on
 * a KILLING execution, leaves an ended one alone; and an execution whose flow revision the executor
 * does not know is aborted with a message naming it.
 */
class AbortDecisionTest {

    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-02-01T10:00:00Z"));
    private static final String UNKNOWN = "flow company.team/work revision 3 is not known to the executor "
        + "(deleted from flow_revisions?)";

    private static final Flow FLOW = new FlowParser().parse("""
        id: work
        namespace: company.team
        tasks:
          - id: each
            type: io.millrace.core.flow.ForEach
            values: "{{ range(1, 3) | toJson }}"
            concurrencyLimit: 0
            tasks:
              - id: step
                type: io.millrace.core.debug.Return
                format: "{{ taskrun.value }}"
        """).withRevision(3);

    private final Orchestrator orchestrator = new Orchestrator(new TemplateEngine());

    @Test
    void anEventForAnExecutionWhoseRevisionIsUnknownAbortsItWithAMessageNamingTheRevision() {
        ExecutionState state = started("e1");
        List<TaskRun> steps = state.runsOfTask("step");

        Decision d = orchestrator.apply(state, result(steps.getFirst(), TaskRunStatus.SUCCESS), null, CLOCK);

        assertThat(d.header().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.logs()).extracting(LogEntry::level, LogEntry::message)
            .containsExactly(tuple(LogLevel.ERROR, UNKNOWN));
        assertThat(d.taskRuns()).hasSize(steps.size() + 1)
            .allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(TaskRunStatus.FAILED);
                assertThat(r.error()).isEqualTo(UNKNOWN);
            });
        assertThat(d.killTaskRuns()).extracting(KillTaskRun::taskRunId)
            .containsExactlyInAnyOrderElementsOf(steps.stream().map(TaskRun::id).toList());
        assertThat(d.workerTasks()).isEmpty();
        assertThat(d.timers()).isEmpty();
        assertThat(orchestrator.apply(state, result(steps.getFirst(), TaskRunStatus.SUCCESS), null, CLOCK).isEmpty())
            .as("a late result of a stopped attempt").isTrue();
    }

    @Test
    void anAbortNeedsNoFlowAndAddsNothingButStateChangesAndItsBoundedReason() {
        ExecutionState state = started("e2");
        Map<String, Integer> sizesBefore = new HashMap<>();
        state.taskRuns().forEach(r -> sizesBefore.put(r.id(), size(r)));
        int headerBefore = size(state.header());
        String hugeReason = "x".repeat(50_000);

        Decision d = orchestrator.apply(state, new Event.Abort("e2", hugeReason), null, CLOCK);

        int slack = AbortHandler.MAX_REASON_CHARS + 300; // the cut reason and one state change
        assertThat(size(d.header())).isLessThanOrEqualTo(headerBefore + 300);
        assertThat(d.header().outputs()).isNull();
        assertThat(d.taskRuns()).isNotEmpty()
            .allSatisfy(r -> assertThat(size(r)).isLessThanOrEqualTo(sizesBefore.get(r.id()) + slack));
        assertThat(d.logs()).singleElement()
            .satisfies(l -> assertThat(l.message()).hasSize(AbortHandler.MAX_REASON_CHARS + 1));
        assertThat(d.workerTasks()).isEmpty();
        assertThat(d.commands()).isEmpty();
        assertThat(d.timers()).isEmpty();
    }

    @Test
    void aKillingExecutionCanBeAborted() {
        ExecutionState state = started("e3");
        orchestrator.apply(state, new Event.Command(new KillExecution("e3")), FLOW, CLOCK);
        assertThat(state.header().status()).isEqualTo(ExecutionStatus.KILLING);

        Decision d = orchestrator.apply(state, new Event.Abort("e3", "handling an event of it failed"), FLOW, CLOCK);

        assertThat(d.header().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.header().state().histories()).extracting(StateChange::state)
            .endsWith(ExecutionStatus.KILLING, ExecutionStatus.FAILED);
        assertThat(state.taskRuns()).allSatisfy(r -> assertThat(r.status()).isEqualTo(TaskRunStatus.FAILED));
    }

    @Test
    void anEndedExecutionIsLeftAloneAndWhatWouldRunItAgainWithoutItsRevisionIsRefused() {
        ExecutionState state = started("e4");
        for (TaskRun r : state.runsOfTask("step")) {
            orchestrator.apply(state, result(r, TaskRunStatus.FAILED), FLOW, CLOCK);
        }
        assertThat(state.header().status()).isEqualTo(ExecutionStatus.FAILED);
        TaskRun first = state.runsOfTask("step").getFirst();

        assertThat(orchestrator.apply(state, new Event.Abort("e4", "again"), FLOW, CLOCK).isEmpty()).isTrue();
        assertThat(orchestrator.apply(state, new Event.Abort("e4", "again"), null, CLOCK).isEmpty()).isTrue();
        assertThat(orchestrator.apply(state, result(first, TaskRunStatus.SUCCESS), null, CLOCK).isEmpty()).isTrue();
        Decision restart = orchestrator.apply(state, new Event.Command(new RestartExecution("e4")), null, CLOCK);

        assertThat(restart.header()).isNull();
        assertThat(restart.logs()).extracting(LogEntry::level, LogEntry::message)
            .containsExactly(tuple(LogLevel.WARN, "restart ignored: " + UNKNOWN));
        assertThat(state.header().status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void anAbortOfAnExecutionThatDoesNotExistDoesNothing() {
        assertThat(orchestrator.apply(null, new Event.Abort("nope", "why"), null, CLOCK).isEmpty()).isTrue();
    }

    private ExecutionState started(String id) {
        Decision d = orchestrator.apply(null, new Event.Command(CreateExecution.of(id, "company.team", "work",
            Map.of())), FLOW, CLOCK);
        return ExecutionState.of(d.header(), d.taskRuns());
    }

    private static Event result(TaskRun run, TaskRunStatus status) {
        return new Event.TaskResult(new WorkerTaskResult(run.executionId(), run.id(), 1, status,
            Map.of("value", "x"), status == TaskRunStatus.FAILED ? "boom" : null, CLOCK.instant(), CLOCK.instant(),
            "w1"));
    }

    private static int size(Object record) {
        return Json.write(record).getBytes(StandardCharsets.UTF_8).length;
    }
}
