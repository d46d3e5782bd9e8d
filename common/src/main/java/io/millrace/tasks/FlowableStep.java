package io.millrace.tasks;

import io.millrace.model.Label;
import io.millrace.model.execution.TaskRunStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A flowable's decision: children to create, or the state it ends in, plus what it wants to
 * remember ({@code plan}), expose ({@code outputs}) or wait for (a wake-up time, a pause, a subflow).
 */
public record FlowableStep(
    List<NextTaskRun> next,
    TaskRunStatus end,
    String error,
    Map<String, Object> outputs,
    Map<String, Object> plan,
    Instant wakeAt,
    PauseRequest pause,
    SubflowRequest subflow
) {

    public FlowableStep {
        next = next == null ? List.of() : List.copyOf(next);
    }

    /** Nothing to do until a child changes. */
    public static FlowableStep waiting() {
        return new FlowableStep(List.of(), null, null, null, null, null, null, null);
    }

    /** Create these children now. */
    public static FlowableStep next(List<NextTaskRun> next) {
        return new FlowableStep(next, null, null, null, null, null, null, null);
    }

    /** The flowable ends in {@code status}. */
    public static FlowableStep end(TaskRunStatus status) {
        return new FlowableStep(List.of(), status, null, null, null, null, null, null);
    }

    /** The flowable fails with a message for the user. */
    public static FlowableStep fail(String error) {
        return new FlowableStep(List.of(), TaskRunStatus.FAILED, error, null, null, null, null, null);
    }

    /** The flowable pauses until resumed, until {@code resumeAt}, or until {@code timeoutAt}. */
    public static FlowableStep pause(PauseRequest pause) {
        return new FlowableStep(List.of(), null, null, null, null, null, pause, null);
    }

    /** The flowable starts another flow's execution. */
    public static FlowableStep subflow(SubflowRequest request) {
        return new FlowableStep(List.of(), null, null, null, null, null, null, request);
    }

    public FlowableStep withOutputs(Map<String, Object> newOutputs) {
        return new FlowableStep(next, end, error, newOutputs, plan, wakeAt, pause, subflow);
    }

    public FlowableStep withPlan(Map<String, Object> newPlan) {
        return new FlowableStep(next, end, error, outputs, newPlan, wakeAt, pause, subflow);
    }

    /** Call {@code resolve} again at {@code at} even if no child changes. */
    public FlowableStep withWakeAt(Instant at) {
        return new FlowableStep(next, end, error, outputs, plan, at, pause, subflow);
    }

    public boolean isEnd() {
        return end != null;
    }

    /**
     * A pause: {@code resumeAt} resumes on its own, {@code timeoutAt} ends the pause in
     * {@code onTimeout} (or resumes when it is RUNNING); both null waits for a user.
     */
    public record PauseRequest(Instant resumeAt, Instant timeoutAt, TaskRunStatus onTimeout) {
    }

    /**
     * A child execution to start.
     *
     * @param outputs templates rendered against the child when it ends
     * @param waitForEnd whether the parent task run waits for the child's end
     */
    public record SubflowRequest(String namespace, String flowId, Integer revision, Map<String, Object> inputs,
                                 List<Label> labels, boolean waitForEnd, Map<String, Object> outputs,
                                 Instant scheduleDate) {
    }
}
