package io.millrace.tasks.flow;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.FlowableTask;
import io.millrace.tasks.Task;

import java.util.List;

/** Runs its tasks side by side, at most {@code concurrent} at once. */
@Plugin(id = "io.millrace.core.flow.Parallel",
    aliases = {"io.kestra.plugin.core.flow.Parallel", "io.kestra.core.tasks.flows.Parallel"},
    title = "Run tasks side by side, optionally at most N at a time.",
    example = """
        id: fan-out
        type: io.millrace.core.flow.Parallel
        concurrent: 2
        tasks:
          - id: a
            type: io.millrace.core.log.Log
            message: a
          - id: b
            type: io.millrace.core.log.Log
            message: b
        """)
public final class Parallel extends Task implements FlowableTask {

    @Prop(value = "The tasks, started together.", required = true)
    private List<Task> tasks;

    @Prop("How many tasks may run at once (0, the default: all).")
    private Integer concurrent;

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
        return Blocks.parallel(scope, tasks, concurrent == null ? 0 : concurrent, errors, finallyTasks);
    }
}
