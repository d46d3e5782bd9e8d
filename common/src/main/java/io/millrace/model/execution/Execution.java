package io.millrace.model.execution;

import io.millrace.serde.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole execution: its header and every task run, in creation order. This is the shape users
 * see ({@link #toApiJson()} gives Kestra's: {@code id}, {@code state}, {@code taskRunList}…);
 * inside Millrace the two parts are stored apart.
 */
public record Execution(ExecutionHeader header, List<TaskRun> taskRuns) {

    public Execution {
        taskRuns = List.copyOf(taskRuns);
    }

    public static Execution of(ExecutionView view) {
        return new Execution(view.header(), view.taskRuns());
    }

    public String id() {
        return header.id();
    }

    public ExecutionStatus status() {
        return header.status();
    }

    /** Task runs of the task {@code taskId}, in creation order. */
    public List<TaskRun> taskRuns(String taskId) {
        List<TaskRun> list = new ArrayList<>();
        for (TaskRun r : taskRuns) {
            if (r.taskId().equals(taskId)) {
                list.add(r);
            }
        }
        return list;
    }

    /** The only task run of {@code taskId}; fails if there is none or several. */
    public TaskRun taskRun(String taskId) {
        List<TaskRun> list = taskRuns(taskId);
        if (list.size() != 1) {
            throw new IllegalStateException("expected one task run of " + taskId + ", found " + list.size());
        }
        return list.getFirst();
    }

    /** The task run of {@code taskId} for iteration value {@code value}. */
    public TaskRun taskRun(String taskId, String value) {
        for (TaskRun r : taskRuns) {
            if (r.taskId().equals(taskId) && value.equals(r.value())) {
                return r;
            }
        }
        throw new IllegalStateException("no task run of " + taskId + " for value " + value);
    }

    /** Kestra's execution JSON: the header's fields, with {@code taskRunList}. */
    public Map<String, Object> toApiJson() {
        Map<String, Object> json = new LinkedHashMap<>(Json.toMap(header));
        json.remove("taskRunCount");
        Object attemptNumber = json.remove("attemptNumber");
        json.put("metadata", Map.of("attemptNumber", attemptNumber == null ? 1 : attemptNumber,
            "originalCreatedDate", String.valueOf(header.state().startDate())));
        List<Object> list = new ArrayList<>(taskRuns.size());
        for (TaskRun r : taskRuns) {
            Map<String, Object> m = Json.toMap(r);
            m.remove("plan");
            m.remove("seq");
            list.add(m);
        }
        json.put("taskRunList", list);
        return json;
    }
}
