package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.ConcurrencyLimiter;
import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.executor.orchestrator.Timer;
import io.millrace.kafka.streams.DeadLetterLogging;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.RecordLimits;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.worker.DeadWorker;
import io.millrace.model.worker.WorkerTaskRunning;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Properties;

/**
 * The executor as a Kafka Streams {@link Topology}:
 * <pre>
 *   execution_commands ──┐
 *   worker_task_results ─┤
 *   worker_task_running ─┼─► executor (orchestrator + stores) ─► executions, taskruns, worker_tasks,
 *   dead_workers ────────┘                                        worker_task_running (tombstones),
 *                                                                execution_commands, execution_killed,
 *                                                                logs, concurrency_slots, dead_letters
 *   concurrency_slots ──► concurrency (per-flow slots) ─► execution_commands
 *   flow_revisions ──► global store ─► in-memory FlowCache
 * </pre>
 * Values are read as bytes and decoded inside the processors, so an unreadable record becomes a
 * dead letter instead of stopping the stream; the executor's outputs are serialised and measured in the
 * processor, so that no record is larger than its topic takes.
 */
public final class ExecutorTopology {

    /** The application name; its application id is {@code KafkaClients.group(APPLICATION)}. */
    public static final String APPLICATION = "executor";

    private ExecutorTopology() {
    }

    /** The topology keeping records under Kafka's default 1 MiB (without asking the broker), for tests. */
    public static Topology build(KafkaClients kafka, Orchestrator orchestrator, FlowCache flows, ExecutorSettings settings) {
        return build(kafka, orchestrator, flows, settings, RecordLimits.uniform(RecordLimits.KAFKA_DEFAULT),
            PoisonRecords.of(kafka.group(APPLICATION)));
    }

    /**
     * The topology.
     *
     * @param limits how large a record each topic takes (the executor never writes a larger one)
     * @param poison shared with {@link ExecutorProductionErrors} through the stream properties
     */
    public static Topology build(KafkaClients kafka, Orchestrator orchestrator, FlowCache flows, ExecutorSettings settings,
                                 RecordLimits limits, PoisonRecords poison) {
        Serde<String> keys = Serdes.String();
        Serde<byte[]> bytes = Serdes.ByteArray();
        Topology t = new Topology();

        ExecutionProcessor.Inputs inputs = new ExecutionProcessor.Inputs(kafka.topic(Topic.EXECUTION_COMMANDS),
            kafka.topic(Topic.WORKER_TASK_RESULTS), kafka.topic(Topic.WORKER_TASK_RUNNING),
            kafka.topic(Topic.DEAD_WORKERS));
        t.addSource("source-commands", keys.deserializer(), bytes.deserializer(), inputs.commands());
        t.addSource("source-results", keys.deserializer(), bytes.deserializer(), inputs.results());
        t.addSource("source-running", keys.deserializer(), bytes.deserializer(), inputs.running());
        t.addSource("source-dead-workers", keys.deserializer(), bytes.deserializer(), inputs.deadWorkers());
        java.util.function.Function<Sinks, String> names = sink -> kafka.topic(sink.topic());
        t.addProcessor("executor", () -> new ExecutionProcessor(orchestrator, flows, settings, inputs, limits, names,
                poison),
            "source-commands", "source-results", "source-running", "source-dead-workers");
        t.addStateStore(store(Stores.HEADERS, new VersionedJsonSerde<>(ExecutionHeader.class)), "executor");
        t.addStateStore(store(Stores.TASK_RUNS, new VersionedJsonSerde<>(TaskRun.class)), "executor");
        t.addStateStore(store(Stores.TIMERS, new VersionedJsonSerde<>(Timer.class)), "executor");
        t.addStateStore(store(Stores.EVICTIONS, Serdes.String()), "executor");
        t.addStateStore(store(Stores.PENDING, new VersionedJsonSerde<>(PendingCreation.class)), "executor");
        t.addStateStore(store(Stores.HELD, new VersionedJsonSerde<>(WorkerTaskRunning.class)), "executor");
        t.addStateStore(store(Stores.HELD_BY_WORKER, Serdes.String()), "executor");
        t.addStateStore(store(Stores.DEAD_INCARNATIONS, new VersionedJsonSerde<>(DeadWorker.class)), "executor");

        t.addSource("source-slots", keys.deserializer(), bytes.deserializer(), kafka.topic(Topic.CONCURRENCY_SLOTS));
        t.addProcessor("concurrency", ConcurrencyProcessor::new, "source-slots");
        t.addStateStore(store(Stores.SLOTS, new VersionedJsonSerde<>(ConcurrencyLimiter.FlowSlots.class)), "concurrency");

        OutboundValues values = new OutboundValues();
        for (Sinks sink : Sinks.values()) {
            String[] parents = switch (sink) {
                case EXECUTION_COMMANDS, DEAD_LETTERS -> new String[] {"executor", "concurrency"};
                default -> new String[] {"executor"};
            };
            if (sink.topic().keyedByExecution()) {
                t.addSink(sink.node(), kafka.topic(sink.topic()), keys.serializer(), values,
                    ExecutionIdStreamPartitioner.INSTANCE, parents);
            } else {
                t.addSink(sink.node(), kafka.topic(sink.topic()), keys.serializer(), values, parents);
            }
        }

        t.addGlobalStore(
            org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.persistentKeyValueStore(Stores.FLOWS), keys, bytes)
                .withLoggingDisabled(),
            "source-flow-revisions", keys.deserializer(), bytes.deserializer(), kafka.topic(Topic.FLOW_REVISIONS),
            "flow-revisions", () -> new FlowStoreUpdater(Stores.FLOWS, flows));
        return t;
    }

    /**
     * The Kafka Streams properties of the executor: Millrace's stream defaults ({@link KafkaClients#streams},
     * exactly once), its threads, and the error handlers that keep one execution's failure from stopping the
     * others: {@link ExecutorProductionErrors} for a refused write, {@link DeadLetterLogging} for what escapes
     * the processors.
     */
    public static Properties properties(KafkaClients kafka, ExecutorSettings settings) {
        Properties props = new Properties();
        props.putAll(kafka.streams(APPLICATION));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(settings.streamThreads()));
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ExecutorProductionErrors.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterLogging.class.getName());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterLogging.class.getName());
        return props;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
            org.apache.kafka.streams.state.Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }
}
