package io.millrace.api.indexer;

import io.millrace.api.search.SearchDocuments;
import io.millrace.api.search.SearchIndices;
import io.millrace.api.kafka.ReaderThreads;
import io.millrace.kafka.KafkaClients;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.elasticsearch.BulkFailureException;
import org.springframework.data.elasticsearch.core.ElasticsearchOperations;
import org.springframework.data.elasticsearch.core.document.Document;
import org.springframework.data.elasticsearch.core.query.IndexQuery;
import org.springframework.data.elasticsearch.core.query.IndexQueryBuilder;
import org.springframework.data.elasticsearch.core.mapping.IndexCoordinates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies what happens on Kafka into the search store: a consumer group on {@code executions},
 * {@code taskruns} and {@code logs} (committed records only) writing bulks by size or time.
 *
 * <ul>
 *   <li>Offsets are committed only after the bulk holding their records succeeded; a failed bulk is
 *       sent again (after {@code retry-backoff}) until it succeeds, so nothing is skipped.</li>
 *   <li>Executions and task runs are written with an external version, their record's offset: a key
 *       always lands on one partition, whose offsets only grow, so an older update that comes late
 *       (a retried bulk, a rebalance) is refused by the store instead of overwriting a newer one.</li>
 *   <li>A tombstone deletes the document.</li>
 *   <li>A record that cannot be read is logged and skipped: it can never be indexed.</li>
 * </ul>
 */
public final class Indexer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);
    private static final VersionedJsonSerde<ExecutionHeader> HEADERS = VersionedJsonSerde.of(Topic.EXECUTIONS);
    private static final VersionedJsonSerde<TaskRun> TASK_RUNS = VersionedJsonSerde.of(Topic.TASKRUNS);
    private static final VersionedJsonSerde<LogEntry> LOGS = VersionedJsonSerde.of(Topic.LOGS);

    private final ElasticsearchOperations operations;
    private final SearchIndices indices;
    private final IndexerSettings settings;
    private final Consumer<String, byte[]> consumer;
    private final String executions;
    private final String taskRuns;
    private final String logs;
    private final Thread thread;
    private volatile boolean running = true;

    public Indexer(KafkaClients kafka, ElasticsearchOperations operations, SearchIndices indices, IndexerSettings settings) {
        this.operations = operations;
        this.indices = indices;
        this.settings = settings;
        this.executions = kafka.topic(Topic.EXECUTIONS);
        this.taskRuns = kafka.topic(Topic.TASKRUNS);
        this.logs = kafka.topic(Topic.LOGS);
        Map<String, Object> props = kafka.consumer(kafka.group("api-indexer"), "millrace-api-indexer");
        props.put("max.poll.records", String.valueOf(settings.bulkSize()));
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = Thread.ofPlatform().daemon().name("millrace-api-indexer").unstarted(this::run);
    }

    public Indexer start() {
        consumer.subscribe(List.of(executions, taskRuns, logs));
        thread.start();
        return this;
    }

    private void run() {
        Bulk bulk = new Bulk();
        long firstAdded = 0;
        try {
            while (running) {
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
        }
    }

    private void add(Bulk bulk, ConsumerRecord<String, byte[]> r) {
        bulk.offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        try {
            if (r.topic().equals(executions)) {
                String id = r.key();
                bulk.put(SearchIndices.EXECUTIONS, id, r.value() == null ? null
                    : SearchDocuments.execution(HEADERS.deserialize(r.topic(), r.value())), r.offset());
            } else if (r.topic().equals(taskRuns)) {
                String id = r.key().substring(r.key().indexOf('/') + 1);
                bulk.put(SearchIndices.TASK_RUNS, id, r.value() == null ? null
                    : SearchDocuments.taskRun(TASK_RUNS.deserialize(r.topic(), r.value())), r.offset());
            } else if (r.value() != null) {
                // log lines have no key of their own: their position on the topic is their id
                long order = r.offset();
                bulk.put(SearchIndices.LOGS, r.partition() + "-" + r.offset(),
                    SearchDocuments.log(LOGS.deserialize(r.topic(), r.value()), order), null);
            }
        } catch (SerializationException | IllegalArgumentException e) {
            LOG.warn("record {} at {}-{}@{} cannot be indexed and is skipped: {}", r.key(), r.topic(), r.partition(),
                r.offset(), e.getMessage());
        }
    }

    /** Writes the bulk, again and again until it succeeds; refused older versions are fine. */
    private void write(Bulk bulk) throws InterruptedException {
        while (running) {
            try {
                for (var e : bulk.writes.entrySet()) {
                    IndexCoordinates index = indices.of(e.getKey());
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
        final Map<String, Map<String, Write>> writes = new HashMap<>();
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        int count;

        void put(String index, String id, Map<String, Object> doc, Long version) {
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
