package io.millrace.tasks.flow;

import io.millrace.model.execution.TaskRunStatus;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Pauses the execution until a user resumes it, a delay elapses, or a timeout ends the pause;
 * then runs its (optional) tasks.
 */
@Plugin(id = "io.millrace.core.flow.Pause",
    aliases = {"io.kestra.plugin.core.flow.Pause", "io.kestra.core.tasks.flows.Pause"},
    title = "Pause the execution until resumed by a user, after a delay, or until a timeout.",
    example = """
        id: approval
        type: io.millrace.core.flow.Pause
        timeout: PT24H
        """)
public final class Pause extends BlockTask {

    static final String PAUSED = "paused";

    /** What happens when {@code pauseDuration} elapses. */
    public enum Behavior { RESUME, WARN, FAIL, CANCEL }

    @Prop("Resume on its own after this duration (older form of pauseDuration).")
    private Duration delay;

    @Prop("How long the pause lasts before 'behavior' applies.")
    private Duration pauseDuration;

    @Prop("What happens when pauseDuration elapses: RESUME (default), WARN, FAIL or CANCEL.")
    private Behavior behavior;

    @Prop("Tasks run once the pause is over.")
    private List<Task> tasks;

    @Override
    protected List<Task> mainTasks() {
        return Children.of(tasks);
    }

    @Override
    public FlowableStep resolve(FlowableScope scope) {
        Map<String, Object> plan = scope.parent().plan();
        if (plan == null || !plan.containsKey(PAUSED)) {
            return FlowableStep.pause(request(scope.now())).withPlan(Map.of(PAUSED, true));
        }
        return Blocks.sequential(scope, tasks, errors, finallyTasks);
    }

    private FlowableStep.PauseRequest request(Instant now) {
        if (pauseDuration != null) {
            Behavior b = behavior == null ? Behavior.RESUME : behavior;
            Instant at = now.plus(pauseDuration);
            return switch (b) {
                case RESUME -> new FlowableStep.PauseRequest(at, null, null);
                case WARN -> new FlowableStep.PauseRequest(null, at, TaskRunStatus.WARNING);
                case FAIL -> new FlowableStep.PauseRequest(null, at, TaskRunStatus.FAILED);
                case CANCEL -> new FlowableStep.PauseRequest(null, at, TaskRunStatus.KILLED);
            };
        }
        Instant resumeAt = delay == null ? null : now.plus(delay);
        Instant timeoutAt = timeout == null ? null : now.plus(timeout);
        return new FlowableStep.PauseRequest(resumeAt, timeoutAt, timeoutAt == null ? null : TaskRunStatus.FAILED);
    }
}
