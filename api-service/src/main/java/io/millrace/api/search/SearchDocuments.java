package io.millrace.api.search;

import io.millrace.model.FlowRecord;
import io.millrace.model.Label;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.StateChange;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.trigger.TriggerState;
import io.millrace.serde.Json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records to search documents and back: the record under {@code record}, the searched fields beside it. */
public final class SearchDocuments {

    private SearchDocuments() {
    }

    public static Map<String, Object> execution(ExecutionHeader h) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("id", h.id());
        doc.put("namespace", h.namespace());
        doc.put("flowId", h.flowId());
        doc.put("state", h.status().name());
        doc.put("startDate", h.state().startDate() == null ? null : h.state().startDate().toString());
        doc.put("endDate", h.status().isTerminal() ? lastChange(h) : null);
        List<String> labels = new ArrayList<>();
        StringBuilder text = new StringBuilder(h.id()).append(' ').append(h.namespace()).append(' ').append(h.flowId());
        for (Label l : h.labels()) {
            labels.add(l.key() + ":" + l.value());
            text.append(' ').append(l.value());
        }
        doc.put("labels", labels);
        doc.put("text", text.toString());
        doc.put("record", Json.toMap(h));
        return doc;
    }

    private static String lastChange(ExecutionHeader h) {
        List<StateChange<io.millrace.model.execution.ExecutionStatus>> history = h.state().histories();
        return history.isEmpty() ? null : String.valueOf(history.getLast().date());
    }

    public static Map<String, Object> taskRun(TaskRun r) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("id", r.id());
        doc.put("executionId", r.executionId());
        doc.put("taskId", r.taskId());
        doc.put("seq", r.seq());
        doc.put("state", r.state().current().name());
        Map<String, Object> record = Json.toMap(r);
        // the plan of a flowable task (e.g. a ForEach's values) is the executor's business, not the reader's
        record.remove("plan");
        doc.put("record", record);
        return doc;
    }

    public static Map<String, Object> log(LogEntry e, long order) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("executionId", e.executionId());
        doc.put("namespace", e.namespace());
        doc.put("flowId", e.flowId());
        doc.put("taskRunId", e.taskRunId());
        doc.put("level", e.level() == null ? null : e.level().name());
        doc.put("severity", e.level() == null ? 0 : e.level().ordinal());
        doc.put("timestamp", e.timestamp() == null ? null : e.timestamp().toString());
        doc.put("order", order);
        doc.put("message", e.message());
        doc.put("record", Json.toMap(e));
        return doc;
    }

    public static Map<String, Object> metric(MetricEntry m) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("executionId", m.executionId());
        doc.put("namespace", m.namespace());
        doc.put("flowId", m.flowId());
        doc.put("taskId", m.taskId());
        doc.put("taskRunId", m.taskRunId());
        doc.put("name", m.name());
        doc.put("type", m.type());
        doc.put("value", m.value());
        doc.put("timestamp", m.timestamp() == null ? null : m.timestamp().toString());
        doc.put("record", Json.toMap(m));
        return doc;
    }

    /** A flow revision: its source is searchable as text (a flow's source holds no secret values, only references). */
    public static Map<String, Object> flow(FlowRecord f) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("namespace", f.namespace());
        doc.put("id", f.id());
        doc.put("revision", f.revision());
        doc.put("deleted", f.deleted());
        doc.put("updated", f.updated() == null ? null : f.updated().toString());
        doc.put("text", f.namespace() + " " + f.id() + " " + (f.source() == null ? "" : f.source()));
        doc.put("record", Json.toMap(f));
        return doc;
    }

    /**
     * A trigger state: beside the fields searched and sorted on, whether a backfill is in progress (and
     * paused) and whether a polling evaluation holds the trigger's lock, so that bulk actions find them.
     */
    public static Map<String, Object> trigger(TriggerState t) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("namespace", t.namespace());
        doc.put("flowId", t.flowId());
        doc.put("triggerId", t.triggerId());
        doc.put("type", t.type());
        doc.put("nextDate", t.nextDate() == null ? null : t.nextDate().toString());
        doc.put("lastFireDate", t.lastFireDate() == null ? null : t.lastFireDate().toString());
        doc.put("lastExecutionId", t.lastExecutionId());
        doc.put("disabled", t.disabled());
        doc.put("backfill", t.backfill() != null);
        doc.put("backfillPaused", t.backfill() != null && t.backfill().paused());
        doc.put("locked", t.locked());
        doc.put("evaluationStartedAt", t.evaluationStartedAt() == null ? null : t.evaluationStartedAt().toString());
        doc.put("updated", t.updated() == null ? null : t.updated().toString());
        doc.put("text", t.namespace() + " " + t.flowId() + " " + t.triggerId() + (t.type() == null ? "" : " " + t.type()));
        doc.put("record", Json.toMap(t));
        return doc;
    }

    public static <T> T record(Map<String, Object> source, Class<T> type) {
        return Json.convert(source.get("record"), type);
    }
}
