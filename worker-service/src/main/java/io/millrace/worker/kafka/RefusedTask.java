package io.millrace.worker.kafka;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.plugin.Catalogue;
import io.millrace.plugin.PluginDescriptor;
import io.millrace.plugin.PluginKind;
import io.millrace.serde.Json;
import io.millrace.serde.Suggestions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A record of {@code worker_tasks} whose task this worker cannot bind (a type missing from its
 * catalogue: a plugin it lacks, or a newer executor; or a shape it does not read) but whose task run
 * can still be told, read leniently from the JSON. The worker reports that attempt FAILED, saying
 * why, so the task run ends instead of staying RUNNING for ever; only a record without even these
 * ids is a dead letter.
 */
record RefusedTask(String executionId, String namespace, String flowId, String taskId, String taskRunId,
                   int attempt, String type) {

    /** The longest error text of a task that cannot be read that the message keeps. */
    static final int MAX_ERROR_CHARS = 2_000;

    /** The ids of the record's task run and its task's type, or null when not even the ids can be read. */
    static RefusedTask read(byte[] record) {
        JsonNode value;
        try {
            value = Json.mapper().readTree(record).path("value");
        } catch (JacksonException e) {
            return null;
        }
        JsonNode run = value.path("taskRun");
        JsonNode task = value.path("task");
        String executionId = text(run, "executionId");
        String taskRunId = text(run, "id");
        int attempt = run.path("attempts").isArray() ? run.path("attempts").size() : 0;
        if (executionId == null || taskRunId == null || attempt < 1) {
            return null;
        }
        String taskId = text(run, "taskId");
        return new RefusedTask(executionId, text(run, "namespace"), text(run, "flowId"),
            taskId != null ? taskId : text(task, "id"), taskRunId, attempt, text(task, "type"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() ? v.asString() : null;
    }

    /** Why worker {@code workerId} cannot run the task; {@code error} is what reading it said. */
    String reason(String workerId, String error) {
        if (type != null && Catalogue.get().find(PluginKind.TASK, type) == null) {
            return "task type '" + type + "' is not known to worker " + workerId
                + " (a plugin this worker lacks, or a task of a newer Millrace)"
                + Suggestions.didYouMean(type, knownTypes());
        }
        String e = error == null ? "unreadable" : error;
        return "task " + taskId + " cannot be read by worker " + workerId + ": "
            + (e.length() > MAX_ERROR_CHARS ? e.substring(0, MAX_ERROR_CHARS) + "…" : e);
    }

    private static List<String> knownTypes() {
        List<String> names = new ArrayList<>();
        for (PluginDescriptor d : Catalogue.get().all(PluginKind.TASK)) {
            names.add(d.id());
            names.addAll(d.aliases());
        }
        return names;
    }

    /** The attempt's result: FAILED with {@code reason}. */
    WorkerTaskResult failed(String reason, String workerId, Instant now) {
        return new WorkerTaskResult(executionId, taskRunId, attempt, TaskRunStatus.FAILED, null, reason, now, now,
            workerId);
    }

    /** The reason as an ERROR line of the task run's logs. */
    LogEntry log(String reason, Instant now) {
        return new LogEntry(namespace, flowId, executionId, taskId, taskRunId, attempt, now, LogLevel.ERROR, reason,
            "worker");
    }
}
