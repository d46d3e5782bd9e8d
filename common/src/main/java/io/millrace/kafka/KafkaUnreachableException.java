package io.millrace.kafka;

/** Kafka did not answer at the configured bootstrap servers in time; the message says why, in words. */
public final class KafkaUnreachableException extends IllegalStateException {

    public KafkaUnreachableException(String message) {
        super(message);
    }

    public KafkaUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
