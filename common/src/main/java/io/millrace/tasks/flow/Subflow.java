package io.millrace.tasks.flow;

import io.millrace.model.Label;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.serde.LabelsDeserializer;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.FlowableTask;
import io.millrace.tasks.Task;
import tools.jackson.databind.annotation.JsonDeserialize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts an execution of another flow and (by default) waits for it: the task run ends with the
 * child's state and exposes its id, state and the {@code outputs} rendered against the child.
 */
@Plugin(id = "io.millrace.core.flow.Subflow",
    aliases = {"io.kestra.plugin.core.flow.Subflow", "io.kestra.core.tasks.flows.Subflow",
        "io.kestra.core.tasks.flows.Flow", "io.kestra.plugin.core.flow.Flow"},
    title = "Start an execution of another flow, wait for it and read its outputs.",
    example = """
        id: load
        type: io.millrace.core.flow.Subflow
        namespace: company.data
        flowId: load-table
        inputs:
          table: orders
        outputs:
          rows: "{{ outputs.count.value }}"
        """)
public final class Subflow extends Task implements FlowableTask {

    /** Plan keys the orchestrator fills in when the child ends. */
    public static final String CHILD_ID = "executionId";
    public static final String CHILD_STATE = "childState";
    public static final String CHILD_OUTPUTS = "childOutputs";
    public static final String OUTPUTS_ERROR = "outputsError";
    public static final String CHILD_ERROR = "childError";
    static final String REQUESTED = "requested";

    @Prop(value = "Namespace of the flow to start.", required = true, dynamic = true)
    private String namespace;

    @Prop(value = "Id of the flow to start.", required = true, dynamic = true)
    private String flowId;

    @Prop("Revision to start (default: the latest).")
    private Integer revision;

    @Prop(value = "Inputs of the child execution.", dynamic = true)
    private Map<String, Object> inputs;

    @Prop(value = "Labels added to the child execution.", dynamic = true)
    @JsonDeserialize(using = LabelsDeserializer.class)
    private List<Label> labels;

    @Prop("Wait for the child to end (default true).")
    private Boolean wait;

    @Prop("Fail this task when the child fails or is killed (default true; needs wait).")
    private Boolean transmitFailed;

    @Prop("Copy this execution's labels to the child (default false).")
    private Boolean inheritLabels;

    @Prop(value = "Values rendered against the child execution when it ends, exposed as outputs.", dynamic = true)
    private Map<String, Object> outputs;

    @Override
    public List<Task> allChildTasks() {
        return List.of();
    }

    public boolean isWait() {
        return wait == null || wait;
    }

    public boolean isTransmitFailed() {
        return transmitFailed == null || transmitFailed;
    }

    public boolean isInheritLabels() {
        return Boolean.TRUE.equals(inheritLabels);
    }

    @Override
    @SuppressWarnings("unchecked")
    public FlowableStep resolve(FlowableScope scope) {
        Map<String, Object> plan = scope.parent().plan();
        if (plan == null || !plan.containsKey(REQUESTED)) {
            List<Label> rendered = new ArrayList<>();
            if (labels != null) {
                for (Label l : labels) {
                    rendered.add(new Label(scope.render(l.key()), scope.render(l.value())));
                }
            }
            FlowableStep.SubflowRequest request = new FlowableStep.SubflowRequest(
                scope.render(namespace), scope.render(flowId), revision,
                inputs == null ? Map.of() : (Map<String, Object>) scope.renderValue(inputs),
                rendered, isWait(), outputs, null);
            return FlowableStep.subflow(request).withPlan(Map.of(REQUESTED, true));
        }
        Object state = plan.get(CHILD_STATE);
        if (state == null) {
            return FlowableStep.waiting();
        }
        ExecutionStatus childState = ExecutionStatus.valueOf((String) state);
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> childOutputs = (Map<String, Object>) plan.get(CHILD_OUTPUTS);
        if (childOutputs != null) {
            // exposed both flat (outputs.<task>.<name>) and nested (outputs.<task>.outputs.<name>)
            result.putAll(childOutputs);
            result.put("outputs", childOutputs);
        }
        result.put("executionId", plan.get(CHILD_ID));
        result.put("state", childState.name());
        if (plan.get(CHILD_ERROR) != null) {
            // the child could not start, or was aborted: a broken call, whatever transmitFailed says
            return FlowableStep.fail("subflow execution " + plan.get(CHILD_ID) + " failed: " + plan.get(CHILD_ERROR))
                .withOutputs(result);
        }
        if (plan.get(OUTPUTS_ERROR) != null) {
            return FlowableStep.fail("outputs of subflow " + plan.get(CHILD_ID) + " cannot be rendered: "
                + plan.get(OUTPUTS_ERROR)).withOutputs(result);
        }
        TaskRunStatus end = switch (childState) {
            case SUCCESS -> TaskRunStatus.SUCCESS;
            case WARNING -> TaskRunStatus.WARNING;
            case KILLED -> isTransmitFailed() ? TaskRunStatus.KILLED : TaskRunStatus.SUCCESS;
            default -> isTransmitFailed() ? TaskRunStatus.FAILED : TaskRunStatus.SUCCESS;
        };
        FlowableStep step = end == TaskRunStatus.FAILED
            ? FlowableStep.fail("subflow execution " + plan.get(CHILD_ID) + " ended in " + childState)
            : FlowableStep.end(end);
        return step.withOutputs(result);
    }
}
