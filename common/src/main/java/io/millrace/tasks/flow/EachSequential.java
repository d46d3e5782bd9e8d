package io.millrace.tasks.flow;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.Task;

import java.util.List;

/** The older name of a sequential ForEach, with its {@code value} property; kept so existing flows run. */
@Plugin(id = "io.millrace.core.flow.EachSequential",
    aliases = {"io.kestra.plugin.core.flow.EachSequential", "io.kestra.core.tasks.flows.EachSequential"},
    title = "Run tasks once per value, one value after the other (older form of ForEach).",
    example = """
        id: each
        type: io.millrace.core.flow.EachSequential
        value: ["a", "b"]
        tasks:
          - id: show
            type: io.millrace.core.log.Log
            message: "{{ taskrun.value }}"
        """)
public final class EachSequential extends BlockTask {

    @Prop(value = "The values: a list, or a string rendering to a JSON array.", required = true, dynamic = true)
    private Object value;

    @Prop(value = "The tasks run for each value.", required = true)
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
        return Iterations.resolve(scope, value, "value", tasks, errors, finallyTasks, 1, false);
    }
}
