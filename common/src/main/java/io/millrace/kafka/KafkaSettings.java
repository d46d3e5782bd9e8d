package io.millrace.kafka;

import io.millrace.model.LogLevel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything under {@code millrace.kafka}: how every service reaches Kafka and names and sizes
 * its topics. The keys mirror what Kestra's Kafka users know. See {@code docs/configuration.md}.
 *
 * @param client   properties given to every Kafka client (bootstrap servers, SSL, SASL…) and the
 *                 record loggers
 * @param defaults topic, consumer, producer and stream defaults, prefixes and per-topic settings
 * @param stream   Kafka Streams settings of this process
 * @param connectTimeout how long a service starting waits for Kafka to answer at the bootstrap servers
 *                       before it gives up with a message saying why
 */
@ConfigurationProperties("millrace.kafka")
public record KafkaSettings(
    @DefaultValue Client client,
    @DefaultValue Defaults defaults,
    Stream stream,
    @DefaultValue("30s") Duration connectTimeout
) {

    /** How long a starting service waits for Kafka unless told otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    @ConstructorBinding
    public KafkaSettings {
        if (stream == null) {
            stream = new Stream(null);
        }
        if (connectTimeout == null) {
            connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("millrace.kafka.connect-timeout must be positive, not " + connectTimeout);
        }
    }

    /** Settings with the default connect timeout. */
    public KafkaSettings(Client client, Defaults defaults, Stream stream) {
        this(client, defaults, stream, DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Settings of every client.
     *
     * @param properties any Kafka client property ({@code bootstrap.servers}, {@code security.protocol}…)
     * @param loggers    log the records that match, for debugging
     */
    public record Client(
        @DefaultValue Map<String, String> properties,
        @DefaultValue List<RecordLogger> loggers
    ) {
    }

    /**
     * Logs produced or consumed records whose topic, key and value match the regular expressions.
     *
     * @param type         PRODUCER, CONSUMER, or null for both
     * @param topicRegexp  matched against the full topic name (null: any)
     * @param keyRegexp    matched against the key (null: any)
     * @param valueRegexp  matched against the value as text (null: any)
     * @param level        the level of the log lines
     */
    public record RecordLogger(Type type, String topicRegexp, String keyRegexp, String valueRegexp,
                               @DefaultValue("INFO") LogLevel level) {

        /** Which direction of records a logger watches. */
        public enum Type { PRODUCER, CONSUMER }
    }

    /**
     * Defaults of topics and clients.
     *
     * @param topicPrefix    prefix of every topic name (two installations can share a cluster)
     * @param consumerPrefix prefix of every consumer group and Kafka Streams application id
     * @param topic          partitions, replication factor and properties of new topics
     * @param consumer       consumer properties ({@code read_committed}, {@code earliest}, no auto commit)
     * @param producer       producer properties ({@code acks=all}, {@code lz4}, idempotence)
     * @param stream         Kafka Streams properties ({@code exactly_once_v2})
     * @param topics         per topic (by base name, e.g. {@code executions}): another name, extra properties
     */
    public record Defaults(
        @DefaultValue("millrace_") String topicPrefix,
        @DefaultValue("millrace_") String consumerPrefix,
        @DefaultValue TopicDefaults topic,
        @DefaultValue({}) ClientDefaults consumer,
        @DefaultValue({}) ClientDefaults producer,
        @DefaultValue({}) ClientDefaults stream,
        @DefaultValue Map<String, TopicSettings> topics
    ) {
    }

    /**
     * Settings of new topics.
     *
     * @param partitions        partitions of each topic (the unit of parallelism of every service)
     * @param replicationFactor copies of each partition (3 in production, 1 on one machine)
     * @param properties        topic configs applied to every topic (e.g. {@code min.insync.replicas})
     */
    public record TopicDefaults(
        @DefaultValue("16") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue Map<String, String> properties
    ) {
    }

    /** Client properties layered over Millrace's own defaults. */
    public record ClientDefaults(@DefaultValue Map<String, String> properties) {
    }

    /**
     * One topic's settings.
     *
     * @param name       its full name, replacing prefix + base name
     * @param properties topic configs (e.g. {@code retention.ms}) over the defaults
     */
    public record TopicSettings(String name, @DefaultValue Map<String, String> properties) {
    }

    /**
     * Kafka Streams settings of this process.
     *
     * @param stateDir where state stores live (default: {@code millrace-streams} in the temp directory;
     *                 keep it across restarts to avoid restoring stores from their changelogs)
     */
    public record Stream(Path stateDir) {
        public Stream {
            if (stateDir == null) {
                stateDir = Path.of(System.getProperty("java.io.tmpdir"), "millrace-streams");
            }
        }
    }

    /** Settings with every default: one local broker at {@code bootstrapServers}. */
    public static KafkaSettings local(String bootstrapServers) {
        return new KafkaSettings(
            new Client(Map.of("bootstrap.servers", bootstrapServers), List.of()),
            new Defaults("millrace_", "millrace_", new TopicDefaults(16, (short) 1, Map.of()),
                new ClientDefaults(Map.of()), new ClientDefaults(Map.of()), new ClientDefaults(Map.of()), Map.of()),
            new Stream(null));
    }
}
