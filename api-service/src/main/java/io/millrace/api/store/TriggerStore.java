package io.millrace.api.store;

import io.millrace.model.trigger.TriggerState;

import java.util.List;
import java.util.Optional;

/** Trigger states as indexed from {@code triggers}. */
public interface TriggerStore {

    /** Triggers matching {@code query}, by namespace, flow id then trigger id unless {@code paging} sorts otherwise. */
    ResultPage<TriggerState> search(TriggerQuery query, Paging paging);

    /** Every trigger matching {@code query}, however many (bulk actions go over all of them). */
    List<TriggerState> all(TriggerQuery query);

    /** The state of one trigger, if the scheduler wrote one and it was indexed. */
    Optional<TriggerState> find(String namespace, String flowId, String triggerId);
}
