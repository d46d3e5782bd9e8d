package io.millrace.api.kafka;

import org.apache.kafka.clients.consumer.Consumer;

import java.time.Duration;

/**
 * Stopping a thread that owns a Kafka consumer: the api's readers (live views, the indexer) each
 * poll on a thread of their own, which closes its consumer when its loop ends.
 */
public final class ReaderThreads {

    private ReaderThreads() {
    }

    /**
     * Wakes the consumer so the reading thread leaves its poll, and waits for it to end (it closes the
     * consumer itself); a reader that never started has its consumer closed here. The caller has told
     * its loop to stop first.
     */
    public static void stop(Thread thread, Consumer<?, ?> consumer) {
        if (!thread.isAlive()) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
