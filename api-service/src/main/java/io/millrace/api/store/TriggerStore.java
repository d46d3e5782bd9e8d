package io.millrace.api.store;

import io.millrace.model.trigger.TriggerState;

/** Trigger states as indexed from {@code triggers}. */
public interface TriggerStore {

    /** Triggers matching {@code query}, by namespace, flow id then trigger id unless {@code paging} sorts otherwise. */
    ResultPage<TriggerState> search(TriggerQuery query, Paging paging);
}
