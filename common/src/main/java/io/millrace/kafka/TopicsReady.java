package io.millrace.kafka;

import java.util.List;

/**
 * Proof that every Millrace topic exists and serves offsets: services take it as a dependency of
 * their Kafka clients, so nothing produces before the topics are there.
 *
 * @param created the topics this process had to create
 */
public record TopicsReady(List<String> created) {

    /** Creates the missing topics with their settings and waits until they are ready. */
    public static TopicsReady ensure(KafkaClients clients) {
        return new TopicsReady(new TopicCreator(clients).createMissing());
    }
}
