package io.millrace.tasks.execution;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.tasks.TaskFailure;
import io.millrace.tasks.TaskOutcome;
import io.millrace.util.Truth;

/** Fails the task run, always or when a condition holds. */
@Plugin(id = "io.millrace.core.execution.Fail",
    aliases = {"io.kestra.plugin.core.execution.Fail", "io.kestra.core.tasks.executions.Fail"},
    title = "Fail the execution, always or when a condition renders truthy.",
    example = """
        id: guard
        type: io.millrace.core.execution.Fail
        condition: "{{ outputs.count.value == 0 }}"
        errorMessage: "no rows loaded"
        """)
public final class Fail extends Task implements RunnableTask {

    @Prop(value = "Fail only when this renders truthy (default: always fail).", dynamic = true)
    private String condition;

    @Prop(value = "The error message (default 'Task failure').", dynamic = true)
    private String errorMessage;

    @Override
    public TaskOutcome run(RunContext context) {
        if (condition != null && !Truth.isTruthy(context.render(condition))) {
            return TaskOutcome.none();
        }
        String message = errorMessage == null ? "Task failure" : context.render(errorMessage);
        throw new TaskFailure(message);
    }
}
