package io.millrace.kafka;

import io.millrace.topics.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How large a record Millrace may write to each topic: the smaller of its producer's
 * {@code max.request.size} and the topic's {@code max.message.bytes} (which defaults to the broker's
 * {@code message.max.bytes}), less room for the key and Kafka's own framing. A writer measures what it
 * is about to send against it, so that the broker never refuses a record: under exactly-once, one refused
 * record aborts the whole transaction, and the stream replays it for ever.
 */
public final class RecordLimits {

    /** Kafka's default for both {@code max.request.size} and (about) {@code message.max.bytes}: 1 MiB. */
    public static final int KAFKA_DEFAULT = 1_048_576;
    /** Room kept for record and batch headers, Millrace's headers and compression that does not compress. */
    private static final int FRAMING = 1_024;

    private static final Logger LOG = LoggerFactory.getLogger(RecordLimits.class);

    private final int producerMax;
    private final Map<String, Integer> topicMax = new ConcurrentHashMap<>();

    private RecordLimits(int producerMax) {
        this.producerMax = producerMax;
    }

    /** The same limit for every topic (tests, or when the broker cannot be asked). */
    public static RecordLimits uniform(int maxBytes) {
        return new RecordLimits(maxBytes);
    }

    /**
     * The limits of {@code clients}' topics for a producer configured with {@code producer} (a Kafka Streams
     * application's properties work too: {@code producer.max.request.size} is read), asking the broker for
     * each topic's {@code max.message.bytes}. When the broker cannot tell, the producer's limit stands.
     */
    public static RecordLimits of(KafkaClients clients, Map<String, ?> producer) {
        RecordLimits limits = new RecordLimits(producerMax(producer));
        limits.refresh(clients);
        return limits;
    }

    static int producerMax(Map<String, ?> producer) {
        Object v = producer.get("producer." + ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (v == null) {
            v = producer.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        return v == null ? KAFKA_DEFAULT : Integer.parseInt(v.toString().trim());
    }

    /** Asks the broker again for every Millrace topic's {@code max.message.bytes} (an operator may change it). */
    public void refresh(KafkaClients clients) {
        List<ConfigResource> resources = new ArrayList<>();
        for (Topic t : Topic.values()) {
            resources.add(new ConfigResource(ConfigResource.Type.TOPIC, clients.topic(t)));
        }
        try (Admin admin = Admin.create(clients.admin())) {
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            configs.forEach((resource, config) -> {
                ConfigEntry e = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (e != null && e.value() != null) {
                    topicMax.put(resource.name(), Integer.parseInt(e.value()));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("cannot read the topics' max.message.bytes ({}); records are kept under {} bytes",
                e.getMessage(), producerMax);
        }
    }

    /** The largest record (key and value) that {@code topic} takes from this writer. */
    public int maxRecord(String topic) {
        Integer t = topicMax.get(topic);
        return t == null ? producerMax : Math.min(producerMax, t);
    }

    /** Whether a record of {@code keyBytes} + {@code valueBytes} fits {@code topic}, framing included. */
    public boolean fits(String topic, int keyBytes, int valueBytes) {
        return valueBytes <= valueBudget(topic, keyBytes);
    }

    /**
     * The most value bytes a record keyed by {@code keyBytes} bytes may carry on {@code topic}: the limit less
     * the framing and 0.5% for data that compression makes larger (the broker checks the compressed batch).
     */
    public int valueBudget(String topic, int keyBytes) {
        int max = maxRecord(topic);
        return Math.max(0, max - max / 200 - FRAMING - keyBytes);
    }
}
