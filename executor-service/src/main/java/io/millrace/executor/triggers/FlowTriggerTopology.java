package io.millrace.executor.triggers;

import io.millrace.kafka.streams.DeadLetterLogging;
import io.millrace.kafka.KafkaClients;
import io.millrace.model.execution.TaskRun;
import io.millrace.template.TemplateEngine;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.triggers.TriggerMatcher;
import io.millrace.triggers.TriggerWindows;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Properties;

/**
 * The flow-trigger stream as a Kafka Streams {@link Topology}, its own application
 * ({@value #APPLICATION}) beside the executor's:
 * <pre>
 *   taskruns ───┐
 *               ├─► execution-ends (task runs until the end; pending ends; end marks) ─► execution_commands
 *   executions ─┘                                                      │                 dead_letters
 *                                                                      ▼
 *   flow_trigger_windows (keyed namespace/flowId/triggerId) ─► trigger-windows (window states) ─► execution_commands
 *                                                                                                 dead_letters
 *   flows ──► global store ─► in-memory FlowCatalog (parsed flows, trigger index)
 * </pre>
 * Values are read as bytes and decoded inside the processors, so an unreadable record becomes a
 * dead letter instead of stopping the stream. Start it with
 * {@code new KafkaStreams(FlowTriggerTopology.build(kafka), FlowTriggerTopology.properties(kafka))}.
 * The {@code flow_trigger_windows} topic must exist like the other Millrace topics.
 */
public final class FlowTriggerTopology {

    /** The application name; its application id is {@code KafkaClients.group(APPLICATION)}. */
    public static final String APPLICATION = "flow-triggers";

    private FlowTriggerTopology() {
    }

    /** The topology with default settings, a secret-less template engine and a catalog of its own. */
    public static Topology build(KafkaClients kafka) {
        return build(kafka, new FlowCatalog(), new TriggerMatcher(new TemplateEngine()), FlowTriggerSettings.DEFAULTS);
    }

    /**
     * The topology.
     *
     * @param catalog filled by the topology's global store; pass one per {@code KafkaStreams} instance
     * @param matcher renders trigger inputs: give it the engine (and secrets) the executor uses
     */
    public static Topology build(KafkaClients kafka, FlowCatalog catalog, TriggerMatcher matcher,
                                 FlowTriggerSettings settings) {
        Serde<String> keys = Serdes.String();
        Serde<byte[]> bytes = Serdes.ByteArray();
        Topology t = new Topology();

        String executions = kafka.topic(Topic.EXECUTIONS);
        t.addSource("source-taskruns", keys.deserializer(), bytes.deserializer(), kafka.topic(Topic.TASKRUNS));
        t.addSource("source-executions", keys.deserializer(), bytes.deserializer(), executions);
        t.addProcessor(TriggerStores.ENDS_NODE, () -> new ExecutionEndProcessor(catalog, matcher, settings, executions),
            "source-taskruns", "source-executions");
        t.addStateStore(store(TriggerStores.TASK_RUNS, new VersionedJsonSerde<>(TaskRun.class)), TriggerStores.ENDS_NODE);
        t.addStateStore(store(TriggerStores.PENDING_ENDS, new VersionedJsonSerde<>(PendingEnd.class)),
            TriggerStores.ENDS_NODE);
        t.addStateStore(store(TriggerStores.END_MARKS, new VersionedJsonSerde<>(EndMark.class)), TriggerStores.ENDS_NODE);
        t.addStateStore(store(TriggerStores.END_EXPIRIES, Serdes.String()), TriggerStores.ENDS_NODE);

        t.addSource("source-windows", keys.deserializer(), bytes.deserializer(), kafka.topic(Topic.FLOW_TRIGGER_WINDOWS));
        t.addProcessor(TriggerStores.WINDOWS_NODE, TriggerWindowProcessor::new, "source-windows");
        t.addStateStore(store(TriggerStores.WINDOWS, new VersionedJsonSerde<>(TriggerWindows.class)),
            TriggerStores.WINDOWS_NODE);

        VersionedJsonSerde<Object> values = new VersionedJsonSerde<>(Object.class);
        t.addSink(TriggerStores.COMMANDS_SINK, kafka.topic(Topic.EXECUTION_COMMANDS), keys.serializer(), values,
            CommandPartitioner.INSTANCE, TriggerStores.ENDS_NODE, TriggerStores.WINDOWS_NODE);
        t.addSink(TriggerStores.WINDOWS_SINK, kafka.topic(Topic.FLOW_TRIGGER_WINDOWS), keys.serializer(), values,
            TriggerStores.ENDS_NODE);
        t.addSink(TriggerStores.DEAD_LETTERS_SINK, kafka.topic(Topic.DEAD_LETTERS), keys.serializer(), values,
            TriggerStores.ENDS_NODE, TriggerStores.WINDOWS_NODE);

        t.addGlobalStore(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TriggerStores.FLOWS), keys, bytes)
                .withLoggingDisabled(),
            "source-flows", keys.deserializer(), bytes.deserializer(), kafka.topic(Topic.FLOWS),
            "flow-catalog", () -> new FlowCatalogUpdater(TriggerStores.FLOWS, catalog));
        return t;
    }

    /**
     * The Kafka Streams properties: Millrace's stream defaults ({@link KafkaClients#streams}, exactly
     * once) under this application's id, with {@link DeadLetterLogging} as the deserialization and
     * processing exception handler so that the stream keeps running past a record it cannot handle.
     */
    public static Properties properties(KafkaClients kafka) {
        Properties props = new Properties();
        props.putAll(kafka.streams(APPLICATION));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterLogging.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterLogging.class.getName());
        return props;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }
}
