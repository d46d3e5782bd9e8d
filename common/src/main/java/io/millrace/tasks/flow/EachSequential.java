package io.millrace.tasks.flow;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.FlowableTask;
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
public final class EachSequential extends Task implements FlowableTask {

    @Prop(value = "The values: a list, or a string rendering to a JSON array.", required = true, dynamic = true)
    private Object value;

    @Prop(value = "The tasks run for each value.", required = true)
    private List<Task> tasks;

    @Prop("Tasks run when a task fails.")
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
    public boolean introducesValue(Task child) {
        return tasks != null && tasks.contains(child);
    }

    @Override
    public FlowableStep resolve(FlowableScope scope) {
        return Iterations.resolve(scope, value, "value", tasks, errors, finallyTasks, 1, false);
    }
}
