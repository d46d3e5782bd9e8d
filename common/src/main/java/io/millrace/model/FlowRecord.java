package io.millrace.model;

import java.time.Instant;

/**
 * A flow revision as it travels on the {@code flows} and {@code flow_revisions} topics: the YAML
 * as the user wrote it, with its identity and revision. Readers parse the source themselves, so
 * there is one way to read a flow.
 */
public record FlowRecord(String namespace, String id, int revision, String source, boolean deleted, Instant updated) {

    /** The key of the flow on the {@code flows} topic. */
    public String key() {
        return namespace + "/" + id;
    }
}
