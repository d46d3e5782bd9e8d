package io.millrace.scheduler.kafka;

import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.streams.DeadLetterLogging;
import io.millrace.scheduler.SchedulerSettings;
import io.millrace.scheduler.schedule.HeldTrigger;
import io.millrace.scheduler.schedule.TriggerRules;
import io.millrace.serde.FlowParser;
import io.millrace.topics.ExecutionIdPartitioner;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The scheduler as a Kafka Streams {@link Topology}, application {@value #APPLICATION}:
 * <pre>
 *   flows ──────────────────────┐
 *   trigger_commands ───────────┼─► triggers (trigger states + due index; wall-clock tick) ─► execution_commands
 *   trigger_evaluation_results ─┘                                                           triggers
 *                                                                                           trigger_evaluations
 *   executions ─► execution-ends (ends of executions a trigger started) ─► trigger_commands  dead_letters
 * </pre>
 * The three inputs of the triggers processor are keyed {@code namespace/flowId} and partitioned alike, so
 * each task holds every record about the flows of its partition: Kafka's consumer group spreads flows over
 * scheduler instances and moves them (with their stores) when one stops or dies.
 */
public final class SchedulerTopology {

    /** The application name; its application id is {@code KafkaClients.group(APPLICATION)}. */
    public static final String APPLICATION = "scheduler";

    private SchedulerTopology() {
    }

    /** The topology; {@code metrics} records fires and ticks. */
    public static Topology build(KafkaClients kafka, TriggerRules rules, SchedulerSettings settings,
                                 SchedulerMetrics metrics) {
        Serde<String> keys = Serdes.String();
        Serde<byte[]> bytes = Serdes.ByteArray();
        VersionedJsonSerde<Object> values = new VersionedJsonSerde<>(Object.class);
        FlowParser parser = new FlowParser();
        Map<String, String> sources = Map.of(
            Topic.FLOWS.baseName(), kafka.topic(Topic.FLOWS),
            Topic.TRIGGER_COMMANDS.baseName(), kafka.topic(Topic.TRIGGER_COMMANDS),
            Topic.TRIGGER_EVALUATION_RESULTS.baseName(), kafka.topic(Topic.TRIGGER_EVALUATION_RESULTS));

        Topology t = new Topology();
        t.addSource("source-flows", keys.deserializer(), bytes.deserializer(), kafka.topic(Topic.FLOWS));
        t.addSource("source-trigger-commands", keys.deserializer(), bytes.deserializer(),
            kafka.topic(Topic.TRIGGER_COMMANDS));
        t.addSource("source-evaluation-results", keys.deserializer(), bytes.deserializer(),
            kafka.topic(Topic.TRIGGER_EVALUATION_RESULTS));
        t.addProcessor(SchedulerStores.TRIGGERS_NODE, () -> new TriggerProcessor(rules, settings, parser, sources, metrics),
            "source-flows", "source-trigger-commands", "source-evaluation-results");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SchedulerStores.TRIGGERS), keys,
            new VersionedJsonSerde<>(HeldTrigger.class)), SchedulerStores.TRIGGERS_NODE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SchedulerStores.DUE), keys, keys),
            SchedulerStores.TRIGGERS_NODE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SchedulerStores.TICKS), keys,
            Serdes.Long()), SchedulerStores.TRIGGERS_NODE);

        t.addSource("source-executions", keys.deserializer(), bytes.deserializer(), kafka.topic(Topic.EXECUTIONS));
        t.addProcessor(SchedulerStores.ENDS_NODE, EndWatcher::new, "source-executions");

        t.addSink(SchedulerStores.COMMANDS_SINK, kafka.topic(Topic.EXECUTION_COMMANDS), keys.serializer(), values,
            BY_EXECUTION, SchedulerStores.TRIGGERS_NODE);
        t.addSink(SchedulerStores.STATES_SINK, kafka.topic(Topic.TRIGGERS), keys.serializer(), values,
            SchedulerStores.TRIGGERS_NODE);
        t.addSink(SchedulerStores.EVALUATIONS_SINK, kafka.topic(Topic.TRIGGER_EVALUATIONS), keys.serializer(), values,
            SchedulerStores.TRIGGERS_NODE);
        t.addSink(SchedulerStores.TRIGGER_COMMANDS_SINK, kafka.topic(Topic.TRIGGER_COMMANDS), keys.serializer(), values,
            SchedulerStores.ENDS_NODE);
        t.addSink(SchedulerStores.DEAD_LETTERS_SINK, kafka.topic(Topic.DEAD_LETTERS), keys.serializer(), values,
            SchedulerStores.TRIGGERS_NODE);
        return t;
    }

    /** Commands go to the partition of their execution id, as the executor expects. */
    private static final StreamPartitioner<String, Object> BY_EXECUTION = new StreamPartitioner<>() {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, Object value, int numPartitions) {
            return Optional.of(Set.of(ExecutionIdPartitioner.partition(key, numPartitions)));
        }
    };

    /**
     * The Kafka Streams properties: Millrace's stream defaults (exactly once) under this application's id,
     * its threads and commit interval, and {@link DeadLetterLogging} as the last line of defence.
     */
    public static Properties properties(KafkaClients kafka, SchedulerSettings settings) {
        Properties props = new Properties();
        props.putAll(kafka.streams(APPLICATION));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(settings.streamThreads()));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(settings.commitInterval().toMillis()));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterLogging.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterLogging.class.getName());
        return props;
    }
}
