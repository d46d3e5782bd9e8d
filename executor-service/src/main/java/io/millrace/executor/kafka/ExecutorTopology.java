package io.millrace.executor.kafka;

import io.millrace.executor.orchestrator.ConcurrencyLimiter;
import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.executor.orchestrator.Timer;
import io.millrace.kafka.KafkaClients;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.TaskRun;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The executor as a Kafka Streams {@link Topology}:
 * <pre>
 *   execution_commands ─┐
 *                       ├─► executor (orchestrator + stores) ─► executions, taskruns, worker_tasks,
 *   worker_task_results ┘                                        worker_task_running (tombstones),
 *                                                                execution_commands, execution_killed,
 *                                                                logs, concurrency_slots, dead_letters
 *   concurrency_slots ──► concurrency (per-flow slots) ─► execution_commands
 *   flow_revisions ──► global store ─► in-memory FlowCache
 * </pre>
 * Values are read as bytes and decoded inside the processors, so an unreadable record becomes a
 * dead letter instead of stopping the stream.
 */
public final class ExecutorTopology {

    private ExecutorTopology() {
    }

    public static Topology build(KafkaClients kafka, Orchestrator orchestrator, FlowCache flows, ExecutorSettings settings) {
        Serde<String> keys = Serdes.String();
        Serde<byte[]> bytes = Serdes.ByteArray();
        Topology t = new Topology();

        String commands = kafka.topic(Topic.EXECUTION_COMMANDS);
        t.addSource("source-commands", keys.deserializer(), bytes.deserializer(), commands);
        t.addSource("source-results", keys.deserializer(), bytes.deserializer(), kafka.topic(Topic.WORKER_TASK_RESULTS));
        t.addProcessor("executor", () -> new ExecutionProcessor(orchestrator, flows, settings, commands),
            "source-commands", "source-results");
        t.addStateStore(store(Stores.HEADERS, new VersionedJsonSerde<>(ExecutionHeader.class)), "executor");
        t.addStateStore(store(Stores.TASK_RUNS, new VersionedJsonSerde<>(TaskRun.class)), "executor");
        t.addStateStore(store(Stores.TIMERS, new VersionedJsonSerde<>(Timer.class)), "executor");
        t.addStateStore(store(Stores.EVICTIONS, Serdes.String()), "executor");
        t.addStateStore(store(Stores.PENDING, new VersionedJsonSerde<>(PendingCreation.class)), "executor");

        t.addSource("source-slots", keys.deserializer(), bytes.deserializer(), kafka.topic(Topic.CONCURRENCY_SLOTS));
        t.addProcessor("concurrency", ConcurrencyProcessor::new, "source-slots");
        t.addStateStore(store(Stores.SLOTS, new VersionedJsonSerde<>(ConcurrencyLimiter.FlowSlots.class)), "concurrency");

        VersionedJsonSerde<Object> values = new VersionedJsonSerde<>(Object.class);
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

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
            org.apache.kafka.streams.state.Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }
}
