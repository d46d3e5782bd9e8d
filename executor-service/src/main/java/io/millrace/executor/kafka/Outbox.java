package io.millrace.executor.kafka;

import io.millrace.kafka.RecordLimits;
import io.millrace.model.execution.LogEntry;
import io.millrace.topics.VersionedJsonSerde;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What one event makes the executor write, serialised and measured before anything is stored or sent.
 * The broker refuses a record larger than its topic takes, and under exactly-once one refused record
 * aborts the transaction of every execution of the partition, which the stream then replays for ever:
 * so a decision whose records do not all fit is not written at all, and the executor fails that
 * execution instead. A log line too long is cut to fit rather than refused.
 */
final class Outbox {

    private static final VersionedJsonSerde<Object> VALUES = new VersionedJsonSerde<>(Object.class);

    /** A record ready to forward: its value already serialised. */
    record Item(Sinks sink, String key, byte[] value) {
    }

    /**
     * The first record that does not fit.
     *
     * @param what what the record holds, in words
     */
    record TooLarge(Sinks sink, String key, String topic, String what, int bytes, int budget) {

        /** The sentence users read in the execution's logs. */
        String message() {
            return what + " is too large for Kafka: it would be " + size(bytes) + ", more than the " + size(budget)
                + " a record of topic " + topic + " may hold (raise max.request.size with the topic's max.message.bytes"
                + " to allow more)";
        }

        private static String size(long bytes) {
            return bytes >= 1 << 20 ? String.format("%.1f MiB", bytes / (double) (1 << 20))
                : bytes >= 1 << 10 ? String.format("%.1f KiB", bytes / 1024.0) : bytes + " bytes";
        }
    }

    private final RecordLimits limits;
    private final Function<Sinks, String> topics;
    private final List<Item> items = new ArrayList<>();
    private TooLarge tooLarge;

    Outbox(RecordLimits limits, Function<Sinks, String> topics) {
        this.limits = limits;
        this.topics = topics;
    }

    /** Adds a record (a null value is a tombstone); {@code what} describes it should it be too large. */
    void add(Sinks sink, String key, Object value, String what) {
        String topic = topics.apply(sink);
        byte[] bytes = value == null ? null : VALUES.serialize(topic, value);
        if (bytes != null && tooLarge == null) {
            int budget = limits.valueBudget(topic, key.getBytes(StandardCharsets.UTF_8).length);
            if (bytes.length > budget) {
                tooLarge = new TooLarge(sink, key, topic, what, bytes.length, budget);
                return;
            }
        }
        items.add(new Item(sink, key, bytes));
    }

    /** Adds a log line, cutting its message to fit the topic. */
    void addLog(LogEntry line) {
        String topic = topics.apply(Sinks.LOGS);
        byte[] bytes = VALUES.serialize(topic, line);
        int budget = limits.valueBudget(topic, line.executionId().getBytes(StandardCharsets.UTF_8).length);
        if (bytes.length > budget && line.message() != null) {
            // a character may take up to three bytes in JSON as UTF-8 (six when escaped): keep a safe share
            int keep = Math.max(0, Math.min(line.message().length(), (budget - 2_048) / 6));
            String note = "… [cut: the line was " + line.message().length() + " characters]";
            bytes = VALUES.serialize(topic, line.withMessage(line.message().substring(0, keep) + note));
        }
        items.add(new Item(Sinks.LOGS, line.executionId(), bytes));
    }

    /** The first record that did not fit, or null when every one does. */
    TooLarge tooLarge() {
        return tooLarge;
    }

    List<Item> items() {
        return items;
    }
}
