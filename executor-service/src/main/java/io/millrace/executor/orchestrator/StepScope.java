package io.millrace.executor.orchestrator;

import io.millrace.model.execution.ExecutionView;
import io.millrace.model.execution.TaskRun;
import io.millrace.runtime.Variables;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.Task;
import io.millrace.template.ValueRenderer;

import java.time.Instant;
import java.util.Map;

/** The {@link FlowableScope} a flowable (or the top level) resolves in, during one step. */
final class StepScope implements FlowableScope {

    private final ExecutionStep step;
    private final TaskRun parent;
    private final Task task;
    private final TaskRun trigger;
    private Map<String, Object> variables;

    StepScope(ExecutionStep step, TaskRun parent, Task task, TaskRun trigger) {
        this.step = step;
        this.parent = parent;
        this.task = task;
        this.trigger = trigger;
    }

    @Override
    public TaskRun parent() {
        return parent;
    }

    @Override
    public ExecutionView execution() {
        return step.state();
    }

    @Override
    public TaskRun trigger() {
        return trigger;
    }

    @Override
    public String render(String template) {
        return step.engine().render(template, variables());
    }

    @Override
    public Object renderValue(Object value) {
        return ValueRenderer.render(value, this::render);
    }

    @Override
    public Instant now() {
        return step.now();
    }

    private Map<String, Object> variables() {
        if (variables == null) {
            if (parent == null) {
                variables = Variables.forExecution(step.flow(), step.state());
            } else {
                variables = Variables.forTask(step.flow(), step.state(), task, parent);
            }
        }
        return variables;
    }
}
