package io.millrace.tasks.flow;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
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
public final class Parallel extends BlockTask {

    @Prop(value = "The tasks, started together.", required = true)
    private List<Task> tasks;

    @Prop("How many tasks may run at once (0, the default: all).")
    private Integer concurrent;

    @Override
    protected List<Task> mainTasks() {
        return Children.of(tasks);
    }

    @Override
    public FlowableStep resolve(FlowableScope scope) {
        return Blocks.parallel(scope, tasks, concurrent == null ? 0 : concurrent, errors, finallyTasks);
    }
}
