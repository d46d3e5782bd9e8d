package io.millrace.api.web.triggers;

import io.millrace.api.triggers.TriggerFilters;
import io.millrace.api.triggers.TriggerRef;
import io.millrace.api.triggers.TriggerService;
import io.millrace.api.web.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The endpoints that change triggers, on Kestra's paths and with its bodies: backfill, pause, resume or
 * drop a backfill, disable or enable, unlock, restart (reset) and delete (reset) a trigger, one at a time
 * (answering the trigger context with the change asked for) or in bulk, by a list of triggers or by the
 * search filters (answering {@code {count}}). Each sends commands to the scheduler through
 * {@link TriggerService}; the change shows in the search a moment later.
 */
@RestController
@RequestMapping("/api/v1/triggers")
public class TriggerCommandController {

    private final TriggerService triggers;

    public TriggerCommandController(TriggerService triggers) {
        this.triggers = triggers;
    }

    /** Kestra's trigger update: a body with {@code backfill} backfills the trigger, else {@code disabled} is set. */
    @PutMapping
    public Map<String, Object> update(@RequestBody Map<String, Object> body) {
        return TriggerJson.context(triggers.update(body));
    }

    /** Backfills a Schedule trigger: {@code {namespace, flowId, triggerId, backfill: {start, end, inputs, labels}}}. */
    @PutMapping("/backfill/create")
    public Map<String, Object> createBackfill(@RequestBody Map<String, Object> body) {
        return TriggerJson.context(triggers.setBackfill(TriggerRef.of(body, "body"), body.get("backfill")));
    }

    /** Disables or enables one trigger: {@code {namespace, flowId, triggerId, disabled}}. */
    @RequestMapping(path = "/set-disabled", method = {RequestMethod.PUT, RequestMethod.POST})
    public Map<String, Object> setDisabled(@RequestBody Map<String, Object> body) {
        return TriggerJson.context(triggers.setDisabled(TriggerRef.of(body, "body"), disabled(body.get("disabled"))));
    }

    /** Disables or enables the listed triggers: {@code {triggers: [...], disabled}}. */
    @PostMapping("/set-disabled/by-triggers")
    public Map<String, Object> setDisabledByTriggers(@RequestBody Map<String, Object> body) {
        boolean disabled = disabled(body.get("disabled"));
        List<?> list = body.get("triggers") instanceof List<?> l ? l : null;
        return count(triggers.each(TriggerRef.list(list, "triggers"), ref -> triggers.setDisabled(ref, disabled)));
    }

    /** Disables ({@code disabled=true}, the default) or enables the triggers matching the filters. */
    @PostMapping("/set-disabled/by-query")
    public Map<String, Object> setDisabledByQuery(@RequestParam MultiValueMap<String, String> params,
                                                  @RequestParam(defaultValue = "true") boolean disabled) {
        return byQuery(params, ref -> triggers.setDisabled(ref, disabled));
    }

    /** Pauses the backfill of a trigger: {@code {namespace, flowId, triggerId}}. */
    @RequestMapping(path = "/backfill/pause", method = {RequestMethod.PUT, RequestMethod.POST})
    public Map<String, Object> pauseBackfill(@RequestBody Map<String, Object> body) {
        return TriggerJson.context(triggers.pauseBackfill(TriggerRef.of(body, "body"), true));
    }

    /** Resumes the paused backfill of a trigger. */
    @RequestMapping(path = "/backfill/unpause", method = {RequestMethod.PUT, RequestMethod.POST})
    public Map<String, Object> unpauseBackfill(@RequestBody Map<String, Object> body) {
        return TriggerJson.context(triggers.pauseBackfill(TriggerRef.of(body, "body"), false));
    }

    /** Drops the backfill of a trigger; the dates it did not fire yet are not fired. */
    @PostMapping("/backfill/delete")
    public Map<String, Object> deleteBackfill(@RequestBody Map<String, Object> body) {
        return TriggerJson.context(triggers.deleteBackfill(TriggerRef.of(body, "body")));
    }

    @PostMapping("/backfill/pause/by-triggers")
    public Map<String, Object> pauseBackfillByTriggers(@RequestBody List<Object> body) {
        return count(triggers.each(TriggerRef.list(body, "body"), ref -> triggers.pauseBackfill(ref, true)));
    }

    @PostMapping("/backfill/pause/by-query")
    public Map<String, Object> pauseBackfillByQuery(@RequestParam MultiValueMap<String, String> params) {
        return byQuery(params, ref -> triggers.pauseBackfill(ref, true));
    }

    @PostMapping("/backfill/unpause/by-triggers")
    public Map<String, Object> unpauseBackfillByTriggers(@RequestBody List<Object> body) {
        return count(triggers.each(TriggerRef.list(body, "body"), ref -> triggers.pauseBackfill(ref, false)));
    }

    @PostMapping("/backfill/unpause/by-query")
    public Map<String, Object> unpauseBackfillByQuery(@RequestParam MultiValueMap<String, String> params) {
        return byQuery(params, ref -> triggers.pauseBackfill(ref, false));
    }

    @PostMapping("/backfill/delete/by-triggers")
    public Map<String, Object> deleteBackfillByTriggers(@RequestBody List<Object> body) {
        return count(triggers.each(TriggerRef.list(body, "body"), triggers::deleteBackfill));
    }

    @PostMapping("/backfill/delete/by-query")
    public Map<String, Object> deleteBackfillByQuery(@RequestParam MultiValueMap<String, String> params) {
        return byQuery(params, triggers::deleteBackfill);
    }

    /** Frees a trigger whose polling evaluation is stuck; 409 when it is not locked. */
    @PostMapping("/{namespace}/{flowId}/{triggerId}/unlock")
    public Map<String, Object> unlock(@PathVariable String namespace, @PathVariable String flowId,
                                      @PathVariable String triggerId) {
        return TriggerJson.context(triggers.unlock(new TriggerRef(namespace, flowId, triggerId)));
    }

    /** Unlocks the listed triggers that are locked. */
    @PostMapping("/unlock/by-triggers")
    public Map<String, Object> unlockByTriggers(@RequestBody List<Object> body) {
        return count(triggers.each(TriggerRef.list(body, "body"), triggers::unlock));
    }

    /** Unlocks the locked triggers matching the filters. */
    @PostMapping("/unlock/by-query")
    public Map<String, Object> unlockByQuery(@RequestParam MultiValueMap<String, String> params) {
        return byQuery(params, triggers::unlock);
    }

    /** Restarts a trigger: the scheduler forgets its state and starts it afresh from the flow's declaration. */
    @PostMapping("/{namespace}/{flowId}/{triggerId}/restart")
    public Map<String, Object> restart(@PathVariable String namespace, @PathVariable String flowId,
                                       @PathVariable String triggerId) {
        return TriggerJson.context(triggers.reset(new TriggerRef(namespace, flowId, triggerId)));
    }

    /** Deletes a trigger's state; the scheduler starts it afresh from the flow's declaration. 204. */
    @DeleteMapping("/{namespace}/{flowId}/{triggerId}")
    public ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable String flowId,
                                       @PathVariable String triggerId) {
        triggers.reset(new TriggerRef(namespace, flowId, triggerId));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/delete/by-triggers")
    public Map<String, Object> deleteByTriggers(@RequestBody List<Object> body) {
        return count(triggers.each(TriggerRef.list(body, "body"), triggers::reset));
    }

    @DeleteMapping("/delete/by-query")
    public Map<String, Object> deleteByQuery(@RequestParam MultiValueMap<String, String> params) {
        return byQuery(params, triggers::reset);
    }

    private Map<String, Object> byQuery(MultiValueMap<String, String> params, Function<TriggerRef, ?> action) {
        return count(triggers.each(triggers.matching(TriggerFilters.of(params)), action));
    }

    private static Map<String, Object> count(int count) {
        return Map.of("count", count);
    }

    private static boolean disabled(Object value) {
        if (!(value instanceof Boolean disabled)) {
            throw ApiException.badRequest("disabled is required (true or false)");
        }
        return disabled;
    }
}
