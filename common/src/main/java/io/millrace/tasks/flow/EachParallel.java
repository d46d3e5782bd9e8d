package io.millrace.tasks.flow;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.Task;

import java.util.List;

/**
 * The older parallel loop: every task of every value runs side by side (wrap tasks in a
 * Sequential to keep their order), at most {@code concurrent} values at once.
 */
@Plugin(id = "io.millrace.core.flow.EachParallel",
    aliases = {"io.kestra.plugin.core.flow.EachParallel", "io.kestra.core.tasks.flows.EachParallel"},
    title = "Run tasks for every value side by side (older form of ForEach with concurrencyLimit: 0).",
    example = """
        id: each
        type: io.millrace.core.flow.EachParallel
        value: ["a", "b"]
        tasks:
          - id: show
            type: io.millrace.core.log.Log
            message: "{{ taskrun.value }}"
        """)
public final class EachParallel extends BlockTask {

    @Prop(value = "The values: a list, or a string rendering to a JSON array.", required = true, dynamic = true)
    private Object value;

    @Prop("How many values run at once (0, the default: all).")
    private Integer concurrent;

    @Prop(value = "The tasks run for each value, side by side.", required = true)
    private List<Task> tasks;

    @Override
    protected List<Task> mainTasks() {
        return Children.of(tasks);
    }

    @Override
    public boolean introducesValue(Task child) {
        return tasks != null && tasks.contains(child);
    }

    @Override
    public FlowableStep resolve(FlowableScope scope) {
        int limit = concurrent == null ? 0 : concurrent;
        return Iterations.resolve(scope, value, "value", tasks, errors, finallyTasks, limit, true);
    }
}
