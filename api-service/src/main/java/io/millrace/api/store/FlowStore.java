package io.millrace.api.store;

import io.millrace.model.FlowRecord;

import java.util.List;
import java.util.Optional;

/** Flows and their revisions as indexed from {@code flows} and {@code flow_revisions}. */
public interface FlowStore {

    /** The newest revision of a flow that is not deleted. */
    Optional<FlowRecord> latest(String namespace, String id);

    /** One revision, deleted or not. */
    Optional<FlowRecord> revision(String namespace, String id, int revision);

    /** Every revision of a flow, oldest first. */
    List<FlowRecord> revisions(String namespace, String id);

    /** Newest revisions of the flows matching {@code query}, by namespace then id unless {@code paging} sorts otherwise. */
    ResultPage<FlowRecord> search(FlowQuery query, Paging paging);
}
