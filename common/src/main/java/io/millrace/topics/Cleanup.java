package io.millrace.topics;

/** How Kafka cleans a topic: keep the latest value per key, delete old segments, or both. */
public enum Cleanup {
    COMPACT("compact"),
    DELETE("delete"),
    COMPACT_DELETE("compact,delete");

    private final String policy;

    Cleanup(String policy) {
        this.policy = policy;
    }

    /** The value of {@code cleanup.policy}. */
    public String policy() {
        return policy;
    }
}
