package io.millrace.scheduler.kafka;

import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaSettings;
import io.millrace.model.FlowRecord;
import io.millrace.model.Label;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.State;
import io.millrace.model.trigger.TriggerState;
import io.millrace.model.trigger.command.SetBackfill;
import io.millrace.model.trigger.command.SetTriggerDisabled;
import io.millrace.model.trigger.command.TriggerCommand;
import io.millrace.schedule.FireCalendars;
import io.millrace.scheduler.SchedulerSettings;
import io.millrace.scheduler.schedule.TriggerRules;
import io.millrace.topics.DeadLetter;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerTopologyTest {

    private static final Instant START = Instant.parse("2026-04-01T08:00:00.500Z");
    private static final SchedulerSettings SETTINGS = new SchedulerSettings(Duration.ofMillis(200), 1, ZoneId.of("UTC"),
        Duration.ofSeconds(5), 100, Duration.ofMinutes(2), Duration.ofMillis(100), 50_000);

    private final KafkaClients kafka = new KafkaClients(KafkaSettings.local("localhost:9092"));
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> flows;
    private TestInputTopic<String, byte[]> commands;
    private TestInputTopic<String, byte[]> executions;
    private TestOutputTopic<String, byte[]> starts;
    private TestOutputTopic<String, byte[]> states;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void start(@TempDir Path dir) {
        Properties props = SchedulerTopology.properties(kafka, SETTINGS);
        props.put("state.dir", dir.toString());
        driver = new TopologyTestDriver(SchedulerTopology.build(kafka,
            new TriggerRules(new FireCalendars(ZoneId.of("UTC")), SETTINGS), SETTINGS, SchedulerMetrics.none()), props, START);
        var s = Serdes.String().serializer();
        var b = Serdes.ByteArray().serializer();
        flows = driver.createInputTopic(kafka.topic(Topic.FLOWS), s, b);
        commands = driver.createInputTopic(kafka.topic(Topic.TRIGGER_COMMANDS), s, b);
        executions = driver.createInputTopic(kafka.topic(Topic.EXECUTIONS), s, b);
        starts = out(Topic.EXECUTION_COMMANDS);
        states = out(Topic.TRIGGERS);
        deadLetters = out(Topic.DEAD_LETTERS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private TestOutputTopic<String, byte[]> out(Topic topic) {
        return driver.createOutputTopic(kafka.topic(topic), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    private static <T> byte[] bytes(Topic topic, T value) {
        return VersionedJsonSerde.<T>of(topic).serialize(topic.baseName(), value);
    }

    private static <T> T read(Topic topic, byte[] value) {
        return VersionedJsonSerde.<T>of(topic).deserialize(topic.baseName(), value);
    }

    private void deploy(String id, String triggers) {
        String yaml = """
            id: %s
            namespace: company.team
            tasks:
              - id: hello
                type: io.millrace.core.log.Log
                message: hi
            triggers:
            %s""".formatted(id, triggers.indent(2));
        FlowRecord r = new FlowRecord("company.team", id, 1, yaml, false, START);
        flows.pipeInput(r.key(), bytes(Topic.FLOWS, r));
    }

    private List<CreateExecution> started() {
        List<CreateExecution> list = new ArrayList<>();
        for (TestRecord<String, byte[]> r : starts.readRecordsToList()) {
            ExecutionCommand c = read(Topic.EXECUTION_COMMANDS, r.value());
            assertThat(r.key()).isEqualTo(c.executionId());
            list.add((CreateExecution) c);
        }
        return list;
    }

    private List<KeyValue<String, TriggerState>> published() {
        return states.readKeyValuesToList().stream()
            .map(kv -> KeyValue.pair(kv.key, kv.value == null ? null : (TriggerState) read(Topic.TRIGGERS, kv.value)))
            .toList();
    }

    private static final String EVERY_MINUTE = """
        - id: every-minute
          type: io.millrace.core.trigger.Schedule
          cron: "* * * * *"
        """;

    @Test
    void aDeployedScheduleIsPublishedAndFiresAtItsDate() {
        deploy("report", EVERY_MINUTE);

        assertThat(published()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("company.team/report/every-minute");
            assertThat(kv.value.nextDate()).isEqualTo(Instant.parse("2026-04-01T08:01:00Z"));
        });
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(started()).isEmpty();

        driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(started()).singleElement().satisfies(c -> {
            assertThat(c.flowId()).isEqualTo("report");
            assertThat(c.trigger().type()).isEqualTo("io.millrace.core.trigger.Schedule");
        });
        assertThat(published()).last().satisfies(kv -> {
            assertThat(kv.value.lastFireDate()).isEqualTo(Instant.parse("2026-04-01T08:01:00Z"));
            assertThat(kv.value.nextDate()).isEqualTo(Instant.parse("2026-04-01T08:02:00Z"));
        });
    }

    @Test
    void onlyDueTriggersAreTouchedByATick() {
        for (int i = 0; i < 300; i++) {
            deploy("daily-" + i, """
                - id: daily
                  type: io.millrace.core.trigger.Schedule
                  cron: "0 3 * * *"
                """);
        }
        deploy("report", EVERY_MINUTE);
        published();

        driver.advanceWallClockTime(Duration.ofMinutes(1));

        assertThat(started()).extracting(CreateExecution::flowId).containsExactly("report");
        assertThat(published()).extracting(kv -> kv.key).containsExactly("company.team/report/every-minute");
    }

    @Test
    void aDisabledTriggerDoesNotFireAndADeletedFlowTakesItsTriggersAway() {
        deploy("report", EVERY_MINUTE);
        deploy("other", EVERY_MINUTE);
        TriggerCommand disable = new SetTriggerDisabled("company.team", "report", "every-minute", true);
        commands.pipeInput(disable.key(), bytes(Topic.TRIGGER_COMMANDS, disable));
        flows.pipeInput("company.team/other", (byte[]) null);
        published();

        driver.advanceWallClockTime(Duration.ofMinutes(2));

        assertThat(started()).isEmpty();
    }

    @Test
    void aTombstonedFlowTombstonesItsTriggerStates() {
        deploy("report", EVERY_MINUTE);
        published();

        flows.pipeInput("company.team/report", (byte[]) null);

        assertThat(published()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("company.team/report/every-minute");
            assertThat(kv.value).isNull();
        });
    }

    @Test
    void stopAfterDisablesTheTriggerWhenTheExecutorReportsAnEndItNames() {
        deploy("report", EVERY_MINUTE + "  stopAfter: [FAILED]\n");
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        CreateExecution fired = started().getFirst();
        published();

        State<ExecutionStatus> failed = State.<ExecutionStatus>of(ExecutionStatus.CREATED, START)
            .to(ExecutionStatus.RUNNING, START).to(ExecutionStatus.FAILED, START);
        ExecutionHeader ended = new ExecutionHeader(fired.executionId(), "company.team", "report", 1, failed, Map.of(),
            List.of(), null, fired.trigger(), null, null, 1, null, null, 1);
        executions.pipeInput(ended.id(), bytes(Topic.EXECUTIONS, ended));

        assertThat(published()).last().satisfies(kv -> assertThat(kv.value.disabled()).isTrue());
        driver.advanceWallClockTime(Duration.ofMinutes(3));
        assertThat(started()).isEmpty();
    }

    @Test
    void anUnreadableCommandGoesToTheDeadLettersAndTheStreamGoesOn() {
        deploy("report", EVERY_MINUTE);
        commands.pipeInput("company.team/report", "{not json".getBytes(StandardCharsets.UTF_8));

        driver.advanceWallClockTime(Duration.ofMinutes(1));

        assertThat(deadLetters.readValuesToList()).singleElement().satisfies(v -> {
            DeadLetter d = read(Topic.DEAD_LETTERS, v);
            assertThat(d.sourceTopic()).isEqualTo(kafka.topic(Topic.TRIGGER_COMMANDS));
            assertThat(d.value()).isEqualTo("{not json");
        });
        assertThat(started()).hasSize(1);
    }

    @Test
    void aBackfillSentOnTriggerCommandsRunsItsDatesLabelledAsABackfill() {
        deploy("report", """
            - id: hourly
              type: io.millrace.core.trigger.Schedule
              cron: "0 * * * *"
            """);
        TriggerCommand backfill = new SetBackfill("company.team", "report", "hourly", Instant.parse("2026-04-01T05:00:00Z"),
            Instant.parse("2026-04-01T07:00:00Z"), Map.of("day", "yesterday"), List.of());
        commands.pipeInput(backfill.key(), bytes(Topic.TRIGGER_COMMANDS, backfill));

        driver.advanceWallClockTime(Duration.ofMillis(200));

        assertThat(started()).hasSize(3).allSatisfy(c -> {
            assertThat(c.labels()).contains(new Label(TriggerRules.BACKFILL_LABEL, "true"));
            assertThat(c.inputs()).containsEntry("day", "yesterday");
        });
        assertThat(published()).last().satisfies(kv -> assertThat(kv.value.backfill()).isNull());
    }

    @Test
    void aStallOfARunningSchedulerIsNoDowntimeEveryDateItPassedFires() {
        deploy("report", EVERY_MINUTE + "  recoverMissedSchedules: NONE\n");
        driver.advanceWallClockTime(Duration.ofMillis(200)); // the task ticks: it is running

        // one tick arrives three minutes late (a long rebalance, a stuck commit): nothing was down
        driver.advanceWallClockTime(Duration.ofMinutes(3));

        assertThat(started()).hasSize(3);
    }
}
