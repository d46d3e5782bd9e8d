package io.millrace.tasks.flow;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.Task;

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
public final class Sequential extends BlockTask {

    @Prop(value = "The tasks, run in order.", required = true)
    private List<Task> tasks;

    @Override
    protected List<Task> mainTasks() {
        return Children.of(tasks);
    }

    @Override
    public FlowableStep resolve(FlowableScope scope) {
        return Blocks.sequential(scope, tasks, errors, finallyTasks);
    }
}
