package io.millrace.tasks.debug;

import io.millrace.model.LogLevel;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.tasks.TaskOutcome;

/** Logs a rendered string (older form of Log). */
@Plugin(id = "io.millrace.core.debug.Echo",
    aliases = {"io.kestra.plugin.core.debug.Echo", "io.kestra.core.tasks.debugs.Echo"},
    title = "Log a rendered message (older form of Log).",
    example = """
        id: echo
        type: io.millrace.core.debug.Echo
        format: "{{ task.id }} ran"
        """)
public final class Echo extends Task implements RunnableTask {

    @Prop(value = "The text to render and log.", required = true, dynamic = true)
    private String format;

    @Prop("Level of the log line (default INFO).")
    private LogLevel level;

    @Override
    public TaskOutcome run(RunContext context) {
        context.logger().log(level == null ? LogLevel.INFO : level, context.render(format));
        return TaskOutcome.none();
    }
}
