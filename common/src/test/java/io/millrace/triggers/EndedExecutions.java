package io.millrace.triggers;

import io.millrace.model.Label;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.State;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds executions the way the executor leaves them (header and task runs), for trigger tests:
 * {@code EndedExecutions.of("ns", "flow").id("e1").task("only", Map.of("value", "x")).ended(SUCCESS, at)}.
 */
public final class EndedExecutions {

    private final String namespace;
    private final String flowId;
    private String id = "exec-1";
    private int revision = 1;
    private final List<Label> labels = new ArrayList<>();
    private final List<TaskRun> taskRuns = new ArrayList<>();
    private Instant start = Instant.parse("2024-06-01T10:00:00Z");

    private EndedExecutions(String namespace, String flowId) {
        this.namespace = namespace;
        this.flowId = flowId;
    }

    /** An execution of flow {@code namespace/flowId}. */
    public static EndedExecutions of(String namespace, String flowId) {
        return new EndedExecutions(namespace, flowId);
    }

    public EndedExecutions id(String executionId) {
        this.id = executionId;
        return this;
    }

    public EndedExecutions revision(int flowRevision) {
        this.revision = flowRevision;
        return this;
    }

    public EndedExecutions label(String key, String value) {
        labels.add(new Label(key, value));
        return this;
    }

    public EndedExecutions started(Instant at) {
        this.start = at;
        return this;
    }

    /** A top-level task run of {@code taskId} that ended SUCCESS with {@code outputs}. */
    public EndedExecutions task(String taskId, Map<String, Object> outputs) {
        int seq = taskRuns.size();
        TaskRun run = TaskRun.created(id + "-tr" + seq, id, namespace, flowId, taskId, null, null, null, seq, start)
            .to(TaskRunStatus.RUNNING, start)
            .to(TaskRunStatus.SUCCESS, start.plusSeconds(1))
            .withOutputs(outputs);
        taskRuns.add(run);
        return this;
    }

    /** The task runs so far. */
    public List<TaskRun> taskRuns() {
        return List.copyOf(taskRuns);
    }

    /** The task runs as they were while running: RUNNING, without outputs. */
    public List<TaskRun> runningTaskRuns() {
        List<TaskRun> list = new ArrayList<>();
        for (TaskRun r : taskRuns) {
            list.add(new TaskRun(r.id(), r.executionId(), r.namespace(), r.flowId(), r.taskId(), r.parentTaskRunId(),
                r.value(), r.iteration(), r.seq(), State.of(TaskRunStatus.CREATED, start).to(TaskRunStatus.RUNNING, start),
                List.of(), null, null, null));
        }
        return list;
    }

    /** The header of the execution still running. */
    public ExecutionHeader running() {
        State<ExecutionStatus> state = State.of(ExecutionStatus.CREATED, start).to(ExecutionStatus.RUNNING, start);
        return header(state);
    }

    /** The header once the execution ended in {@code status} at {@code at}. */
    public ExecutionHeader endedHeader(ExecutionStatus status, Instant at) {
        return header(running().state().to(status, at));
    }

    /** The header of an execution that ended FAILED, was restarted and ended again in {@code status} at {@code at}. */
    public ExecutionHeader restartedHeader(ExecutionStatus status, Instant at) {
        State<ExecutionStatus> state = running().state()
            .to(ExecutionStatus.FAILED, at.minusSeconds(60))
            .to(ExecutionStatus.RESTARTED, at.minusSeconds(30))
            .to(ExecutionStatus.RUNNING, at.minusSeconds(30))
            .to(status, at);
        return header(state);
    }

    /** The execution (header and task runs) once it ended in {@code status} at {@code at}. */
    public ExecutionState ended(ExecutionStatus status, Instant at) {
        return ExecutionState.of(endedHeader(status, at), taskRuns);
    }

    private ExecutionHeader header(State<ExecutionStatus> state) {
        return new ExecutionHeader(id, namespace, flowId, revision, state, Map.of(), labels, null, null, null, null, 1,
            null, null, taskRuns.size());
    }
}
