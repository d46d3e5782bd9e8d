package io.millrace.tasks.log;

import io.millrace.model.LogLevel;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.tasks.TaskOutcome;

import java.util.List;

/** Writes a message (or several) to the execution's logs. */
@Plugin(id = "io.millrace.core.log.Log",
    aliases = {"io.kestra.plugin.core.log.Log", "io.kestra.core.tasks.log.Log"},
    title = "Write one or more messages to the execution logs.",
    example = """
        id: hello
        type: io.millrace.core.log.Log
        level: WARN
        message: "Processing {{ inputs.file }}"
        """)
public final class Log extends Task implements RunnableTask {

    @Prop(value = "The message, or a list of messages (one log line each).", required = true, dynamic = true)
    private Object message;

    @Prop("Level of the log lines (default INFO).")
    private LogLevel level;

    @Override
    public TaskOutcome run(RunContext context) {
        LogLevel l = level == null ? LogLevel.INFO : level;
        if (message instanceof List<?> list) {
            for (Object item : list) {
                context.logger().log(l, context.render(String.valueOf(item)));
            }
        } else if (message != null) {
            context.logger().log(l, context.render(String.valueOf(message)));
        }
        return TaskOutcome.none();
    }
}
