package io.millrace.tasks.debug;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.tasks.TaskOutcome;

import java.util.HashMap;
import java.util.Map;

/** Renders a string and exposes it as {@code outputs.<id>.value}. */
@Plugin(id = "io.millrace.core.debug.Return",
    aliases = {"io.kestra.plugin.core.debug.Return", "io.kestra.core.tasks.debugs.Return"},
    title = "Render a value and return it as the task's output 'value'.",
    example = """
        id: greeting
        type: io.millrace.core.debug.Return
        format: "Hello {{ inputs.name }}"
        """)
public final class Return extends Task implements RunnableTask {

    @Prop(value = "The text to render.", dynamic = true)
    private String format;

    @Override
    public TaskOutcome run(RunContext context) {
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("value", context.render(format));
        return TaskOutcome.of(outputs);
    }
}
