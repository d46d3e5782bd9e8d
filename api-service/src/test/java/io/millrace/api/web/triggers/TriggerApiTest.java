package io.millrace.api.web.triggers;

import io.millrace.api.ApiServer;
import io.millrace.api.ApiServer.Answer;
import io.millrace.api.store.TriggerQuery;
import io.millrace.api.store.TriggerStore;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import io.millrace.model.Label;
import io.millrace.model.trigger.TriggerBackfill;
import io.millrace.model.trigger.TriggerState;
import io.millrace.model.trigger.command.DeleteBackfill;
import io.millrace.model.trigger.command.PauseBackfill;
import io.millrace.model.trigger.command.ResetTrigger;
import io.millrace.model.trigger.command.SetBackfill;
import io.millrace.model.trigger.command.SetTriggerDisabled;
import io.millrace.model.trigger.command.TriggerCommand;
import io.millrace.model.trigger.command.UnlockTrigger;
import io.millrace.search.embedded.OpenSearchNodeExtension;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trigger endpoints over real HTTP on a real broker and search node: each change is checked against the
 * flow's newest revision and the indexed state, then read back from {@code trigger_commands} as the exact
 * command the scheduler gets; refusals answer a status and a message and send nothing.
 */
@ExtendWith({KafkaBrokerExtension.class, OpenSearchNodeExtension.class})
class TriggerApiTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static ApiServer api;
    private static KafkaClients kafka;
    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> commands;
    private static final List<ConsumerRecord<String, TriggerCommand>> READ = new ArrayList<>();

    @BeforeAll
    static void start(@BootstrapServers String bootstrap) {
        api = new ApiServer(bootstrap, "millrace.indexer.flush-interval=100ms");
        kafka = api.context().getBean(KafkaClients.class);
        producer = new KafkaProducer<>(kafka.producer("trigger-api-test"), new StringSerializer(), new ByteArraySerializer());
        commands = new KafkaConsumer<>(kafka.consumer(null, "trigger-api-test-commands"), new StringDeserializer(),
            new ByteArrayDeserializer());
        String topic = kafka.topic(Topic.TRIGGER_COMMANDS);
        List<TopicPartition> partitions = commands.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
        commands.assign(partitions);
        commands.seekToBeginning(partitions);
    }

    @AfterAll
    static void stop() {
        if (commands != null) {
            commands.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (api != null) {
            api.close();
        }
    }

    // ---- fixtures

    /** A new namespace holding flow {@code nightly}: Schedules daily and weekly, a Webhook, a Schedule disabled in its source. */
    private static String deployFlow() {
        String namespace = "triggers.t" + NAMESPACES.incrementAndGet();
        Answer created = api.postYaml("/api/v1/flows", """
            id: nightly
            namespace: %s
            triggers:
              - id: daily
                type: io.kestra.plugin.core.trigger.Schedule
                cron: "0 2 * * *"
              - id: weekly
                type: io.kestra.plugin.core.trigger.Schedule
                cron: "0 3 * * MON"
              - id: hook
                type: io.kestra.plugin.core.trigger.Webhook
                key: s3cr3tkey
              - id: off
                type: io.kestra.plugin.core.trigger.Schedule
                cron: "0 4 * * *"
                disabled: true
            tasks:
              - id: hello
                type: io.kestra.plugin.core.log.Log
                message: hi
            """.formatted(namespace));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return namespace;
    }

    private static TriggerState state(String namespace, String triggerId, Instant next, TriggerBackfill backfill,
                                      boolean disabled, Instant evaluationStartedAt) {
        return new TriggerState(namespace, "nightly", triggerId, "io.kestra.plugin.core.trigger.Schedule", 1, next,
            next.minusSeconds(86_400), "exec-" + triggerId, backfill, disabled, evaluationStartedAt,
            evaluationStartedAt == null ? null : "eval-1", T0);
    }

    /** Publishes the states of one namespace on {@code triggers} as the scheduler would, and waits until searches find them. */
    private static void indexed(TriggerState... states) {
        String topic = kafka.topic(Topic.TRIGGERS);
        for (TriggerState s : states) {
            producer.send(new ProducerRecord<>(topic, s.key(), VersionedJsonSerde.<TriggerState>of(Topic.TRIGGERS)
                .serialize(topic, s)));
        }
        producer.flush();
        TriggerStore store = api.context().getBean(TriggerStore.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (TriggerState s : states) {
                assertThat(store.find(s.namespace(), s.flowId(), s.triggerId())).contains(s);
            }
            // a search sees a document after the store's refresh, a get at once
            assertThat(store.all(new TriggerQuery(states[0].namespace(), null, null, true))).hasSize(states.length);
        });
    }

    /** The commands of {@code namespace} on {@code trigger_commands}, once {@code count} of them are there. */
    private static List<TriggerCommand> commandsOf(String namespace, int count) {
        VersionedJsonSerde<TriggerCommand> serde = VersionedJsonSerde.of(Topic.TRIGGER_COMMANDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, byte[]> r : commands.poll(Duration.ofMillis(100))) {
                READ.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), serde.deserialize(r.topic(), r.value())));
            }
            return READ.stream().filter(r -> r.value().namespace().equals(namespace)).count() >= count;
        });
        List<TriggerCommand> found = new ArrayList<>();
        for (ConsumerRecord<String, TriggerCommand> r : READ) {
            if (r.value().namespace().equals(namespace)) {
                assertThat(r.key()).as("keyed by flow").isEqualTo(namespace + "/" + r.value().flowId());
                found.add(r.value());
            }
        }
        return found;
    }

    private static String trigger(String namespace, String triggerId) {
        return "{\"namespace\":\"" + namespace + "\",\"flowId\":\"nightly\",\"triggerId\":\"" + triggerId + "\"}";
    }

    private static Answer json(String method, String path, String body) {
        return api.send(method, path, "application/json", body);
    }

    private static void refused(Answer answer, int status, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().path("message").asString()).isEqualTo(message);
        assertThat(answer.body()).doesNotContain("Exception", "at io.millrace");
    }

    // ---- backfill

    @Test
    void aBackfillIsSentToTheSchedulerAndAnsweredAsTheTriggerContext() {
        String ns = deployFlow();
        indexed(state(ns, "daily", T0, null, false, null));

        // the body Kestra's UI sends: the whole trigger context, with the backfill to set
        Answer answer = json("PUT", "/api/v1/triggers", """
            {"namespace":"%s","flowId":"nightly","triggerId":"daily","date":null,"nextExecutionDate":"2026-12-01T10:00:00Z",
             "disabled":false,"backfill":{"start":"2026-01-01T00:00:00+01:00","end":"2026-01-03T00:00:00Z",
             "inputs":{"name":"Ada"},"labels":[{"key":"team","value":"data"}]}}""".formatted(ns));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode context = answer.json();
        assertThat(context.path("triggerId").asString()).isEqualTo("daily");
        assertThat(context.path("nextExecutionDate").asString()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(context.path("backfill").path("start").asString()).isEqualTo("2025-12-31T23:00:00Z");
        assertThat(context.path("backfill").path("end").asString()).isEqualTo("2026-01-03T00:00:00Z");
        assertThat(context.path("backfill").path("currentDate").asString()).isEqualTo("2025-12-31T23:00:00Z");
        assertThat(context.path("backfill").path("paused").asBoolean()).isFalse();
        assertThat(context.path("backfill").path("labels").get(0).path("key").asString()).isEqualTo("team");

        // Kestra's newer path, labels as a map and no end (up to now)
        Answer created = json("PUT", "/api/v1/triggers/backfill/create", """
            {"namespace":"%s","flowId":"nightly","triggerId":"weekly",
             "backfill":{"start":"2026-02-01T00:00:00Z","labels":{"reason":"outage"}}}""".formatted(ns));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().path("backfill").path("end").isNull()).isTrue();
        assertThat(created.json().path("flowRevision").asInt()).as("a trigger the scheduler has not written yet").isEqualTo(1);

        assertThat(commandsOf(ns, 2)).containsExactly(
            new SetBackfill(ns, "nightly", "daily", Instant.parse("2025-12-31T23:00:00Z"),
                Instant.parse("2026-01-03T00:00:00Z"), Map.of("name", "Ada"), List.of(new Label("team", "data"))),
            new SetBackfill(ns, "nightly", "weekly", Instant.parse("2026-02-01T00:00:00Z"), null, null,
                List.of(new Label("reason", "outage"))));
    }

    @Test
    void aBackfillThatCannotApplyIsRefusedWithTheFieldAndNothingIsSent() {
        String ns = deployFlow();
        String put = "/api/v1/triggers";
        refused(json("PUT", put, "{\"namespace\":\"" + ns + "\",\"flowId\":\"nightly\",\"triggerId\":\"hook\","
            + "\"backfill\":{\"start\":\"2026-01-01T00:00:00Z\"}}"), 400,
            "trigger hook of flow " + ns + ".nightly is a io.kestra.plugin.core.trigger.Webhook trigger:"
                + " only Schedule triggers can be backfilled");
        refused(json("PUT", put, "{\"namespace\":\"" + ns + "\",\"flowId\":\"nightly\",\"triggerId\":\"daily\","
            + "\"backfill\":{\"start\":\"yesterday\"}}"), 400,
            "backfill.start: 'yesterday' is not a date-time with an offset (ISO-8601, e.g. 2026-01-01T00:00:00Z or"
                + " 2026-01-01T00:00:00+01:00)");
        refused(json("PUT", put, "{\"namespace\":\"" + ns + "\",\"flowId\":\"nightly\",\"triggerId\":\"daily\","
            + "\"backfill\":{\"start\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-01T00:00\"}}"), 400,
            "backfill.end: '2026-01-01T00:00' is not a date-time with an offset (ISO-8601, e.g. 2026-01-01T00:00:00Z or"
                + " 2026-01-01T00:00:00+01:00)");
        refused(json("PUT", put, "{\"namespace\":\"" + ns + "\",\"flowId\":\"nightly\",\"triggerId\":\"daily\","
            + "\"backfill\":{\"start\":\"2026-01-02T00:00:00Z\",\"end\":\"2026-01-01T00:00:00Z\"}}"), 400,
            "backfill.start (2026-01-02T00:00:00Z) is after backfill.end (2026-01-01T00:00:00Z)");
        refused(json("PUT", put, "{\"namespace\":\"" + ns + "\",\"flowId\":\"nightly\",\"triggerId\":\"daily\","
            + "\"backfill\":{\"end\":\"2026-01-01T00:00:00Z\"}}"), 400, "backfill.start is required");
        refused(json("PUT", put, "{\"namespace\":\"" + ns + "\",\"flowId\":\"nightly\",\"triggerId\":\"daily\","
            + "\"backfill\":{\"start\":\"2999-01-01T00:00:00Z\"}}"), 400,
            "backfill.start (2999-01-01T00:00:00Z) is in the future and no backfill.end is given: a backfill without"
                + " an end runs up to now");
        refused(json("PUT", put, "{\"namespace\":\"" + ns + "\",\"flowId\":\"nightly\",\"triggerId\":\"daily\","
            + "\"backfill\":{\"start\":\"2026-01-01T00:00:00Z\",\"labels\":{\"system.backfill\":\"false\"}}}"), 400,
            "backfill.labels: system.backfill is a system label; labels starting with system. are set by Millrace"
                + " (a backfilled execution carries system.backfill: true)");
        refused(json("PUT", put, "{\"namespace\":\"" + ns + "\",\"flowId\":\"nightly\",\"triggerId\":\"off\","
            + "\"backfill\":{\"start\":\"2026-01-01T00:00:00Z\"}}"), 409,
            "trigger off of flow " + ns + ".nightly is disabled in the flow's source");
        refused(json("PUT", put, "{\"namespace\":\"" + ns + "\",\"flowId\":\"gone\",\"triggerId\":\"daily\","
            + "\"backfill\":{\"start\":\"2026-01-01T00:00:00Z\"}}"), 404, "flow " + ns + ".gone does not exist");
        refused(json("PUT", put, "{\"namespace\":\"" + ns + "\",\"flowId\":\"nightly\",\"triggerId\":\"nope\","
            + "\"backfill\":{\"start\":\"2026-01-01T00:00:00Z\"}}"), 404, "flow " + ns + ".nightly has no trigger nope");
        refused(json("PUT", put, "{\"namespace\":\"" + ns + "\",\"triggerId\":\"daily\"}"), 400, "body: flowId is required");
        refused(json("PUT", put, trigger(ns, "daily")), 400,
            "body: give backfill (to backfill the trigger) or disabled (true or false)");

        // commands of one flow keep their order: if the refusals had sent anything, it would come first
        assertThat(json("PUT", put, trigger(ns, "daily").replace("}", ",\"disabled\":true}")).status()).isEqualTo(200);
        assertThat(commandsOf(ns, 1)).containsExactly(new SetTriggerDisabled(ns, "nightly", "daily", true));
    }

    @Test
    void aBackfillIsPausedResumedAndDropped() {
        String ns = deployFlow();
        TriggerBackfill backfill = new TriggerBackfill(Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-10T00:00:00Z"), Instant.parse("2026-01-04T00:00:00Z"), null, List.of(), false, T0);
        indexed(state(ns, "daily", T0, backfill, false, null), state(ns, "weekly", T0, null, false, null));

        Answer paused = json("PUT", "/api/v1/triggers/backfill/pause", trigger(ns, "daily"));
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().path("backfill").path("paused").asBoolean()).isTrue();
        assertThat(paused.json().path("backfill").path("currentDate").asString()).isEqualTo("2026-01-04T00:00:00Z");
        Answer resumed = json("POST", "/api/v1/triggers/backfill/unpause", trigger(ns, "daily"));
        assertThat(resumed.json().path("backfill").path("paused").asBoolean()).isFalse();
        Answer dropped = json("POST", "/api/v1/triggers/backfill/delete", trigger(ns, "daily"));
        assertThat(dropped.status()).isEqualTo(200);
        assertThat(dropped.json().path("backfill").isNull()).isTrue();

        refused(json("PUT", "/api/v1/triggers/backfill/pause", trigger(ns, "weekly")), 400,
            "trigger weekly of flow " + ns + ".nightly has no backfill");
        refused(json("POST", "/api/v1/triggers/backfill/delete", trigger(ns, "nope")), 404,
            "flow " + ns + ".nightly has no trigger nope");

        // in bulk, a trigger without a backfill is skipped
        String both = "[" + trigger(ns, "daily") + "," + trigger(ns, "weekly") + "]";
        assertThat(json("POST", "/api/v1/triggers/backfill/pause/by-triggers", both).json().path("count").asInt())
            .isEqualTo(1);
        assertThat(json("POST", "/api/v1/triggers/backfill/unpause/by-query?namespace=" + ns, null).json()
            .path("count").asInt()).isEqualTo(1);
        assertThat(json("POST", "/api/v1/triggers/backfill/delete/by-triggers", both).json().path("count").asInt())
            .isEqualTo(1);
        assertThat(json("POST", "/api/v1/triggers/backfill/delete/by-query?filters%5Bnamespace%5D%5BEQUALS%5D=" + ns
            + "&filters%5BflowId%5D%5BEQUALS%5D=nightly", null).json().path("count").asInt()).isEqualTo(1);

        assertThat(commandsOf(ns, 7)).containsExactly(
            new PauseBackfill(ns, "nightly", "daily", true),
            new PauseBackfill(ns, "nightly", "daily", false),
            new DeleteBackfill(ns, "nightly", "daily"),
            new PauseBackfill(ns, "nightly", "daily", true),
            new PauseBackfill(ns, "nightly", "daily", false),
            new DeleteBackfill(ns, "nightly", "daily"),
            new DeleteBackfill(ns, "nightly", "daily"));
    }

    // ---- disabled

    @Test
    void aTriggerIsDisabledAndEnabledOneByOneOrInBulk() {
        String ns = deployFlow();
        indexed(state(ns, "daily", T0, null, false, null), state(ns, "weekly", T0.plusSeconds(60), null, true, null));

        Answer disabled = json("PUT", "/api/v1/triggers", trigger(ns, "daily").replace("}", ",\"disabled\":true}"));
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("disabled").asBoolean()).isTrue();
        assertThat(disabled.json().path("executionId").asString()).isEqualTo("exec-daily");
        Answer enabled = json("PUT", "/api/v1/triggers/set-disabled", trigger(ns, "weekly").replace("}", ",\"disabled\":false}"));
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().path("disabled").asBoolean()).isFalse();
        assertThat(json("POST", "/api/v1/triggers/set-disabled", trigger(ns, "weekly").replace("}", ",\"disabled\":true}"))
            .status()).isEqualTo(200);

        refused(json("PUT", "/api/v1/triggers/set-disabled", trigger(ns, "hook").replace("}", ",\"disabled\":true}")), 400,
            "trigger hook of flow " + ns + ".nightly is a io.kestra.plugin.core.trigger.Webhook trigger: its state is not"
                + " kept by the scheduler; change it in the flow's source");
        refused(json("PUT", "/api/v1/triggers/set-disabled", trigger(ns, "off").replace("}", ",\"disabled\":false}")), 409,
            "trigger off of flow " + ns + ".nightly is disabled in the flow's source");
        refused(json("PUT", "/api/v1/triggers/set-disabled", trigger(ns, "daily")), 400, "disabled is required (true or false)");

        Answer bulk = json("POST", "/api/v1/triggers/set-disabled/by-triggers", "{\"disabled\":true,\"triggers\":["
            + trigger(ns, "daily") + "," + trigger(ns, "hook") + "," + trigger(ns, "nope") + "]}");
        assertThat(bulk.json().path("count").asInt()).as("the webhook and the unknown trigger are skipped").isEqualTo(1);
        refused(json("POST", "/api/v1/triggers/set-disabled/by-triggers", "{\"disabled\":true,\"triggers\":[]}"), 400,
            "triggers: a list of triggers ({namespace, flowId, triggerId}) is required");
        Answer byQuery = json("POST", "/api/v1/triggers/set-disabled/by-query?disabled=false&namespace=" + ns, null);
        assertThat(byQuery.json().path("count").asInt()).isEqualTo(2);

        assertThat(commandsOf(ns, 6)).containsExactly(
            new SetTriggerDisabled(ns, "nightly", "daily", true),
            new SetTriggerDisabled(ns, "nightly", "weekly", false),
            new SetTriggerDisabled(ns, "nightly", "weekly", true),
            new SetTriggerDisabled(ns, "nightly", "daily", true),
            new SetTriggerDisabled(ns, "nightly", "daily", false),
            new SetTriggerDisabled(ns, "nightly", "weekly", false));
    }

    // ---- unlock, restart, delete

    @Test
    void aLockedTriggerIsUnlocked() {
        String ns = deployFlow();
        indexed(state(ns, "daily", T0, null, false, T0.minusSeconds(600)), state(ns, "weekly", T0, null, false, null));

        Answer unlocked = json("POST", "/api/v1/triggers/" + ns + "/nightly/daily/unlock", null);
        assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
        assertThat(unlocked.json().path("evaluateRunningDate").isNull()).isTrue();
        refused(json("POST", "/api/v1/triggers/" + ns + "/nightly/weekly/unlock", null), 409,
            "trigger weekly of flow " + ns + ".nightly is not locked");
        refused(json("POST", "/api/v1/triggers/" + ns + "/other/weekly/unlock", null), 404,
            "flow " + ns + ".other does not exist");

        assertThat(json("POST", "/api/v1/triggers/unlock/by-triggers", "[" + trigger(ns, "daily") + ","
            + trigger(ns, "weekly") + "]").json().path("count").asInt()).isEqualTo(1);
        assertThat(json("POST", "/api/v1/triggers/unlock/by-query?filters%5Bnamespace%5D%5BPREFIX%5D=" + ns, null).json()
            .path("count").asInt()).isEqualTo(1);

        assertThat(commandsOf(ns, 3)).containsExactly(new UnlockTrigger(ns, "nightly", "daily"),
            new UnlockTrigger(ns, "nightly", "daily"), new UnlockTrigger(ns, "nightly", "daily"));
    }

    @Test
    void aTriggerIsRestartedOrDeletedAndStartsAfresh() {
        String ns = deployFlow();
        indexed(state(ns, "daily", T0, null, true, null), state(ns, "weekly", T0, null, false, null));

        Answer restarted = json("POST", "/api/v1/triggers/" + ns + "/nightly/daily/restart", null);
        assertThat(restarted.status()).as(restarted.body()).isEqualTo(200);
        assertThat(restarted.json().path("disabled").asBoolean()).isFalse();
        assertThat(restarted.json().path("date").isNull()).isTrue();
        assertThat(api.send("DELETE", "/api/v1/triggers/" + ns + "/nightly/weekly", null, null).status()).isEqualTo(204);
        refused(api.send("DELETE", "/api/v1/triggers/" + ns + "/nightly/nope", null, null), 404,
            "flow " + ns + ".nightly has no trigger nope");
        refused(api.send("DELETE", "/api/v1/triggers/" + ns + "/nightly/hook", null, null), 400,
            "trigger hook of flow " + ns + ".nightly is a io.kestra.plugin.core.trigger.Webhook trigger: its state is not"
                + " kept by the scheduler; change it in the flow's source");

        assertThat(json("DELETE", "/api/v1/triggers/delete/by-triggers", "[" + trigger(ns, "daily") + "]").json()
            .path("count").asInt()).isEqualTo(1);
        assertThat(json("DELETE", "/api/v1/triggers/delete/by-query?namespace=" + ns + "&q=weekly", null).json()
            .path("count").asInt()).isEqualTo(1);

        assertThat(commandsOf(ns, 4)).containsExactly(new ResetTrigger(ns, "nightly", "daily"),
            new ResetTrigger(ns, "nightly", "weekly"), new ResetTrigger(ns, "nightly", "daily"),
            new ResetTrigger(ns, "nightly", "weekly"));
    }

    // ---- list and search

    @Test
    void theSearchShowsEachStateWithKestrasNamesFiltersSortsAndForgetsADeletedTrigger() {
        String ns = deployFlow();
        TriggerBackfill backfill = new TriggerBackfill(Instant.parse("2026-01-01T00:00:00Z"), null,
            Instant.parse("2026-01-02T00:00:00Z"), null, List.of(), true, T0);
        indexed(state(ns, "daily", T0.plusSeconds(3_600), backfill, false, null),
            state(ns, "weekly", T0.plusSeconds(60), null, true, T0));

        JsonNode byNext = api.get("/api/v1/triggers/search?namespace=" + ns + "&sort=nextExecutionDate:asc").json();
        assertThat(byNext.path("total").asLong()).isEqualTo(2);
        JsonNode weekly = byNext.path("results").get(0);
        assertThat(weekly.path("abstractTrigger").path("cron").asString()).isEqualTo("0 3 * * MON");
        JsonNode context = weekly.path("triggerContext");
        assertThat(context.path("triggerId").asString()).isEqualTo("weekly");
        assertThat(context.path("nextExecutionDate").asString()).isEqualTo(T0.plusSeconds(60).toString());
        assertThat(context.path("date").asString()).isEqualTo(T0.plusSeconds(60).minusSeconds(86_400).toString());
        assertThat(context.path("disabled").asBoolean()).isTrue();
        assertThat(context.path("evaluateRunningDate").asString()).isEqualTo(T0.toString());
        JsonNode daily = byNext.path("results").get(1).path("triggerContext");
        assertThat(daily.path("backfill").path("currentDate").asString()).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(daily.path("backfill").path("paused").asBoolean()).isTrue();

        assertThat(api.get("/api/v1/triggers/search?namespace=" + ns + "&sort=date:desc").json().path("results").get(0)
            .path("triggerContext").path("triggerId").asString()).isEqualTo("daily");
        assertThat(api.get("/api/v1/triggers/search?filters%5Bnamespace%5D%5BEQUALS%5D=" + ns + "&filters%5Bq%5D%5BEQUALS%5D=weekly")
            .json().path("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/triggers/search?filters%5Bnamespace%5D%5BEQUALS%5D=triggers").json().path("total").asLong())
            .as("EQUALS is this namespace only").isZero();
        assertThat(api.get("/api/v1/triggers/search?flowId=nightly&q=" + ns).json().path("total").asLong()).isEqualTo(2);
        refused(api.get("/api/v1/triggers/search?filters%5Bstate%5D%5BEQUALS%5D=x"), 422,
            "filter filters[state][EQUALS] is not supported on triggers (one of filters[namespace][EQUALS|PREFIX|STARTS_WITH],"
                + " filters[flowId][EQUALS], filters[q][EQUALS])");
        JsonNode ofFlow = api.get("/api/v1/triggers/" + ns + "/nightly?sort=nextExecutionDate:desc").json();
        assertThat(ofFlow.path("results").get(0).path("triggerId").asString()).isEqualTo("daily");
        refused(api.get("/api/v1/triggers/" + ns + "/gone"), 404, "flow " + ns + ".gone does not exist");

        // the scheduler deletes a state with a tombstone
        producer.send(new ProducerRecord<>(kafka.topic(Topic.TRIGGERS), TriggerState.key(ns, "nightly", "weekly"), null));
        producer.flush();
        TriggerStore store = api.context().getBean(TriggerStore.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> store.all(new TriggerQuery(ns, null, null)).size() == 1);
        assertThat(api.get("/api/v1/triggers/search?namespace=" + ns).json().path("total").asLong()).isEqualTo(1);
    }
}
