package io.millrace.tasks.flow;

import io.millrace.model.execution.TaskRunStatus;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.Task;

import java.util.List;

/** Runs its tasks in sequence; if they fail, it ends in WARNING so the flow goes on. */
@Plugin(id = "io.millrace.core.flow.AllowFailure",
    aliases = {"io.kestra.plugin.core.flow.AllowFailure", "io.kestra.core.tasks.flows.AllowFailure"},
    title = "Run tasks in sequence and turn their failure into a warning.",
    example = """
        id: best-effort
        type: io.millrace.core.flow.AllowFailure
        tasks:
          - id: flaky
            type: io.millrace.core.execution.Fail
        errors:
          - id: note
            type: io.millrace.core.log.Log
            message: flaky failed, going on
        """)
public final class AllowFailure extends BlockTask {

    @Prop(value = "The tasks, run in order.", required = true)
    private List<Task> tasks;

    @Override
    protected List<Task> mainTasks() {
        return Children.of(tasks);
    }

    @Override
    public FlowableStep resolve(FlowableScope scope) {
        FlowableStep step = Blocks.sequential(scope, tasks, errors, finallyTasks);
        // a kill is not a failure to tolerate: only FAILED becomes WARNING
        if (step.end() == TaskRunStatus.FAILED) {
            return FlowableStep.end(TaskRunStatus.WARNING);
        }
        return step;
    }
}
