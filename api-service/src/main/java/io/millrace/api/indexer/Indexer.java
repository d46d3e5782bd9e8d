package io.millrace.api.indexer;

import io.millrace.api.kafka.ReaderThreads;
import io.millrace.api.search.SearchDocuments;
import io.millrace.api.search.SearchIndices;
import io.millrace.kafka.KafkaClients;
import io.millrace.model.FlowRecord;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.trigger.TriggerState;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.elasticsearch.BulkFailureException;
import org.springframework.data.elasticsearch.core.ElasticsearchOperations;
import org.springframework.data.elasticsearch.core.document.Document;
import org.springframework.data.elasticsearch.core.mapping.IndexCoordinates;
import org.springframework.data.elasticsearch.core.query.IndexQuery;
import org.springframework.data.elasticsearch.core.query.IndexQueryBuilder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Copies what happens on Kafka into the search store: a consumer group on {@code flows},
 * {@code flow_revisions}, {@code executions}, {@code taskruns}, {@code logs}, {@code metrics} and
 * {@code triggers} (committed records only) writing bulks by size or time.
 *
 * <ul>
 *   <li>Offsets are committed only after the bulk holding their records succeeded; a failed bulk is
 *       sent again (after {@code retry-backoff}) until it succeeds, so nothing is skipped.</li>
 *   <li>Keyed records (flows, revisions, executions, task runs, triggers) are written with an
 *       external version, their record's offset: a key
 *       always lands on one partition, whose offsets only grow, so an older update that comes late
 *       (a retried bulk, a rebalance) is refused by the store instead of overwriting a newer one.</li>
 *   <li>A tombstone deletes the document.</li>
 *   <li>A record that cannot be read goes to {@code dead_letters} with the reason (acknowledged
 *       before its offset is committed), and indexing goes on.</li>
 *   <li>Log lines and metrics older than their retention are deleted from the store, checked every
 *       {@code retention-check-interval}.</li>
 * </ul>
 */
public final class Indexer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);
    private static final VersionedJsonSerde<ExecutionHeader> HEADERS = VersionedJsonSerde.of(Topic.EXECUTIONS);
    private static final VersionedJsonSerde<TaskRun> TASK_RUNS = VersionedJsonSerde.of(Topic.TASKRUNS);
    private static final VersionedJsonSerde<LogEntry> LOGS = VersionedJsonSerde.of(Topic.LOGS);
    private static final VersionedJsonSerde<MetricEntry> METRICS = VersionedJsonSerde.of(Topic.METRICS);
    private static final VersionedJsonSerde<FlowRecord> FLOWS = VersionedJsonSerde.of(Topic.FLOWS);
    private static final VersionedJsonSerde<TriggerState> TRIGGERS = VersionedJsonSerde.of(Topic.TRIGGERS);
    private static final VersionedJsonSerde<DeadLetter> DEAD_LETTERS = VersionedJsonSerde.of(Topic.DEAD_LETTERS);
    /** The topics indexed, each into the index of the same name. */
    private static final List<Topic> SOURCES = List.of(Topic.FLOWS, Topic.FLOW_REVISIONS, Topic.EXECUTIONS,
        Topic.TASKRUNS, Topic.LOGS, Topic.METRICS, Topic.TRIGGERS);

    private final ElasticsearchOperations operations;
    private final SearchIndices indices;
    private final IndexerSettings settings;
    private final Clock clock;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> deadLetters;
    private final String deadLettersTopic;
    private final int deadLetterBudget;
    private final Map<String, Topic> topics = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long nextRetentionCheck;

    public Indexer(KafkaClients kafka, ElasticsearchOperations operations, SearchIndices indices, IndexerSettings settings,
                   Clock clock) {
        this.operations = operations;
        this.indices = indices;
        this.settings = settings;
        this.clock = clock;
        for (Topic t : SOURCES) {
            topics.put(kafka.topic(t), t);
        }
        this.deadLettersTopic = kafka.topic(Topic.DEAD_LETTERS);
        this.deadLetterBudget = kafka.deadLetterBudget();
        Map<String, Object> props = kafka.consumer(kafka.group("api-indexer"), "millrace-api-indexer");
        props.put("max.poll.records", String.valueOf(settings.bulkSize()));
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new KafkaProducer<>(kafka.producer("millrace-api-indexer-dead-letters"),
            new StringSerializer(), new ByteArraySerializer());
        this.thread = Thread.ofPlatform().daemon().name("millrace-api-indexer").unstarted(this::run);
        this.nextRetentionCheck = System.nanoTime();
    }

    public Indexer start() {
        consumer.subscribe(List.copyOf(topics.keySet()));
        thread.start();
        return this;
    }

    private void run() {
        Bulk bulk = new Bulk();
        long firstAdded = 0;
        try {
            while (running) {
                applyRetention();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(settings.flushInterval())) {
                    if (bulk.isEmpty()) {
                        firstAdded = System.nanoTime();
                    }
                    add(bulk, r);
                }
                boolean due = !bulk.offsets.isEmpty() && (bulk.size() >= settings.bulkSize()
                    || System.nanoTime() - firstAdded >= settings.flushInterval().toNanos());
                if (due) {
                    write(bulk);
                    consumer.commitSync(bulk.offsets);
                    bulk = new Bulk();
                }
            }
        } catch (WakeupException e) {
            // closing: what is not committed is indexed again by whoever takes the partitions
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the indexer stopped: {}", e.getMessage(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    private void add(Bulk bulk, ConsumerRecord<String, byte[]> r) throws InterruptedException {
        bulk.offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        Topic topic = topics.get(r.topic());
        byte[] v = r.value();
        try {
            switch (topic) {
                case EXECUTIONS -> bulk.put(indices.of(SearchIndices.EXECUTIONS), key(r), v == null ? null
                    : SearchDocuments.execution(HEADERS.deserialize(r.topic(), v)), r.offset());
                case TASKRUNS -> bulk.put(indices.of(SearchIndices.TASK_RUNS), key(r).substring(r.key().indexOf('/') + 1),
                    v == null ? null : SearchDocuments.taskRun(TASK_RUNS.deserialize(r.topic(), v)), r.offset());
                case FLOWS -> bulk.put(indices.of(SearchIndices.FLOWS), key(r), v == null ? null
                    : SearchDocuments.flow(FLOWS.deserialize(r.topic(), v)), r.offset());
                case FLOW_REVISIONS -> bulk.put(indices.of(SearchIndices.FLOW_REVISIONS), key(r), v == null ? null
                    : SearchDocuments.flow(FLOWS.deserialize(r.topic(), v)), r.offset());
                case TRIGGERS -> bulk.put(indices.of(SearchIndices.TRIGGERS), key(r), v == null ? null
                    : SearchDocuments.trigger(TRIGGERS.deserialize(r.topic(), v)), r.offset());
                // log lines and metrics have no key of their own: their position on the topic is their id
                case LOGS -> {
                    if (v != null) {
                        LogEntry line = LOGS.deserialize(r.topic(), v);
                        bulk.put(indices.day(SearchIndices.LOGS, time(line.timestamp(), r)), r.partition() + "-" + r.offset(),
                            SearchDocuments.log(line, r.offset()), null);
                    }
                }
                case METRICS -> {
                    if (v != null) {
                        MetricEntry metric = METRICS.deserialize(r.topic(), v);
                        bulk.put(indices.day(SearchIndices.METRICS, time(metric.timestamp(), r)),
                            r.partition() + "-" + r.offset(), SearchDocuments.metric(metric), null);
                    }
                }
                default -> throw new IllegalStateException("not an indexed topic: " + r.topic());
            }
        } catch (SerializationException | IllegalArgumentException e) {
            deadLetter(r, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** A line's or metric's own time, else its record's. */
    private static Instant time(Instant own, ConsumerRecord<String, byte[]> r) {
        return own != null ? own : Instant.ofEpochMilli(r.timestamp());
    }

    private static String key(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null || r.key().isEmpty()) {
            throw new IllegalArgumentException("a record without key");
        }
        return r.key();
    }

    /** Keeps an unreadable record on {@code dead_letters}; waits for the acknowledgement so its offset may be committed. */
    private void deadLetter(ConsumerRecord<String, byte[]> r, String error) throws InterruptedException {
        LOG.warn("record {} at {}-{}@{} cannot be indexed, sent to the dead letters: {}", r.key(), r.topic(),
            r.partition(), r.offset(), error);
        DeadLetter letter = DeadLetter.of(r.topic(), r.partition(), r.offset(), r.key(), r.value(), error, "api-indexer",
            clock.instant(), deadLetterBudget);
        byte[] value = DEAD_LETTERS.serialize(deadLettersTopic, letter);
        while (running) {
            try {
                deadLetters.send(r.key() == null ? new ProducerRecord<>(deadLettersTopic, 0, null, value)
                    : new ProducerRecord<>(deadLettersTopic, r.key(), value)).get();
                return;
            } catch (ExecutionException e) {
                LOG.warn("a dead letter could not be sent, retried in {}: {}", settings.retryBackoff(),
                    e.getCause().getMessage());
                Thread.sleep(settings.retryBackoff().toMillis());
            }
        }
        throw new WakeupException();
    }

    /** Drops the days of log lines and metrics past their retention, once per check interval. */
    private void applyRetention() {
        long now = System.nanoTime();
        if (now - nextRetentionCheck < 0) {
            return;
        }
        nextRetentionCheck = now + settings.retentionCheckInterval().toNanos();
        try {
            indices.prepareDays(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("could not create the indices of today and tomorrow, tried again in {}: {}",
                settings.retentionCheckInterval(), e.getMessage());
        }
        dropPastRetention(SearchIndices.LOGS, settings.logRetention());
        dropPastRetention(SearchIndices.METRICS, settings.metricRetention());
    }

    private void dropPastRetention(String index, Duration retention) {
        if (retention.isZero() || retention.isNegative()) {
            return;
        }
        Instant cutoff = clock.instant().minus(retention);
        try {
            List<String> dropped = indices.dropDaysBefore(index, cutoff);
            if (!dropped.isEmpty()) {
                LOG.info("dropped {} ({} retention): {}", index, retention, dropped);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not drop {} days before {}, tried again in {}: {}", index, cutoff,
                settings.retentionCheckInterval(), e.getMessage());
        }
    }

    /** Writes the bulk, again and again until it succeeds; refused older versions are fine. */
    private void write(Bulk bulk) throws InterruptedException {
        while (running) {
            try {
                for (var e : bulk.writes.entrySet()) {
                    IndexCoordinates index = e.getKey();
                    List<IndexQuery> queries = new ArrayList<>();
                    for (Write w : e.getValue().values()) {
                        if (w.doc() == null) {
                            operations.delete(w.id(), index);
                        } else {
                            IndexQueryBuilder b = new IndexQueryBuilder().withId(w.id()).withObject(Document.from(w.doc()));
                            if (w.version() != null) {
                                b.withVersion(w.version());
                            }
                            queries.add(b.build());
                        }
                    }
                    if (!queries.isEmpty()) {
                        bulkIgnoringConflicts(queries, index);
                    }
                }
                return;
            } catch (RuntimeException e) {
                LOG.warn("a bulk of {} documents failed, retried in {}: {}", bulk.size(), settings.retryBackoff(),
                    e.getMessage());
                Thread.sleep(settings.retryBackoff().toMillis());
            }
        }
        throw new WakeupException();
    }

    private void bulkIgnoringConflicts(List<IndexQuery> queries, IndexCoordinates index) {
        try {
            operations.bulkIndex(queries, index);
        } catch (BulkFailureException e) {
            // a version conflict means the store holds a newer update already
            boolean onlyConflicts = e.getFailedDocuments().values().stream()
                .allMatch(f -> f.status() != null && f.status() == 409);
            if (!onlyConflicts) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        ReaderThreads.stop(thread, consumer);
    }

    private record Write(String id, Map<String, Object> doc, Long version) {
    }

    /** Documents waiting for their bulk, the newest write per document, and the offsets they cover. */
    private static final class Bulk {
        final Map<IndexCoordinates, Map<String, Write>> writes = new LinkedHashMap<>();
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        int count;

        void put(IndexCoordinates index, String id, Map<String, Object> doc, Long version) {
            if (writes.computeIfAbsent(index, k -> new LinkedHashMap<>()).put(id, new Write(id, doc, version)) == null) {
                count++;
            }
        }

        int size() {
            return count;
        }

        boolean isEmpty() {
            return offsets.isEmpty();
        }
    }
}
