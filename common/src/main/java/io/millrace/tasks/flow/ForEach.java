package io.millrace.tasks.flow;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.Task;

import java.util.List;

/** Runs its tasks once per value; each value's tasks run in sequence, {@code concurrencyLimit} values at once. */
@Plugin(id = "io.millrace.core.flow.ForEach",
    aliases = {"io.kestra.plugin.core.flow.ForEach", "io.kestra.core.tasks.flows.ForEach"},
    title = "Run tasks once per value of a list, one value at a time or several at once.",
    example = """
        id: per-region
        type: io.millrace.core.flow.ForEach
        values: ["eu", "us", "asia"]
        concurrencyLimit: 2
        tasks:
          - id: report
            type: io.millrace.core.log.Log
            message: "region {{ taskrun.value }}"
        """)
public final class ForEach extends BlockTask {

    @Prop(value = "The values: a list, or a string rendering to a JSON array.", required = true, dynamic = true)
    private Object values;

    @Prop("How many values run at once: 1 (default) one after the other, 0 all at once.")
    private Integer concurrencyLimit;

    @Prop(value = "The tasks run for each value (in sequence); {{ taskrun.value }} is the value.", required = true)
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
        int limit = concurrencyLimit == null ? 1 : concurrencyLimit;
        return Iterations.resolve(scope, values, "values", tasks, errors, finallyTasks, limit, false);
    }
}
