package io.millrace.tasks.flow;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.FlowableTask;
import io.millrace.tasks.Task;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Runs its tasks one after the other; used to group tasks and give them local errors. */
@Plugin(id = "io.millrace.core.flow.Sequential",
    aliases = {"io.kestra.plugin.core.flow.Sequential", "io.kestra.core.tasks.flows.Sequential"},
    title = "Run tasks one after the other, with their own errors and finally branches.",
    example = """
        id: steps
        type: io.millrace.core.flow.Sequential
        tasks:
          - id: first
            type: io.millrace.core.log.Log
            message: one
          - id: second
            type: io.millrace.core.log.Log
            message: two
        errors:
          - id: on-error
            type: io.millrace.core.log.Log
            message: a step failed
        """)
public final class Sequential extends Task implements FlowableTask {

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
        return Blocks.sequential(scope, tasks, errors, finallyTasks);
    }
}
