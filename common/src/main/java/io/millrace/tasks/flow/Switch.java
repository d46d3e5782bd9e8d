package io.millrace.tasks.flow;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the tasks of the case matching the rendered value, or {@code defaults}. */
@Plugin(id = "io.millrace.core.flow.Switch",
    aliases = {"io.kestra.plugin.core.flow.Switch", "io.kestra.core.tasks.flows.Switch"},
    title = "Run the branch whose case matches a value, or the defaults.",
    example = """
        id: route
        type: io.millrace.core.flow.Switch
        value: "{{ inputs.kind }}"
        cases:
          csv:
            - id: parse-csv
              type: io.millrace.core.log.Log
              message: csv
          json:
            - id: parse-json
              type: io.millrace.core.log.Log
              message: json
        defaults:
          - id: unknown
            type: io.millrace.core.execution.Fail
            errorMessage: "unknown kind"
        """)
public final class Switch extends BlockTask {

    static final String CASE = "case";
    static final String VALUE = "value";

    @Prop(value = "Rendered once when the task starts and compared with the case names.", required = true, dynamic = true)
    private String value;

    @Prop("Tasks per case name.")
    private Map<String, List<Task>> cases;

    @Prop("Tasks run when no case matches.")
    private List<Task> defaults;

    @Override
    protected List<Task> mainTasks() {
        List<Task> all = new ArrayList<>();
        if (cases != null) {
            cases.values().forEach(l -> {
                if (l != null) {
                    all.addAll(l);
                }
            });
        }
        return Children.of(all, defaults);
    }

    /**
     * Children carry the rendered value as their {@code taskrun.value} (Kestra flows read it there);
     * their outputs are not nested under it, since a switch does not iterate.
     */
    @Override
    public FlowableStep resolve(FlowableScope scope) {
        Map<String, Object> plan = scope.parent().plan();
        if (plan == null || !plan.containsKey(VALUE)) {
            String rendered = scope.render(value);
            boolean matched = cases != null && cases.containsKey(rendered);
            Map<String, Object> newPlan = new LinkedHashMap<>();
            newPlan.put(VALUE, rendered);
            newPlan.put(CASE, matched ? rendered : null);
            Map<String, Object> outputs = new LinkedHashMap<>();
            outputs.put("value", rendered);
            outputs.put("defaults", !matched);
            return Blocks.sequential(scope, branch(matched ? rendered : null), errors, finallyTasks, rendered)
                .withPlan(newPlan).withOutputs(outputs);
        }
        return Blocks.sequential(scope, branch((String) plan.get(CASE)), errors, finallyTasks, (String) plan.get(VALUE));
    }

    private List<Task> branch(String matchedCase) {
        return matchedCase == null ? defaults : cases.get(matchedCase);
    }
}
