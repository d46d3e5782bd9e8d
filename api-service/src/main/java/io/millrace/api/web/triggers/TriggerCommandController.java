package io.millrace.api.web.triggers;

import io.millrace.api.security.Access;
import io.millrace.api.security.Permission;
import io.millrace.api.security.Permission.Scope;
import io.millrace.api.security.Role;
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
 * {@link TriggerService}; the change shows in the search a moment later. Disabling, enabling and backfilling
 * are an operator's; unlocking and resetting a trigger an admin's. A bulk action by query acts only on the
 * triggers of the caller's namespaces; one by a list, or on one trigger, is refused when any is outside them.
 */
@RestController
@RequestMapping("/api/v1/triggers")
public class TriggerCommandController {

    private static final String DISABLE = "disable or enable triggers";
    private static final String BACKFILL = "backfill triggers";
    private static final String UNLOCK = "unlock triggers";
    private static final String RESET = "reset triggers";

    private final TriggerService triggers;
    private final Access access;

    public TriggerCommandController(TriggerService triggers, Access access) {
        this.triggers = triggers;
        this.access = access;
    }

    /** Kestra's trigger update: a body with {@code backfill} backfills the trigger, else {@code disabled} is set. */
    @PutMapping
    @Permission(value = Role.OPERATOR, action = "change triggers", scope = Scope.BODY)
    public Map<String, Object> update(@RequestBody Map<String, Object> body) {
        access.require(Role.OPERATOR, "change triggers", TriggerRef.of(body, "body").namespace());
        return TriggerJson.context(triggers.update(body));
    }

    /** Backfills a Schedule trigger: {@code {namespace, flowId, triggerId, backfill: {start, end, inputs, labels}}}. */
    @PutMapping("/backfill/create")
    @Permission(value = Role.OPERATOR, action = BACKFILL, scope = Scope.BODY)
    public Map<String, Object> createBackfill(@RequestBody Map<String, Object> body) {
        return TriggerJson.context(triggers.setBackfill(checked(body, Role.OPERATOR, BACKFILL), body.get("backfill")));
    }

    /** Disables or enables one trigger: {@code {namespace, flowId, triggerId, disabled}}. */
    @RequestMapping(path = "/set-disabled", method = {RequestMethod.PUT, RequestMethod.POST})
    @Permission(value = Role.OPERATOR, action = DISABLE, scope = Scope.BODY)
    public Map<String, Object> setDisabled(@RequestBody Map<String, Object> body) {
        return TriggerJson.context(triggers.setDisabled(checked(body, Role.OPERATOR, DISABLE), disabled(body.get("disabled"))));
    }

    /** Disables or enables the listed triggers: {@code {triggers: [...], disabled}}. */
    @PostMapping("/set-disabled/by-triggers")
    @Permission(value = Role.OPERATOR, action = DISABLE, scope = Scope.BODY)
    public Map<String, Object> setDisabledByTriggers(@RequestBody Map<String, Object> body) {
        boolean disabled = disabled(body.get("disabled"));
        List<?> list = body.get("triggers") instanceof List<?> l ? l : null;
        return count(triggers.each(checked(TriggerRef.list(list, "triggers"), Role.OPERATOR, DISABLE),
            ref -> triggers.setDisabled(ref, disabled)));
    }

    /** Disables ({@code disabled=true}, the default) or enables the triggers matching the filters. */
    @PostMapping("/set-disabled/by-query")
    @Permission(value = Role.OPERATOR, action = DISABLE, scope = Scope.RESULTS)
    public Map<String, Object> setDisabledByQuery(@RequestParam MultiValueMap<String, String> params,
                                                  @RequestParam(defaultValue = "true") boolean disabled) {
        return byQuery(params, ref -> triggers.setDisabled(ref, disabled));
    }

    /** Pauses the backfill of a trigger: {@code {namespace, flowId, triggerId}}. */
    @RequestMapping(path = "/backfill/pause", method = {RequestMethod.PUT, RequestMethod.POST})
    @Permission(value = Role.OPERATOR, action = BACKFILL, scope = Scope.BODY)
    public Map<String, Object> pauseBackfill(@RequestBody Map<String, Object> body) {
        return TriggerJson.context(triggers.pauseBackfill(checked(body, Role.OPERATOR, BACKFILL), true));
    }

    /** Resumes the paused backfill of a trigger. */
    @RequestMapping(path = "/backfill/unpause", method = {RequestMethod.PUT, RequestMethod.POST})
    @Permission(value = Role.OPERATOR, action = BACKFILL, scope = Scope.BODY)
    public Map<String, Object> unpauseBackfill(@RequestBody Map<String, Object> body) {
        return TriggerJson.context(triggers.pauseBackfill(checked(body, Role.OPERATOR, BACKFILL), false));
    }

    /** Drops the backfill of a trigger; the dates it did not fire yet are not fired. */
    @PostMapping("/backfill/delete")
    @Permission(value = Role.OPERATOR, action = BACKFILL, scope = Scope.BODY)
    public Map<String, Object> deleteBackfill(@RequestBody Map<String, Object> body) {
        return TriggerJson.context(triggers.deleteBackfill(checked(body, Role.OPERATOR, BACKFILL)));
    }

    @PostMapping("/backfill/pause/by-triggers")
    @Permission(value = Role.OPERATOR, action = BACKFILL, scope = Scope.BODY)
    public Map<String, Object> pauseBackfillByTriggers(@RequestBody List<Object> body) {
        return count(triggers.each(checked(TriggerRef.list(body, "body"), Role.OPERATOR, BACKFILL),
            ref -> triggers.pauseBackfill(ref, true)));
    }

    @PostMapping("/backfill/pause/by-query")
    @Permission(value = Role.OPERATOR, action = BACKFILL, scope = Scope.RESULTS)
    public Map<String, Object> pauseBackfillByQuery(@RequestParam MultiValueMap<String, String> params) {
        return byQuery(params, ref -> triggers.pauseBackfill(ref, true));
    }

    @PostMapping("/backfill/unpause/by-triggers")
    @Permission(value = Role.OPERATOR, action = BACKFILL, scope = Scope.BODY)
    public Map<String, Object> unpauseBackfillByTriggers(@RequestBody List<Object> body) {
        return count(triggers.each(checked(TriggerRef.list(body, "body"), Role.OPERATOR, BACKFILL),
            ref -> triggers.pauseBackfill(ref, false)));
    }

    @PostMapping("/backfill/unpause/by-query")
    @Permission(value = Role.OPERATOR, action = BACKFILL, scope = Scope.RESULTS)
    public Map<String, Object> unpauseBackfillByQuery(@RequestParam MultiValueMap<String, String> params) {
        return byQuery(params, ref -> triggers.pauseBackfill(ref, false));
    }

    @PostMapping("/backfill/delete/by-triggers")
    @Permission(value = Role.OPERATOR, action = BACKFILL, scope = Scope.BODY)
    public Map<String, Object> deleteBackfillByTriggers(@RequestBody List<Object> body) {
        return count(triggers.each(checked(TriggerRef.list(body, "body"), Role.OPERATOR, BACKFILL), triggers::deleteBackfill));
    }

    @PostMapping("/backfill/delete/by-query")
    @Permission(value = Role.OPERATOR, action = BACKFILL, scope = Scope.RESULTS)
    public Map<String, Object> deleteBackfillByQuery(@RequestParam MultiValueMap<String, String> params) {
        return byQuery(params, triggers::deleteBackfill);
    }

    /** Frees a trigger whose polling evaluation is stuck; 409 when it is not locked. */
    @PostMapping("/{namespace}/{flowId}/{triggerId}/unlock")
    @Permission(value = Role.ADMIN, action = UNLOCK, scope = Scope.PATH)
    public Map<String, Object> unlock(@PathVariable String namespace, @PathVariable String flowId,
                                      @PathVariable String triggerId) {
        return TriggerJson.context(triggers.unlock(new TriggerRef(namespace, flowId, triggerId)));
    }

    /** Unlocks the listed triggers that are locked. */
    @PostMapping("/unlock/by-triggers")
    @Permission(value = Role.ADMIN, action = UNLOCK, scope = Scope.BODY)
    public Map<String, Object> unlockByTriggers(@RequestBody List<Object> body) {
        return count(triggers.each(checked(TriggerRef.list(body, "body"), Role.ADMIN, UNLOCK), triggers::unlock));
    }

    /** Unlocks the locked triggers matching the filters. */
    @PostMapping("/unlock/by-query")
    @Permission(value = Role.ADMIN, action = UNLOCK, scope = Scope.RESULTS)
    public Map<String, Object> unlockByQuery(@RequestParam MultiValueMap<String, String> params) {
        return byQuery(params, triggers::unlock);
    }

    /** Restarts a trigger: the scheduler forgets its state and starts it afresh from the flow's declaration. */
    @PostMapping("/{namespace}/{flowId}/{triggerId}/restart")
    @Permission(value = Role.ADMIN, action = RESET, scope = Scope.PATH)
    public Map<String, Object> restart(@PathVariable String namespace, @PathVariable String flowId,
                                       @PathVariable String triggerId) {
        return TriggerJson.context(triggers.reset(new TriggerRef(namespace, flowId, triggerId)));
    }

    /** Deletes a trigger's state; the scheduler starts it afresh from the flow's declaration. 204. */
    @DeleteMapping("/{namespace}/{flowId}/{triggerId}")
    @Permission(value = Role.ADMIN, action = RESET, scope = Scope.PATH)
    public ResponseEntity<Void> delete(@PathVariable String namespace, @PathVariable String flowId,
                                       @PathVariable String triggerId) {
        triggers.reset(new TriggerRef(namespace, flowId, triggerId));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/delete/by-triggers")
    @Permission(value = Role.ADMIN, action = RESET, scope = Scope.BODY)
    public Map<String, Object> deleteByTriggers(@RequestBody List<Object> body) {
        return count(triggers.each(checked(TriggerRef.list(body, "body"), Role.ADMIN, RESET), triggers::reset));
    }

    @DeleteMapping("/delete/by-query")
    @Permission(value = Role.ADMIN, action = RESET, scope = Scope.RESULTS)
    public Map<String, Object> deleteByQuery(@RequestParam MultiValueMap<String, String> params) {
        return byQuery(params, triggers::reset);
    }

    private Map<String, Object> byQuery(MultiValueMap<String, String> params, Function<TriggerRef, ?> action) {
        return count(triggers.each(triggers.matching(TriggerFilters.of(params).within(access.namespaces())), action));
    }

    /** The trigger the body names, once the caller is found to have {@code role} in its namespace. */
    private TriggerRef checked(Map<String, Object> body, Role role, String action) {
        TriggerRef ref = TriggerRef.of(body, "body");
        access.require(role, action, ref.namespace());
        return ref;
    }

    /** The triggers listed, once the caller is found to have {@code role} in each one's namespace: all or none. */
    private List<TriggerRef> checked(List<TriggerRef> refs, Role role, String action) {
        for (TriggerRef ref : refs) {
            access.require(role, action, ref.namespace());
        }
        return refs;
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
