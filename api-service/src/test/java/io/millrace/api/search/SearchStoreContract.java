package io.millrace.api.search;

import io.millrace.api.ApiServer;
import io.millrace.api.store.ExecutionQuery;
import io.millrace.api.store.LogQuery;
import io.millrace.api.store.Paging;
import io.millrace.api.store.ResultPage;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.api.store.TriggerQuery;
import io.millrace.model.FlowRecord;
import io.millrace.model.Label;
import io.millrace.model.LogLevel;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.State;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.trigger.TriggerState;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.elasticsearch.core.ElasticsearchOperations;
import org.springframework.data.elasticsearch.core.document.Document;
import org.springframework.data.elasticsearch.core.query.Criteria;
import org.springframework.data.elasticsearch.core.query.CriteriaQuery;
import org.springframework.data.elasticsearch.core.query.IndexQueryBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The contract every search engine meets, on a real broker and a real node of the engine: records
 * written to the topics become searchable executions and logs; large executions, filters, paging,
 * versions and tombstones behave. One subclass per engine says how to reach its node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SearchStoreContract {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private ApiServer api;
    private SearchStores stores;
    private KafkaProducer<String, byte[]> producer;
    private KafkaClients kafka;

    /** The engine's settings: {@code millrace.search.engine} and {@code millrace.search.uris}. */
    abstract List<String> engine();

    @BeforeAll
    void start(@BootstrapServers String bootstrap) {
        List<String> properties = new java.util.ArrayList<>(engine());
        properties.add("millrace.indexer.flush-interval=100ms");
        properties.add("millrace.indexer.log-retention=30d");
        properties.add("millrace.indexer.retention-check-interval=200ms");
        api = new ApiServer(bootstrap, properties.toArray(String[]::new));
        stores = api.context().getBean(SearchStores.class);
        kafka = api.context().getBean(KafkaClients.class);
        producer = new KafkaProducer<>(kafka.producer("search-store-test"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private <T> void send(Topic topic, String key, T value) {
        String name = kafka.topic(topic);
        producer.send(new ProducerRecord<>(name, key,
            value == null ? null : VersionedJsonSerde.<T>of(topic).serialize(name, value)));
    }

    private static ExecutionHeader header(String id, String namespace, String flowId, Instant start, int taskRuns,
                                          List<Label> labels) {
        return new ExecutionHeader(id, namespace, flowId, 1, State.of(ExecutionStatus.CREATED, start), Map.of(),
            labels, null, null, null, null, 1, null, null, taskRuns);
    }

    @Test
    void anExecutionOfManyTaskRunsIsFoundWholeInOrder() {
        int n = 1_500;
        for (int i = 0; i < n; i++) {
            TaskRun r = TaskRun.created("big-tr" + i, "big", "store.test", "big", "t", null, null, null, i, T0)
                .to(TaskRunStatus.RUNNING, T0).to(TaskRunStatus.SUCCESS, T0);
            send(Topic.TASKRUNS, "big/" + r.id(), r);
        }
        send(Topic.EXECUTIONS, "big", header("big", "store.test", "big", T0, n, List.of())
            .to(ExecutionStatus.RUNNING, T0).to(ExecutionStatus.SUCCESS, T0.plusSeconds(1)));
        producer.flush();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(stores.find("big")).isPresent();
            Execution e = stores.find("big").get();
            assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS);
            assertThat(e.taskRuns()).hasSize(n);
            assertThat(e.taskRuns().get(1499).seq()).isEqualTo(1499);
        });
        assertThat(stores.find("nothing")).isEmpty();
    }

    @Test
    void searchFiltersPagesAndSorts() {
        send(Topic.EXECUTIONS, "s1", header("s1", "search.a", "f1", T0, 0, List.of(new Label("team", "data"))));
        send(Topic.EXECUTIONS, "s2", header("s2", "search.a.sub", "f2", T0.plusSeconds(60), 0, List.of()));
        send(Topic.EXECUTIONS, "s3", header("s3", "search.ab", "f1", T0.plusSeconds(120), 0, List.of())
            .to(ExecutionStatus.RUNNING, T0).to(ExecutionStatus.FAILED, T0.plusSeconds(121)));
        producer.flush();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(stores.search(new ExecutionQuery("search", null, null, null, null, null, null),
                Paging.first(10)).total()).isEqualTo(3));
        assertThat(ids(stores.search(new ExecutionQuery("search.a", null, null, null, null, null, null), Paging.first(10))))
            .as("a namespace and those under it, not a mere prefix").containsExactly("s2", "s1");
        assertThat(ids(stores.search(new ExecutionQuery("search.a", "f1", null, null, null, null, null), Paging.first(10))))
            .as("the namespace filter holds beside another filter").containsExactly("s1");
        assertThat(ids(stores.search(new ExecutionQuery(null, "f1", Set.of(ExecutionStatus.FAILED), null, null, null, null),
            Paging.first(10)))).containsExactly("s3");
        assertThat(ids(stores.search(new ExecutionQuery(null, null, null, Map.of("team", "data"), null, null, null),
            Paging.first(10)))).containsExactly("s1");
        assertThat(ids(stores.search(new ExecutionQuery("search", null, null, null, T0.plusSeconds(30), T0.plusSeconds(90),
            null), Paging.first(10)))).containsExactly("s2");
        ResultPage<Execution> page2 = stores.search(new ExecutionQuery("search", null, null, null, null, null, null),
            new Paging(2, 2, List.of(Paging.SortField.parse("state.startDate:asc"))));
        assertThat(page2.total()).isEqualTo(3);
        assertThat(ids(page2)).containsExactly("s3");
        assertThatThrownBy(() -> stores.search(ExecutionQuery.all(), new Paging(1, 1, List.of(Paging.SortField.parse("color")))))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOlderVersionNeverOverwritesANewerAndATombstoneDeletes() {
        ElasticsearchOperations operations = api.context().getBean(ElasticsearchOperations.class);
        SearchIndices indices = api.context().getBean(SearchIndices.class);
        ExecutionHeader newer = header("v1", "version.test", "f", T0, 0, List.of()).to(ExecutionStatus.RUNNING, T0);
        ExecutionHeader older = header("v1", "version.test", "f", T0, 0, List.of());
        operations.bulkIndex(List.of(new IndexQueryBuilder().withId("v1").withVersion(10L)
            .withObject(Document.from(SearchDocuments.execution(newer))).build()), indices.of(SearchIndices.EXECUTIONS));
        try {
            operations.bulkIndex(List.of(new IndexQueryBuilder().withId("v1").withVersion(5L)
                .withObject(Document.from(SearchDocuments.execution(older))).build()), indices.of(SearchIndices.EXECUTIONS));
        } catch (RuntimeException refused) {
            // the store refuses the older version: what the indexer counts on
        }
        assertThat(stores.find("v1").orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);

        send(Topic.EXECUTIONS, "gone", header("gone", "version.test", "f", T0, 0, List.of()));
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> stores.find("gone").isPresent());
        send(Topic.EXECUTIONS, "gone", null);
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> stores.find("gone").isEmpty());
    }

    @Test
    void logsOfAnExecutionByTaskRunAndLevelInOrder() {
        LogLevel[] levels = {LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR};
        for (int i = 0; i < 4; i++) {
            send(Topic.LOGS, "logs1", new LogEntry("logs.test", "f", "logs1", "t", i < 2 ? "tr-a" : "tr-b", 1,
                T0.plusMillis(i), levels[i], "line " + i, "test"));
        }
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(stores.ofExecution(LogQuery.ofExecution("logs1", null, null))).extracting(LogEntry::message)
                .containsExactly("line 0", "line 1", "line 2", "line 3"));
        assertThat(stores.ofExecution(LogQuery.ofExecution("logs1", "tr-a", null))).hasSize(2);
        assertThat(stores.ofExecution(LogQuery.ofExecution("logs1", null, LogLevel.WARN))).extracting(LogEntry::message)
            .containsExactly("line 2", "line 3");
        assertThat(stores.search(new LogQuery("logs", null, null, null, null, null, null, "line"), Paging.first(3)).total())
            .isEqualTo(4);
    }

    @Test
    void flowsRevisionsMetricsAndTriggersAreIndexed() {
        ElasticsearchOperations operations = api.context().getBean(ElasticsearchOperations.class);
        SearchIndices indices = api.context().getBean(SearchIndices.class);
        String source = "id: indexed\nnamespace: index.test\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: unusualword\n";
        send(Topic.FLOWS, "index.test/indexed", new FlowRecord("index.test", "indexed", 2, source, false, T0));
        send(Topic.FLOW_REVISIONS, "index.test/indexed/1", new FlowRecord("index.test", "indexed", 1, source, false, T0));
        send(Topic.FLOW_REVISIONS, "index.test/indexed/2", new FlowRecord("index.test", "indexed", 2, source, false, T0));
        send(Topic.METRICS, "m1", new MetricEntry("index.test", "indexed", "m1", "hello", "tr1", "rows", "counter", 42.0,
            Map.of("table", "t"), T0));
        send(Topic.TRIGGERS, "index.test/indexed/daily", new TriggerState("index.test", "indexed", "daily",
            "io.millrace.core.trigger.Schedule", 2, T0.plusSeconds(86_400), T0, "m1", null, false, null, null, T0));
        send(Topic.TRIGGERS, "index.test.sub/other/hourly", new TriggerState("index.test.sub", "other", "hourly",
            "io.millrace.core.trigger.Schedule", 1, T0.plusSeconds(3_600), null, null, null, true, null, null, T0));
        producer.flush();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(count(operations, indices, SearchIndices.FLOWS, new Criteria("text").matches("unusualword"))).isEqualTo(1);
            assertThat(count(operations, indices, SearchIndices.FLOW_REVISIONS, new Criteria("id").is("indexed"))).isEqualTo(2);
            assertThat(count(operations, indices, SearchIndices.METRICS, new Criteria("name").is("rows"))).isEqualTo(1);
            assertThat(stores.search(new TriggerQuery("index.test", null, null), Paging.first(10)).total()).isEqualTo(2);
        });
        assertThat(stores.search(new TriggerQuery(null, "indexed", null), Paging.first(10)).results())
            .extracting(TriggerState::triggerId).containsExactly("daily");
        assertThat(stores.search(new TriggerQuery(null, null, "hourly"), Paging.first(10)).results())
            .extracting(TriggerState::disabled).containsExactly(true);
        ApiServer.Answer overHttp = api.get("/api/v1/triggers/search?namespace=index.test&sort=triggerId:desc");
        assertThat(overHttp.status()).isEqualTo(200);
        assertThat(overHttp.json().path("total").asLong()).isEqualTo(2);
        assertThat(overHttp.json().path("results").get(0).path("triggerContext").path("triggerId").asString()).isEqualTo("hourly");
        ApiServer.Answer ofFlow = api.get("/api/v1/triggers/index.test/indexed");
        assertThat(ofFlow.json().path("results").get(0).path("nextExecutionDate").asString())
            .isEqualTo(T0.plusSeconds(86_400).toString());
        assertThat(api.get("/api/v1/triggers/search?sort=color").status()).isEqualTo(422);

        send(Topic.TRIGGERS, "index.test.sub/other/hourly", null);
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() ->
            stores.search(new TriggerQuery("index.test", null, null), Paging.first(10)).total() == 1);
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLettersAndIndexingGoesOn() {
        String name = kafka.topic(Topic.EXECUTIONS);
        producer.send(new ProducerRecord<>(name, "poison", new byte[]{(byte) 0xff, 0x00, 0x13}));
        send(Topic.EXECUTIONS, "after-poison", header("after-poison", "poison.test", "f", T0, 0, List.of()));
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> stores.find("after-poison").isPresent());

        Map<String, Object> props = kafka.consumer("dead-letter-reader-" + System.nanoTime(), "dead-letter-reader");
        props.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
            new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(kafka.topic(Topic.DEAD_LETTERS)));
            List<DeadLetter> letters = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(VersionedJsonSerde.<DeadLetter>of(Topic.DEAD_LETTERS).deserialize(r.topic(), r.value()));
                }
                assertThat(letters).anySatisfy(l -> {
                    assertThat(l.sourceTopic()).isEqualTo(name);
                    assertThat(l.key()).isEqualTo("poison");
                    assertThat(l.base64()).isTrue();
                    assertThat(l.processor()).isEqualTo("api-indexer");
                    assertThat(l.error()).isNotBlank();
                });
            });
        }
    }

    @Test
    void logLinesPastTheirRetentionAreDeleted() {
        Instant old = Instant.now().minus(Duration.ofDays(60));
        send(Topic.LOGS, "retained", new LogEntry("retention.test", "f", "retained", "t", "tr", 1, old, LogLevel.INFO,
            "too old", "test"));
        send(Topic.LOGS, "retained", new LogEntry("retention.test", "f", "retained", "t", "tr", 1, Instant.now(),
            LogLevel.INFO, "recent", "test"));
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(stores.ofExecution(LogQuery.ofExecution("retained", null, null))).extracting(LogEntry::message)
                .containsExactly("recent"));
    }

    private static long count(ElasticsearchOperations operations, SearchIndices indices, String index, Criteria criteria) {
        operations.indexOps(indices.of(index)).refresh();
        return operations.count(new CriteriaQuery(criteria), indices.of(index));
    }

    @Test
    void theLinesAndMetricsOfAnExecutionAreDeletedWithIt() {
        for (int i = 0; i < 30; i++) {
            send(Topic.LOGS, "doomed", new LogEntry("delete.test", "f", "doomed", "t", "tr", 1, T0.plusMillis(i),
                LogLevel.INFO, "line " + i, "test"));
        }
        send(Topic.LOGS, "kept", new LogEntry("delete.test", "f", "kept", "t", "tr", 1, T0, LogLevel.INFO, "kept", "test"));
        send(Topic.METRICS, "doomed", new MetricEntry("delete.test", "f", "doomed", "t", "tr", "n", "counter", 1.0,
            Map.of(), T0));
        producer.flush();
        ElasticsearchOperations operations = api.context().getBean(ElasticsearchOperations.class);
        SearchIndices indices = api.context().getBean(SearchIndices.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(stores.ofExecution(LogQuery.ofExecution("doomed", null, null))).hasSize(30);
            assertThat(stores.ofExecution(LogQuery.ofExecution("kept", null, null))).hasSize(1);
            assertThat(count(operations, indices, SearchIndices.METRICS, new Criteria("executionId").is("doomed"))).isEqualTo(1);
        });

        stores.deleteOfExecution("doomed", true, true);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            operations.indexOps(indices.of(SearchIndices.LOGS)).refresh();
            assertThat(stores.ofExecution(LogQuery.ofExecution("doomed", null, null))).isEmpty();
            assertThat(count(operations, indices, SearchIndices.METRICS, new Criteria("executionId").is("doomed"))).isZero();
        });
        assertThat(stores.ofExecution(LogQuery.ofExecution("kept", null, null))).hasSize(1);
    }

    @Test
    void healthSeesTheStore() {
        ApiServer.Answer health = api.get("/api/v1/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("components").path("search").asString()).isEqualTo("UP");
    }

    private static List<String> ids(ResultPage<Execution> page) {
        return page.results().stream().map(Execution::id).toList();
    }
}
