package io.millrace.api.web.triggers;

import io.millrace.api.flows.FlowJson;
import io.millrace.api.flows.FlowView;
import io.millrace.api.store.Paging;
import io.millrace.api.store.ResultPage;
import io.millrace.api.store.TriggerQuery;
import io.millrace.api.store.TriggerStore;
import io.millrace.api.web.ApiException;
import io.millrace.model.trigger.TriggerBackfill;
import io.millrace.model.trigger.TriggerState;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trigger states over HTTP, on Kestra's paths: what the scheduler remembers of each trigger (next
 * and last fire date, last execution, disabled), read from the search store.
 */
@RestController
@RequestMapping("/api/v1/triggers")
public class TriggerController {

    private static final int MAX_PER_FLOW = 1000;

    private final TriggerStore triggers;
    private final FlowView flows;

    public TriggerController(TriggerStore triggers, FlowView flows) {
        this.triggers = triggers;
        this.flows = flows;
    }

    /**
     * Triggers matching every filter given, by namespace, flow and trigger id unless {@code sort}
     * says otherwise; each result holds its state ({@code triggerContext}) and its declaration in the
     * flow ({@code abstractTrigger}).
     */
    @GetMapping("/search")
    public ResultPage<Map<String, Object>> search(@RequestParam(required = false) String namespace,
                                                  @RequestParam(required = false) String flowId,
                                                  @RequestParam(required = false) String q,
                                                  @RequestParam(defaultValue = "1") int page,
                                                  @RequestParam(defaultValue = "25") int size,
                                                  @RequestParam(required = false) List<String> sort) {
        ResultPage<TriggerState> found = find(new TriggerQuery(namespace, flowId, q), page, size, sort);
        return new ResultPage<>(found.results().stream().map(t -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("abstractTrigger", declaration(t));
            result.put("triggerContext", context(t));
            return result;
        }).toList(), found.total());
    }

    /** The trigger states of one flow. */
    @GetMapping("/{namespace}/{flowId}")
    public ResultPage<Map<String, Object>> ofFlow(@PathVariable String namespace, @PathVariable String flowId,
                                                  @RequestParam(defaultValue = "1") int page,
                                                  @RequestParam(defaultValue = "25") int size) {
        if (flows.newest(namespace, flowId).isEmpty()) {
            throw ApiException.notFound("flow " + namespace + "." + flowId + " does not exist");
        }
        if (page < 1 || size < 1) {
            throw ApiException.invalid("page and size start at 1");
        }
        // a flow has a handful of triggers; the namespace filter also matches sub-namespaces: keep this flow's own
        List<Map<String, Object>> all = find(new TriggerQuery(namespace, flowId, null), 1, MAX_PER_FLOW, null).results()
            .stream().filter(t -> t.namespace().equals(namespace)).map(TriggerController::context).toList();
        int from = (int) Math.min(all.size(), (long) (page - 1) * size);
        return new ResultPage<>(all.subList(from, Math.min(all.size(), from + size)), all.size());
    }

    private ResultPage<TriggerState> find(TriggerQuery query, int page, int size, List<String> sort) {
        try {
            Paging paging = new Paging(page, size, sort == null ? List.of() : sort.stream().map(Paging.SortField::parse).toList());
            return triggers.search(query, paging);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
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

    /** The trigger as the flow's newest revision declares it, or null once the flow or trigger is gone. */
    private Map<String, Object> declaration(TriggerState t) {
        return flows.latest(t.namespace(), t.flowId())
            .map(f -> FlowJson.of(f, false).get("triggers"))
            .filter(List.class::isInstance)
            .flatMap(list -> ((List<?>) list).stream()
                .filter(Map.class::isInstance)
                .map(m -> {
                    @SuppressWarnings("unchecked") Map<String, Object> trigger = (Map<String, Object>) m;
                    return trigger;
                })
                .filter(m -> t.triggerId().equals(m.get("id")))
                .findFirst())
            .orElse(null);
    }
}
