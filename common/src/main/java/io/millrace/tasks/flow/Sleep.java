package io.millrace.tasks.flow;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.tasks.TaskOutcome;

import java.time.Duration;

/** Waits for a duration on a worker (interruptible by kill and timeout). */
@Plugin(id = "io.millrace.core.flow.Sleep",
    aliases = {"io.kestra.plugin.core.flow.Sleep", "io.kestra.core.tasks.flows.Sleep"},
    title = "Wait for a duration.",
    example = """
        id: wait
        type: io.millrace.core.flow.Sleep
        duration: PT30S
        """)
public final class Sleep extends Task implements RunnableTask {

    @Prop(value = "How long to wait (ISO-8601 duration).", required = true)
    private Duration duration;

    @Override
    public TaskOutcome run(RunContext context) throws InterruptedException {
        Thread.sleep(duration);
        return TaskOutcome.none();
    }
}
