package io.millrace.executor.workers;

import io.millrace.model.worker.DeadWorker;
import io.millrace.model.worker.WorkerInstance;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.HeaderNames;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka shell of the dead-worker detector: reads every worker's instance records (all of them meet
 * on the one partition of a repartition topic, so one instance of the detector sees the whole group),
 * lets {@link WorkerLiveness} decide, stores what changed and forwards the verdicts: a {@link DeadWorker}
 * for {@code dead_workers}, a tombstone (marked with {@link HeaderNames#DECLARED_DEAD}) for the dead
 * worker's instance record. A wall-clock punctuator checks suspects and heartbeats.
 */
final class DeadWorkerProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(DeadWorkerProcessor.class);
    private static final VersionedJsonSerde<WorkerInstance> INSTANCES = VersionedJsonSerde.of(Topic.WORKER_INSTANCES);

    static final String STORE = "tracked-workers";

    private final WorkerLiveness liveness;
    private final LivenessSettings settings;
    private final Map<String, TrackedWorker> workers = new HashMap<>();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, TrackedWorker> store;

    DeadWorkerProcessor(LivenessSettings settings) {
        this.settings = settings;
        this.liveness = new WorkerLiveness(settings);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        long now = context.currentSystemTimeMs();
        workers.clear();
        try (KeyValueIterator<String, TrackedWorker> it = store.all()) {
            // heartbeats sent while no detector ran were not seen: the timeout counts from now
            it.forEachRemaining(kv -> workers.put(kv.key, kv.value.isDead() ? kv.value
                : kv.value.seen(Math.max(now, kv.value.lastSeen()))));
        }
        context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME,
            t -> apply(new WorkerLiveness.Tick(), context.currentSystemTimeMs()));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        long now = context.currentSystemTimeMs();
        if (record.value() == null) {
            if (header(record, HeaderNames.DECLARED_DEAD) == null) {
                apply(new WorkerLiveness.Removed(record.key(), header(record, HeaderNames.INCARNATION)), now);
            }
            return;
        }
        WorkerInstance instance;
        try {
            instance = INSTANCES.deserialize(Topic.WORKER_INSTANCES.baseName(), record.value());
        } catch (SerializationException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (instance == null || !record.key().equals(instance.workerId())) {
            deadLetter(record, "an instance record whose key is not its worker id");
            return;
        }
        apply(new WorkerLiveness.Announced(instance), now);
    }

    private void apply(WorkerLiveness.Signal signal, long now) {
        WorkerLiveness.Outcome outcome = liveness.apply(workers, signal, now);
        for (TrackedWorker t : outcome.changed()) {
            workers.put(t.workerId(), t);
            store.put(t.workerId(), t);
        }
        for (String id : outcome.forgotten()) {
            workers.remove(id);
            store.delete(id);
        }
        for (DeadWorker d : outcome.dead()) {
            LOG.warn("{} (incarnation {}) is declared dead: {}; the attempts it held are sent again", d.describe(),
                d.incarnation(), d.reason());
            context.forward(new Record<>(d.workerId(), (Object) d, now));
        }
        for (DeadWorker d : outcome.tombstones()) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(new RecordHeader(HeaderNames.DECLARED_DEAD, d.incarnation().getBytes(StandardCharsets.UTF_8)));
            context.forward(new Record<>(d.workerId(), null, now, headers));
        }
    }

    private static String header(Record<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void deadLetter(Record<String, byte[]> record, String error) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        DeadLetter letter = DeadLetter.of(meta == null ? null : meta.topic(), meta == null ? -1 : meta.partition(),
            meta == null ? -1 : meta.offset(), record.key(), record.value(), error, "dead-worker-detector",
            Instant.ofEpochMilli(context.currentSystemTimeMs()), DeadLetter.budget(context.appConfigs()));
        context.forward(new Record<>(record.key(), (Object) letter, context.currentSystemTimeMs()));
    }
}
