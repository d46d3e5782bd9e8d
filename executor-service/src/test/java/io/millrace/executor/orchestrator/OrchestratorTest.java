package io.millrace.executor.orchestrator;

import io.millrace.model.Flow;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.KillExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.serde.FlowParser;
import io.millrace.template.TemplateEngine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The orchestrator as a pure function: given state, event, flow and time, a decision; no harness. */
class OrchestratorTest {

    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-02-01T10:00:00Z"));

    private final Orchestrator orchestrator = new Orchestrator(new TemplateEngine());

    private static final Flow LOOP = new FlowParser().parse("""
        id: loop
        namespace: millrace.tests
        tasks:
          - id: each
            type: io.millrace.core.flow.ForEach
            values: "{{ range(1, 500) | toJson }}"
            concurrencyLimit: 0
            tasks:
              - id: work
                type: io.millrace.core.debug.Return
                format: "{{ taskrun.value }}"
        """);

    @Test
    void creatingAnExecutionStartsItsFirstTasks() {
        Decision d = orchestrator.apply(null, create("e1"), LOOP, CLOCK);

        assertThat(d.header().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(d.workerTasks()).hasSize(500);
        assertThat(d.taskRuns()).hasSize(501);
        assertThat(d.workerTasks().getFirst().variables()).containsKeys("flow", "execution", "taskrun", "outputs");
    }

    @Test
    void decisionsAreDeterministic() {
        Decision a = orchestrator.apply(null, create("same"), LOOP, CLOCK);
        Decision b = orchestrator.apply(null, create("same"), LOOP, CLOCK);

        assertThat(a).isEqualTo(b);
    }

    @Test
    void aResultTouchesOnlyItsTaskRunAndNeverTheWholeExecution() {
        ExecutionState state = started("e2");
        TaskRun first = state.runsOfTask("work").getFirst();

        Decision d = orchestrator.apply(state, result(first, 1, TaskRunStatus.SUCCESS), LOOP, CLOCK);

        assertThat(d.taskRuns()).extracting(TaskRun::id).containsExactly(first.id());
        assertThat(d.header()).isNull();
        assertThat(state.taskRun(first.id()).status()).isEqualTo(TaskRunStatus.SUCCESS);
    }

    @Test
    void staleAndDuplicateEventsChangeNothing() {
        ExecutionState state = started("e3");
        TaskRun first = state.runsOfTask("work").getFirst();
        orchestrator.apply(state, result(first, 1, TaskRunStatus.SUCCESS), LOOP, CLOCK);

        Decision again = orchestrator.apply(state, result(first, 1, TaskRunStatus.FAILED), LOOP, CLOCK);
        Decision wrongAttempt = orchestrator.apply(state, result(state.runsOfTask("work").get(1), 7,
            TaskRunStatus.SUCCESS), LOOP, CLOCK);
        Decision recreate = orchestrator.apply(state, create("e3"), LOOP, CLOCK);

        assertThat(again.isEmpty()).isTrue();
        assertThat(wrongAttempt.isEmpty()).isTrue();
        assertThat(recreate.isEmpty()).isTrue();
        assertThat(state.taskRun(first.id()).status()).isEqualTo(TaskRunStatus.SUCCESS);
    }

    @Test
    void theLastResultEndsTheExecution() {
        ExecutionState state = started("e4");
        Decision last = null;
        for (TaskRun r : state.runsOfTask("work")) {
            last = orchestrator.apply(state, result(r, 1, TaskRunStatus.SUCCESS), LOOP, CLOCK);
        }

        assertThat(last.header().status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(Execution.of(state).taskRun("each").status()).isEqualTo(TaskRunStatus.SUCCESS);
    }

    @Test
    void aFailingEventLeavesTheStateAsItWas() {
        ExecutionState state = started("e5");
        Flow other = new FlowParser().parse("""
            id: loop
            namespace: millrace.tests
            tasks:
              - id: unrelated
                type: io.millrace.core.debug.Return
                format: x
            """);
        TaskRun first = state.runsOfTask("work").getFirst();
        List<TaskRun> before = state.taskRuns();

        assertThatThrownBy(() -> orchestrator.apply(state, result(first, 1, TaskRunStatus.SUCCESS), other, CLOCK))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not in flow");
        assertThat(state.taskRuns()).isEqualTo(before);
    }

    @Test
    void anAttemptItsWorkerGaveUpRunsAgainAsANewAttempt() {
        ExecutionState state = started("e8");
        TaskRun first = state.runsOfTask("work").getFirst();

        Decision d = orchestrator.apply(state, result(first, 1, TaskRunStatus.RESUBMITTED), LOOP, CLOCK);

        TaskRun again = state.taskRun(first.id());
        assertThat(again.status()).isEqualTo(TaskRunStatus.RUNNING);
        assertThat(again.attempts()).extracting(a -> a.state().current())
            .containsExactly(TaskRunStatus.RESUBMITTED, TaskRunStatus.RUNNING);
        assertThat(d.workerTasks()).singleElement().satisfies(wt -> assertThat(wt.attempt()).isEqualTo(2));
        assertThat(orchestrator.apply(state, result(first, 1, TaskRunStatus.SUCCESS), LOOP, CLOCK).isEmpty())
            .as("a late result of the abandoned attempt").isTrue();
    }

    @Test
    void killingAsksWorkersToStopTheirAttempts() {
        ExecutionState state = started("e6");

        Decision d = orchestrator.apply(state, new Event.Command(new KillExecution("e6")), LOOP, CLOCK);

        assertThat(d.header().status()).isEqualTo(ExecutionStatus.KILLING);
        assertThat(d.killTaskRuns()).hasSize(500);
        assertThat(d.workerTasks()).isEmpty();
    }

    @Test
    void aWorkerTaskCarriesOnlyTheOutputsItsTemplatesRead() {
        Flow chain = new FlowParser().parse("""
            id: chain
            namespace: millrace.tests
            tasks:
              - id: a
                type: io.millrace.core.debug.Return
                format: "A"
              - id: b
                type: io.millrace.core.debug.Return
                format: "B"
              - id: c
                type: io.millrace.core.debug.Return
                format: "{{ outputs.a.value }}"
            """);
        Decision d = orchestrator.apply(null, new Event.Command(CreateExecution.of("e7", "millrace.tests", "chain",
            Map.of())), chain, CLOCK);
        ExecutionState state = ExecutionState.of(d.header(), d.taskRuns());
        d = orchestrator.apply(state, result(state.runsOfTask("a").getFirst(), 1, TaskRunStatus.SUCCESS), chain, CLOCK);
        d = orchestrator.apply(state, result(state.runsOfTask("b").getFirst(), 1, TaskRunStatus.SUCCESS), chain, CLOCK);

        assertThat(d.workerTasks()).singleElement().satisfies(wt -> {
            assertThat(wt.task().id()).isEqualTo("c");
            @SuppressWarnings("unchecked")
            Map<String, Object> outputs = (Map<String, Object>) wt.variables().get("outputs");
            assertThat(outputs).containsOnlyKeys("a");
        });
    }

    private ExecutionState started(String id) {
        Decision d = orchestrator.apply(null, create(id), LOOP, CLOCK);
        return ExecutionState.of(d.header(), d.taskRuns());
    }

    private static Event create(String id) {
        return new Event.Command(CreateExecution.of(id, "millrace.tests", "loop", Map.of()));
    }

    private static Event result(TaskRun run, int attempt, TaskRunStatus status) {
        return new Event.TaskResult(new WorkerTaskResult(run.executionId(), run.id(), attempt, status,
            Map.of("value", "x"), null, CLOCK.instant(), CLOCK.instant(), "w1"));
    }
}
