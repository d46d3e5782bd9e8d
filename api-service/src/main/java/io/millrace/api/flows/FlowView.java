package io.millrace.api.flows;

import io.millrace.api.kafka.ReaderThreads;
import io.millrace.kafka.KafkaClients;
import io.millrace.model.FlowRecord;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;

/**
 * The api's copy of the {@code flows} and {@code flow_revisions} topics: the newest revision of
 * every flow, deleted ones included (a flow created again goes on counting its revisions), and every
 * revision. One thread reads every partition of both from the beginning (committed records only)
 * and keeps reading; writers wait until it has read past their own records, so a read right after a
 * write sees it. Flow sources are small and few next to executions: the view holds them all in memory
 * (about the size of the two topics).
 */
public final class FlowView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowView.class);
    private static final VersionedJsonSerde<FlowRecord> SERDE = VersionedJsonSerde.of(Topic.FLOWS);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final String revisionsTopic;
    private final Map<String, FlowRecord> flows = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<Integer, FlowRecord>> revisions = new ConcurrentHashMap<>();
    /** Guarded by this: the next offset to read, per partition. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public FlowView(KafkaClients kafka) {
        this.topic = kafka.topic(Topic.FLOWS);
        this.revisionsTopic = kafka.topic(Topic.FLOW_REVISIONS);
        this.consumer = new KafkaConsumer<>(kafka.consumer(null, "millrace-api-flows"), new StringDeserializer(),
            new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().daemon().name("millrace-api-flows").unstarted(this::read);
    }

    /** Starts reading and waits until every flow written before now is in the view. */
    public FlowView start(Duration timeout) throws TimeoutException, InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String t : List.of(topic, revisionsTopic)) {
            consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        thread.start();
        awaitPast(ends, timeout);
        LOG.info("flow view ready: {} flows", flows.size());
        return this;
    }

    private void read() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> r : records) {
                    apply(r);
                }
                synchronized (this) {
                    for (TopicPartition tp : consumer.assignment()) {
                        positions.put(tp, consumer.position(tp));
                    }
                    notifyAll();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the flow view stopped reading {}: {}", topic, e.getMessage(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        boolean revision = r.topic().equals(revisionsTopic);
        if (r.value() == null) {
            if (!revision) {
                flows.remove(r.key());
            }
            return;
        }
        try {
            FlowRecord flow = SERDE.deserialize(r.topic(), r.value());
            if (revision) {
                revisions.computeIfAbsent(flow.key(), k -> new ConcurrentSkipListMap<>()).put(flow.revision(), flow);
            } else {
                flows.merge(flow.key(), flow, (a, b) -> b.revision() >= a.revision() ? b : a);
            }
        } catch (SerializationException e) {
            LOG.warn("flow record {} at {}-{}@{} cannot be read and is ignored: {}", r.key(), r.topic(), r.partition(),
                r.offset(), e.getMessage());
        }
    }

    /** Waits until the view has read every record before {@code offsets} (next offsets, per partition). */
    public void awaitPast(Map<TopicPartition, Long> offsets, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!past(offsets)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("the flow view did not catch up with " + topic + " within " + timeout);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private boolean past(Map<TopicPartition, Long> offsets) {
        for (var e : offsets.entrySet()) {
            if (positions.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The newest revision of a flow that is not deleted. */
    public Optional<FlowRecord> latest(String namespace, String id) {
        return Optional.ofNullable(flows.get(namespace + "/" + id)).filter(f -> !f.deleted());
    }

    /** The newest revision of a flow, deleted or not. */
    public Optional<FlowRecord> newest(String namespace, String id) {
        return Optional.ofNullable(flows.get(namespace + "/" + id));
    }

    /** One revision of a flow, deleted or not. */
    public Optional<FlowRecord> revision(String namespace, String id, int revision) {
        NavigableMap<Integer, FlowRecord> all = revisions.get(namespace + "/" + id);
        return Optional.ofNullable(all == null ? null : all.get(revision));
    }

    /** Every revision of a flow, oldest first; empty when it never existed. */
    public List<FlowRecord> revisions(String namespace, String id) {
        NavigableMap<Integer, FlowRecord> all = revisions.get(namespace + "/" + id);
        return all == null ? List.of() : List.copyOf(all.values());
    }

    /** Every flow that is not deleted, by namespace then id. */
    public List<FlowRecord> all() {
        List<FlowRecord> list = new ArrayList<>();
        for (FlowRecord f : flows.values()) {
            if (!f.deleted()) {
                list.add(f);
            }
        }
        list.sort(Comparator.comparing(FlowRecord::namespace).thenComparing(FlowRecord::id));
        return list;
    }

    @Override
    public void close() {
        running = false;
        ReaderThreads.stop(thread, consumer);
    }
}
