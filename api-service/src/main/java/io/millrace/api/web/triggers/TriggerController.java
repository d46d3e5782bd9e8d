package io.millrace.api.web.triggers;

import io.millrace.api.flows.FlowJson;
import io.millrace.api.flows.FlowView;
import io.millrace.api.security.Access;
import io.millrace.api.security.Permission;
import io.millrace.api.security.Permission.Scope;
import io.millrace.api.security.Role;
import io.millrace.api.limits.PageLimits;
import io.millrace.api.store.Paging;
import io.millrace.api.store.ResultPage;
import io.millrace.api.store.TriggerQuery;
import io.millrace.api.store.TriggerStore;
import io.millrace.api.triggers.TriggerFilters;
import io.millrace.api.web.ApiException;
import io.millrace.model.trigger.TriggerState;
import org.springframework.util.MultiValueMap;
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
 * and last fire date, last execution, backfill, disabled, evaluation lock), read from the search store.
 * The endpoints that change a trigger are {@link TriggerCommandController}'s.
 */
@RestController
@RequestMapping("/api/v1/triggers")
public class TriggerController {

    private final TriggerStore triggers;
    private final FlowView flows;
    private final Access access;
    private final PageLimits pages;

    public TriggerController(TriggerStore triggers, FlowView flows, Access access, PageLimits pages) {
        this.triggers = triggers;
        this.flows = flows;
        this.access = access;
        this.pages = pages;
    }

    /**
     * Triggers matching every filter given ({@code namespace}, {@code flowId}, {@code q}, or Kestra's
     * {@code filters[field][operation]}), by namespace, flow and trigger id unless {@code sort} says
     * otherwise; each result holds its state ({@code triggerContext}) and its declaration in the flow
     * ({@code abstractTrigger}).
     */
    @GetMapping("/search")
    @Permission(value = Role.VIEWER, action = "read triggers", scope = Scope.RESULTS)
    public ResultPage<Map<String, Object>> search(@RequestParam MultiValueMap<String, String> params,
                                                  @RequestParam(defaultValue = "1") int page,
                                                  @RequestParam(defaultValue = "25") int size,
                                                  @RequestParam(required = false) List<String> sort) {
        ResultPage<TriggerState> found = find(TriggerFilters.of(params), page, size, sort);
        return new ResultPage<>(found.results().stream().map(t -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("abstractTrigger", declaration(t));
            result.put("triggerContext", TriggerJson.context(t));
            return result;
        }).toList(), found.total());
    }

    /** The trigger states of one flow (of this namespace only), filtered by {@code q} and sorted like the search. */
    @GetMapping("/{namespace}/{flowId}")
    @Permission(value = Role.VIEWER, action = "read triggers", scope = Scope.PATH)
    public ResultPage<Map<String, Object>> ofFlow(@PathVariable String namespace, @PathVariable String flowId,
                                                  @RequestParam(required = false) String q,
                                                  @RequestParam(defaultValue = "1") int page,
                                                  @RequestParam(defaultValue = "25") int size,
                                                  @RequestParam(required = false) List<String> sort) {
        if (flows.newest(namespace, flowId).isEmpty()) {
            throw ApiException.notFound("flow " + namespace + "." + flowId + " does not exist");
        }
        ResultPage<TriggerState> found = find(new TriggerQuery(namespace, flowId, q, true), page, size, sort);
        return new ResultPage<>(found.results().stream().map(TriggerJson::context).toList(), found.total());
    }

    private ResultPage<TriggerState> find(TriggerQuery query, int page, int size, List<String> sort) {
        Paging paging = pages.paging(page, size, sort);
        try {
            return triggers.search(query.within(access.namespaces()), paging);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
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
