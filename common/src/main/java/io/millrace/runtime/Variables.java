package io.millrace.runtime;

import io.millrace.model.Flow;
import io.millrace.model.Label;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionView;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.tasks.FlowableTask;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.template.TemplateEngine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the variables templates see — {@code flow}, {@code execution}, {@code task},
 * {@code taskrun}, {@code parent}/{@code parents}, {@code inputs}, {@code outputs}, {@code vars},
 * {@code labels}, {@code trigger} — as plain JSON-like values (a snapshot, safe to send to a worker).
 * {@code envs} and secrets are worker-local and added by the {@link DefaultRunContext}.
 */
public final class Variables {

    /** Variable holding the error summaries read by the {@code errorLogs()} function. */
    public static final String ERROR_LOGS = TemplateEngine.ERROR_LOGS_VARIABLE;

    private Variables() {
    }

    /** Variables for the templates of {@code task} in {@code taskRun}, with the outputs its templates use. */
    public static Map<String, Object> forTask(Flow flow, ExecutionView execution, Task task, TaskRun taskRun) {
        TemplateUsage usage = TemplateUsage.of(task);
        Map<String, Object> vars = base(flow, execution, usage);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", task.id());
        t.put("type", task.type());
        vars.put("task", t);
        vars.put("taskrun", taskRunVariables(taskRun, task instanceof RunnableTask));
        List<Map<String, Object>> parents = parents(execution, taskRun);
        vars.put("parents", parents);
        if (!parents.isEmpty()) {
            vars.put("parent", parents.getFirst());
        }
        return vars;
    }

    /** Variables at execution level (flow outputs, subflow outputs): everything but task and taskrun. */
    public static Map<String, Object> forExecution(Flow flow, ExecutionView execution) {
        return base(flow, execution, TemplateUsage.ALL);
    }

    private static Map<String, Object> base(Flow flow, ExecutionView execution, TemplateUsage usage) {
        ExecutionHeader h = execution.header();
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", flow.id());
        f.put("namespace", flow.namespace());
        f.put("revision", flow.revision());
        vars.put("flow", f);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", h.id());
        e.put("startDate", String.valueOf(h.state().startDate()));
        e.put("state", h.status().name());
        e.put("originalId", h.originalId() == null ? h.id() : h.originalId());
        if (h.scheduleDate() != null) {
            e.put("scheduleDate", h.scheduleDate().toString());
        }
        vars.put("execution", e);
        vars.put("inputs", h.inputs());
        vars.put("vars", flow.variables());
        Map<String, Object> labels = new LinkedHashMap<>();
        for (Label l : h.labels()) {
            labels.put(l.key(), l.value());
        }
        vars.put("labels", labels);
        if (h.trigger() != null) {
            Map<String, Object> trig = new LinkedHashMap<>();
            if (h.trigger().variables() != null) {
                trig.putAll(h.trigger().variables());
            }
            vars.put("trigger", trig);
        }
        vars.put("outputs", outputs(flow, execution, usage));
        if (usage.errorLogs()) {
            vars.put(ERROR_LOGS, errorLogs(execution));
        }
        return vars;
    }

    /** The {@code taskrun} variable. */
    static Map<String, Object> taskRunVariables(TaskRun r, boolean runnable) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("startDate", String.valueOf(r.state().startDate()));
        // the attempt being run is already counted in attempts: attemptsCount is the number before it
        int attempts = r.attempts().size();
        m.put("attemptsCount", runnable ? Math.max(0, attempts - 1) : attempts);
        if (r.value() != null) {
            m.put("value", r.value());
        }
        if (r.parentTaskRunId() != null) {
            m.put("parentId", r.parentTaskRunId());
        }
        if (r.iteration() != null) {
            m.put("iteration", r.iteration());
        }
        return m;
    }

    /** Ancestors of {@code taskRun}, nearest first, each as {@code {taskrun: {id, value, taskId}}}. */
    private static List<Map<String, Object>> parents(ExecutionView execution, TaskRun taskRun) {
        List<Map<String, Object>> list = new ArrayList<>();
        String parentId = taskRun.parentTaskRunId();
        while (parentId != null) {
            TaskRun p = execution.taskRun(parentId);
            if (p == null) {
                break;
            }
            Map<String, Object> tr = new LinkedHashMap<>();
            tr.put("id", p.id());
            tr.put("taskId", p.taskId());
            if (p.value() != null) {
                tr.put("value", p.value());
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("taskrun", tr);
            if (p.outputs() != null) {
                entry.put("outputs", p.outputs());
            }
            list.add(entry);
            parentId = p.parentTaskRunId();
        }
        return list;
    }

    /**
     * The {@code outputs} variable: outputs by task id, nested by the iteration values their loops
     * introduced ({@code outputs.t['v1']['v2'].value}); later runs of a task override earlier ones.
     */
    static Map<String, Object> outputs(Flow flow, ExecutionView execution, TemplateUsage usage) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (usage.outputTaskIds() != null) {
            for (String taskId : usage.outputTaskIds()) {
                addOutputsOf(flow, execution, taskId, result);
            }
        } else {
            for (TaskRun r : execution.taskRuns()) {
                if (r.outputs() != null) {
                    putAtPath(result, r.taskId(), valuePath(flow, execution, r), r.outputs());
                }
            }
        }
        return result;
    }

    private static void addOutputsOf(Flow flow, ExecutionView execution, String taskId, Map<String, Object> result) {
        for (TaskRun r : execution.runsOfTask(taskId)) {
            if (r.outputs() != null) {
                putAtPath(result, taskId, valuePath(flow, execution, r), r.outputs());
            }
        }
    }

    /** The iteration values introduced along the chain from the top level down to {@code r}. */
    static List<String> valuePath(Flow flow, ExecutionView execution, TaskRun r) {
        List<String> path = new ArrayList<>(2);
        for (TaskRun cur = r; cur != null && cur.parentTaskRunId() != null; ) {
            TaskRun parent = execution.taskRun(cur.parentTaskRunId());
            if (parent == null) {
                break;
            }
            if (cur.value() != null && flow.task(parent.taskId()) instanceof FlowableTask f
                && f.introducesValue(flow.task(cur.taskId()))) {
                path.addFirst(cur.value());
            }
            cur = parent;
        }
        return path;
    }

    /**
     * Puts one run's outputs at its place. Every map above the leaves is created here, so it can be
     * changed in place; the runs' own output maps are never modified.
     */
    @SuppressWarnings("unchecked")
    private static void putAtPath(Map<String, Object> result, String taskId, List<String> path,
                                  Map<String, Object> outputs) {
        if (path.isEmpty()) {
            Map<String, Object> merged = result.get(taskId) instanceof Map<?, ?> m
                ? (Map<String, Object>) m : new LinkedHashMap<>();
            merged.putAll(outputs);
            result.put(taskId, merged);
            return;
        }
        Map<String, Object> cur = (Map<String, Object>) result.computeIfAbsent(taskId, k -> new LinkedHashMap<>());
        for (int i = 0; i < path.size() - 1; i++) {
            cur = (Map<String, Object>) cur.computeIfAbsent(path.get(i), k -> new LinkedHashMap<>());
        }
        cur.put(path.getLast(), outputs);
    }

    /** Summaries of the failed task runs, for {@code errorLogs()}. */
    private static List<Map<String, Object>> errorLogs(ExecutionView execution) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (TaskRun r : execution.taskRuns()) {
            if (r.status() == TaskRunStatus.FAILED && r.error() != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("taskId", r.taskId());
                m.put("taskRunId", r.id());
                m.put("level", "ERROR");
                m.put("message", r.error());
                Object end = r.state().endDate();
                if (end != null) {
                    m.put("timestamp", end.toString());
                }
                list.add(m);
            }
        }
        return list;
    }
}
