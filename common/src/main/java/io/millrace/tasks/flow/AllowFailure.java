package io.millrace.tasks.flow;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.FlowableTask;
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
public final class AllowFailure extends Task implements FlowableTask {

    @Prop(value = "The tasks, run in order.", required = true)
    private List<Task> tasks;

    @Prop("Tasks run when one of the tasks fails.")
    private List<Task> errors;

    @Prop("Tasks run at the end, whatever the outcome.")
    @JsonProperty("finally")
    private List<Task> finallyTasks;

    @Override
    public List<Task> errorBranch() {
        return errors == null ? List.of() : errors;
    }

    @Override
    public List<Task> finallyBranch() {
        return finallyTasks == null ? List.of() : finallyTasks;
    }

    @Override
    public List<Task> allChildTasks() {
        return Children.of(tasks, errors, finallyTasks);
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
