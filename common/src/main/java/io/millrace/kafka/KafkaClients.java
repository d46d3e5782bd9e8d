package io.millrace.kafka;

import io.millrace.kafka.KafkaSettings.RecordLogger;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Client configurations and topic names derived from {@link KafkaSettings}: Millrace's defaults
 * first (read_committed, earliest, no auto commit; acks=all, lz4, idempotence; exactly_once_v2),
 * then {@code client.properties} (bootstrap, security), then the per-kind overrides. Every
 * service builds its clients from here, so they all agree on names and guarantees. When record
 * loggers are configured, producers, consumers and streams also get the interceptors that log
 * the matching records ({@link RecordLoggers}).
 */
public final class KafkaClients {

    private final KafkaSettings settings;

    public KafkaClients(KafkaSettings settings) {
        this.settings = settings;
    }

    public KafkaSettings settings() {
        return settings;
    }

    /** The full name of a topic: its override, or prefix + base name. */
    public String topic(Topic topic) {
        KafkaSettings.TopicSettings t = settings.defaults().topics().get(topic.baseName());
        if (t != null && t.name() != null && !t.name().isBlank()) {
            return t.name();
        }
        return settings.defaults().topicPrefix() + topic.baseName();
    }

    /** A consumer group or Kafka Streams application id: prefix + {@code name}. */
    public String group(String name) {
        return settings.defaults().consumerPrefix() + name;
    }

    /** Properties of an admin client. */
    public Map<String, Object> admin() {
        return new HashMap<>(settings.client().properties());
    }

    /** Properties of a producer. */
    public Map<String, Object> producer(String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putAll(settings.client().properties());
        p.putAll(settings.defaults().producer().properties());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        RecordLoggers.install(p, settings.client().loggers(), RecordLogger.Type.PRODUCER, "");
        return p;
    }

    /** The size in bytes a dead letter written by this installation's producers must fit in. */
    public int deadLetterBudget() {
        return DeadLetter.budget(producer("dead-letters"));
    }

    /** Properties of a consumer of {@code group} (null: no group, assigned partitions only). */
    public Map<String, Object> consumer(String group, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // a member that dies hands its partitions over after 10 s, not Kafka's 45 s: a dead worker's tasks
        // are resubmitted within the session timeout plus a rebalance; heartbeats every second let the
        // survivors notice the rebalance quickly
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        p.putAll(settings.client().properties());
        p.putAll(settings.defaults().consumer().properties());
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        RecordLoggers.install(p, settings.client().loggers(), RecordLogger.Type.CONSUMER, "");
        return p;
    }

    /**
     * Properties of a Kafka Streams application {@code name} (its application id gets the consumer
     * prefix): exactly-once v2, the state directory, the producer and consumer defaults.
     */
    public Map<String, Object> streams(String name) {
        Map<String, Object> p = new HashMap<>();
        p.put("processing.guarantee", "exactly_once_v2");
        p.put("state.dir", settings.stream().stateDir().toString());
        p.put("replication.factor", String.valueOf(settings.defaults().topic().replicationFactor()));
        p.put("producer." + ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put("consumer." + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a transaction every 10 ms (Kafka Streams' exactly-once default is 100 ms, and a thread
        // waiting for records commits only when its poll returns): each executor step of an
        // execution waits for the commit before the worker or the next step sees it
        p.put("commit.interval.ms", "10");
        p.put("poll.ms", "5");
        // an instance that stops or dies hands its partitions over after 10 s, not Kafka's 45 s
        p.put("consumer." + ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        p.put("consumer." + ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000");
        settings.defaults().producer().properties().forEach((k, v) -> p.put("producer." + k, v));
        settings.defaults().consumer().properties().forEach((k, v) -> {
            // Kafka Streams manages offsets and isolation itself under exactly-once
            if (!k.equals(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG) && !k.equals(ConsumerConfig.ISOLATION_LEVEL_CONFIG)) {
                p.put("consumer." + k, v);
            }
        });
        p.putAll(settings.client().properties());
        p.putAll(settings.defaults().stream().properties());
        p.put("application.id", group(name));
        RecordLoggers.install(p, settings.client().loggers(), RecordLogger.Type.PRODUCER, "producer.");
        RecordLoggers.install(p, settings.client().loggers(), RecordLogger.Type.CONSUMER, "consumer.");
        return p;
    }

    /** Partitions of a new topic. */
    public int partitions(Topic topic) {
        return Integer.parseInt(topicConfig(topic).getOrDefault("partitions",
            String.valueOf(settings.defaults().topic().partitions())));
    }

    /** Replication factor of a new topic. */
    public short replicationFactor(Topic topic) {
        return Short.parseShort(topicConfig(topic).getOrDefault("replication.factor",
            String.valueOf(settings.defaults().topic().replicationFactor())));
    }

    /**
     * The configs a topic is created with: its cleanup policy and retention, then the topic defaults,
     * then its own properties. {@code partitions} and {@code replication.factor} may appear among
     * them and are taken out by the creator.
     */
    public Map<String, String> topicConfig(Topic topic) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanup().policy());
        c.put(TopicConfig.RETENTION_MS_CONFIG, topic.retention() == null ? "-1" : String.valueOf(topic.retention().toMillis()));
        c.putAll(settings.defaults().topic().properties());
        KafkaSettings.TopicSettings t = settings.defaults().topics().get(topic.baseName());
        if (t != null) {
            c.putAll(t.properties());
        }
        return c;
    }
}
