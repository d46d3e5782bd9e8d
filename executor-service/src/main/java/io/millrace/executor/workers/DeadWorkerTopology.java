package io.millrace.executor.workers;

import io.millrace.kafka.KafkaClients;
import io.millrace.model.worker.DeadWorker;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The dead-worker detector, a Kafka Streams application of its own ({@value #APPLICATION}) in every executor:
 * <pre>
 *   worker_instances ─► repartition (1 partition) ─► detector (tracked workers) ─► dead_workers (every partition)
 *                                                                               ─► worker_instances (tombstones)
 *                                                                               ─► dead_letters
 * </pre>
 * Instance records are keyed by worker id and spread over partitions; the repartition topic gathers them on
 * one partition so that one detector instance sees every worker of the group (and another executor takes it
 * over on failure). A verdict goes to every partition of {@code dead_workers}, so that each executor task
 * — each owning the attempts of its own executions — gets it.
 */
public final class DeadWorkerTopology {

    /** The application name; its application id is {@code KafkaClients.group(APPLICATION)}. */
    public static final String APPLICATION = "dead-workers";

    private DeadWorkerTopology() {
    }

    public static Topology build(KafkaClients kafka, LivenessSettings settings) {
        String instances = kafka.topic(Topic.WORKER_INSTANCES);
        String deadWorkers = kafka.topic(Topic.DEAD_WORKERS);
        String deadLetters = kafka.topic(Topic.DEAD_LETTERS);
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DeadWorkerProcessor.STORE),
            Serdes.String(), new VersionedJsonSerde<>(TrackedWorker.class)));
        b.stream(instances, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("source-instances"))
            .repartition(Repartitioned.<String, byte[]>with(Serdes.String(), Serdes.ByteArray())
                .withName("instances").withNumberOfPartitions(1))
            .process(() -> new DeadWorkerProcessor(settings), Named.as("detector"), DeadWorkerProcessor.STORE)
            .to((key, value, context) -> value instanceof DeadWorker ? deadWorkers
                    : value instanceof DeadLetter ? deadLetters : instances,
                Produced.<String, Object>with(Serdes.String(), new VersionedJsonSerde<>(Object.class))
                    .withStreamPartitioner(new VerdictPartitioner(deadWorkers)).withName("verdicts"));
        return b.build();
    }

    /** The Kafka Streams properties: Millrace's stream defaults under this application's id. */
    public static Properties properties(KafkaClients kafka) {
        Properties props = new Properties();
        Map<String, Object> p = kafka.streams(APPLICATION);
        props.putAll(p);
        // one partition, little state: one thread is plenty
        props.put("num.stream.threads", "1");
        return props;
    }

    /**
     * A verdict goes to every partition of {@code dead_workers}; anything else by its key's hash, as the
     * workers' own producers place instance records.
     */
    private record VerdictPartitioner(String deadWorkers) implements StreamPartitioner<String, Object> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, Object value, int partitions) {
            if (topic.equals(deadWorkers)) {
                return Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet()));
            }
            byte[] bytes = (key == null ? "" : key).getBytes(StandardCharsets.UTF_8);
            return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bytes)) % partitions));
        }
    }
}
