package io.millrace.topics;

/** Kafka record headers Millrace sets, for records whose value cannot say it (tombstones). */
public final class HeaderNames {

    /** On a worker's own removal of its instance record: the incarnation that stopped. */
    public static final String INCARNATION = "millrace.incarnation";

    /** On the detector's removal of a dead worker's instance record: the incarnation declared dead. */
    public static final String DECLARED_DEAD = "millrace.declared-dead";

    private HeaderNames() {
    }
}
