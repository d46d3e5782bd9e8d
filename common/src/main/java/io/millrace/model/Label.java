package io.millrace.model;

/** A key/value label on a flow or an execution, used to search and to route triggers. */
public record Label(String key, String value) {

    /** The label that ties every execution started from one root execution together. */
    public static final String CORRELATION_ID = "system.correlationId";
}
