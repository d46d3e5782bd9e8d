package io.millrace.model.execution;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of one task for one iteration value: the record the executor writes to {@code taskruns}.
 * Immutable; the {@code with*} methods return changed copies, and {@link #to} checks the
 * task-run transition table.
 *
 * @param seq       creation order within the execution (the order of Kestra's {@code taskRunList})
 * @param value     the iteration value this run belongs to (inherited from the parent when not iterating)
 * @param iteration the loop count for tasks inside a WaitFor loop, else null
 * @param plan      what a flowable decided when it started (branch, case, values), so later
 *                  events never render it again
 * @param error     why the task run failed, when it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskRun(
    String id,
    String executionId,
    String namespace,
    String flowId,
    String taskId,
    String parentTaskRunId,
    String value,
    Integer iteration,
    int seq,
    State<TaskRunStatus> state,
    List<TaskRunAttempt> attempts,
    Map<String, Object> outputs,
    Map<String, Object> plan,
    String error
) {

    public TaskRun {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A new task run in state CREATED. */
    public static TaskRun created(String id, String executionId, String namespace, String flowId, String taskId,
                                  String parentTaskRunId, String value, Integer iteration, int seq, Instant at) {
        return new TaskRun(id, executionId, namespace, flowId, taskId, parentTaskRunId, value, iteration, seq,
            State.of(TaskRunStatus.CREATED, at), List.of(), null, null, null);
    }

    public TaskRunStatus status() {
        return state.current();
    }

    /** This task run moved to {@code next} at {@code at}, checked against the task-run table. */
    public TaskRun to(TaskRunStatus next, Instant at) {
        TaskRunTransitions.TABLE.check(state.current(), next);
        return new TaskRun(id, executionId, namespace, flowId, taskId, parentTaskRunId, value, iteration, seq,
            state.to(next, at), attempts, outputs, plan, error);
    }

    public TaskRun withAttempts(List<TaskRunAttempt> newAttempts) {
        return new TaskRun(id, executionId, namespace, flowId, taskId, parentTaskRunId, value, iteration, seq,
            state, newAttempts, outputs, plan, error);
    }

    /** This task run with {@code attempt} appended. */
    public TaskRun withAttempt(TaskRunAttempt attempt) {
        List<TaskRunAttempt> list = new ArrayList<>(attempts);
        list.add(attempt);
        return withAttempts(list);
    }

    /** This task run with its last attempt replaced. */
    public TaskRun withLastAttempt(TaskRunAttempt attempt) {
        List<TaskRunAttempt> list = new ArrayList<>(attempts);
        list.set(list.size() - 1, attempt);
        return withAttempts(list);
    }

    public TaskRun withOutputs(Map<String, Object> newOutputs) {
        return new TaskRun(id, executionId, namespace, flowId, taskId, parentTaskRunId, value, iteration, seq,
            state, attempts, newOutputs, plan, error);
    }

    public TaskRun withPlan(Map<String, Object> newPlan) {
        return new TaskRun(id, executionId, namespace, flowId, taskId, parentTaskRunId, value, iteration, seq,
            state, attempts, outputs, newPlan, error);
    }

    public TaskRun withError(String newError) {
        return new TaskRun(id, executionId, namespace, flowId, taskId, parentTaskRunId, value, iteration, seq,
            state, attempts, outputs, plan, newError);
    }

    /** The same task run copied into another execution (replay). */
    public TaskRun inExecution(String newExecutionId) {
        return new TaskRun(id, newExecutionId, namespace, flowId, taskId, parentTaskRunId, value, iteration, seq,
            state, attempts, outputs, plan, error);
    }

    /** The last attempt, or null before the first one. */
    public TaskRunAttempt lastAttempt() {
        return attempts.isEmpty() ? null : attempts.getLast();
    }

    /** Number of attempts made so far (1 for the first). */
    public int attemptNumber() {
        return attempts.size();
    }
}
