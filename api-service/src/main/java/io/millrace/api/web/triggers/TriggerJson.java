package io.millrace.api.web.triggers;

import io.millrace.model.trigger.TriggerBackfill;
import io.millrace.model.trigger.TriggerState;

import java.util.LinkedHashMap;
import java.util.Map;

/** A trigger state in Kestra's JSON of a trigger context, the shape its API and UI read. */
final class TriggerJson {

    private TriggerJson() {
    }

    /** Kestra's trigger context names. */
    static Map<String, Object> context(TriggerState t) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("namespace", t.namespace());
        c.put("flowId", t.flowId());
        c.put("triggerId", t.triggerId());
        c.put("flowRevision", t.flowRevision());
        c.put("date", t.lastFireDate());
        c.put("nextExecutionDate", t.nextDate());
        c.put("executionId", t.lastExecutionId());
        c.put("type", t.type());
        c.put("backfill", t.backfill() == null ? null : backfill(t.backfill()));
        c.put("disabled", t.disabled());
        c.put("evaluateRunningDate", t.evaluationStartedAt());
        c.put("updatedDate", t.updated());
        return c;
    }

    /** Kestra's backfill names. */
    private static Map<String, Object> backfill(TriggerBackfill b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", b.start());
        m.put("end", b.end());
        m.put("currentDate", b.currentDate());
        m.put("inputs", b.inputs());
        m.put("labels", b.labels());
        m.put("paused", b.paused());
        return m;
    }
}
