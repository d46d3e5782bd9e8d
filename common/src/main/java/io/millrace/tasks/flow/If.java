package io.millrace.tasks.flow;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.Task;
import io.millrace.util.Truth;

import java.util.List;
import java.util.Map;

/** Runs {@code then} when the condition renders truthy, else {@code else}. */
@Plugin(id = "io.millrace.core.flow.If",
    aliases = {"io.kestra.plugin.core.flow.If", "io.kestra.core.tasks.flows.If"},
    title = "Run one branch or the other depending on a condition.",
    example = """
        id: check
        type: io.millrace.core.flow.If
        condition: "{{ inputs.notify }}"
        then:
          - id: notify
            type: io.millrace.core.log.Log
            message: notifying
        else:
          - id: quiet
            type: io.millrace.core.log.Log
            message: staying quiet
        """)
public final class If extends BlockTask {

    static final String BRANCH = "branch";

    @Prop(value = "Rendered once when the task starts; false, 0, -0 and empty are false, anything else true.",
        required = true, dynamic = true)
    private String condition;

    @Prop(value = "Tasks run when the condition is true.", required = true)
    private List<Task> then;

    @Prop("Tasks run when the condition is false.")
    @JsonProperty("else")
    private List<Task> elseTasks;

    @Override
    protected List<Task> mainTasks() {
        return Children.of(then, elseTasks);
    }

    @Override
    public FlowableStep resolve(FlowableScope scope) {
        Map<String, Object> plan = scope.parent().plan();
        if (plan == null || !plan.containsKey(BRANCH)) {
            boolean truthy = Truth.isTruthy(scope.render(condition));
            return Blocks.sequential(scope, truthy ? then : elseTasks, errors, finallyTasks)
                .withPlan(Map.of(BRANCH, truthy ? "then" : "else"));
        }
        List<Task> branch = "then".equals(plan.get(BRANCH)) ? then : elseTasks;
        return Blocks.sequential(scope, branch, errors, finallyTasks);
    }
}
