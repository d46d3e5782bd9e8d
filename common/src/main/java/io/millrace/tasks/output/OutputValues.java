package io.millrace.tasks.output;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.tasks.TaskOutcome;

import java.util.Map;

/** Renders a map of values and exposes it as {@code outputs.<id>.values}. */
@Plugin(id = "io.millrace.core.output.OutputValues",
    aliases = {"io.kestra.plugin.core.output.OutputValues", "io.kestra.core.tasks.outputs.OutputValues"},
    title = "Render named values and expose them as outputs.<id>.values.",
    example = """
        id: meta
        type: io.millrace.core.output.OutputValues
        values:
          owner: data-team
          run: "{{ execution.id }}"
        """)
public final class OutputValues extends Task implements RunnableTask {

    @Prop(value = "The values, each rendered (nested maps and lists too).", dynamic = true)
    private Map<String, Object> values;

    @Override
    public TaskOutcome run(RunContext context) {
        return TaskOutcome.of(Map.of("values", context.renderMap(values)));
    }
}
