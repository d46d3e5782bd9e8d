package io.millrace.topics;

import io.millrace.model.FlowRecord;
import io.millrace.model.Label;
import io.millrace.model.LogLevel;
import io.millrace.model.command.ConcurrencySlot;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.ExecutionTrigger;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.State;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.Concurrency;
import io.millrace.model.trigger.TriggerBackfill;
import io.millrace.model.trigger.TriggerEvaluated;
import io.millrace.model.trigger.TriggerEvaluation;
import io.millrace.model.trigger.TriggerState;
import io.millrace.model.trigger.command.SetBackfill;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerInstance;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.model.worker.WorkerTaskRunning;
import io.millrace.tasks.WorkerFixture;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionedJsonSerdeTest {

    private static final Instant AT = Instant.parse("2026-11-02T10:15:30.123Z");

    @ParameterizedTest
    @EnumSource(Topic.class)
    void every_topic_value_survives_a_round_trip(Topic topic) {
        Object sample = sample(topic);
        assertThat(sample).isInstanceOf(topic.valueType());
        VersionedJsonSerde<Object> serde = VersionedJsonSerde.of(topic);

        byte[] bytes = serde.serialize(topic.baseName(), sample);
        Object read = serde.deserialize(topic.baseName(), bytes);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"v\":1,\"value\":{");
        assertThat(read).isInstanceOf(topic.valueType()).usingRecursiveComparison().isEqualTo(sample);
        assertThat(serde.serialize(topic.baseName(), read)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void a_newer_schema_version_is_refused_with_the_topic_named(Topic topic) {
        VersionedJsonSerde<Object> serde = VersionedJsonSerde.of(topic);
        String written = new String(serde.serialize("t", sample(topic)), StandardCharsets.UTF_8);
        byte[] fromTheFuture = written.replaceFirst("\"v\":1", "\"v\":" + (VersionedJsonSerde.VERSION + 1))
            .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserialize("millrace_" + topic.baseName(), fromTheFuture))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("millrace_" + topic.baseName())
            .hasMessageContaining("schema version " + (VersionedJsonSerde.VERSION + 1));
    }

    @Test
    void records_without_a_version_or_not_json_are_refused_with_the_topic_named() {
        VersionedJsonSerde<Object> serde = VersionedJsonSerde.of(Topic.EXECUTIONS);

        assertThatThrownBy(() -> serde.deserialize("millrace_executions", "{\"value\":{}}".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("millrace_executions");
        assertThatThrownBy(() -> serde.deserialize("millrace_executions", "[1,2]".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("millrace_executions");
        assertThatThrownBy(() -> serde.deserialize("millrace_executions", "{\"v\":1,\"value\":{\"id\":[".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("millrace_executions");
    }

    @Test
    void records_written_before_subflow_depths_existed_read_as_depth_zero() {
        VersionedJsonSerde<Object> headers = VersionedJsonSerde.of(Topic.EXECUTIONS);
        String header = new String(headers.serialize("t", sample(Topic.EXECUTIONS)), StandardCharsets.UTF_8)
            .replace(",\"subflowDepth\":3", "");
        VersionedJsonSerde<Object> commands = VersionedJsonSerde.of(Topic.EXECUTION_COMMANDS);
        String command = new String(commands.serialize("t", sample(Topic.EXECUTION_COMMANDS)), StandardCharsets.UTF_8)
            .replace(",\"subflowDepth\":3", "");
        assertThat(header).doesNotContain("subflowDepth");
        assertThat(command).doesNotContain("subflowDepth");

        assertThat(((ExecutionHeader) headers.deserialize("t", header.getBytes(StandardCharsets.UTF_8))).subflowDepth())
            .isZero();
        assertThat(((CreateExecution) commands.deserialize("t", command.getBytes(StandardCharsets.UTF_8))).subflowDepth())
            .isZero();
    }

    @Test
    void null_is_a_tombstone_both_ways() {
        VersionedJsonSerde<Object> serde = VersionedJsonSerde.of(Topic.FLOWS);

        assertThat(serde.serialize("millrace_flows", null)).isNull();
        assertThat(serde.deserialize("millrace_flows", null)).isNull();
    }

    /** A value of every topic, with its optional parts filled so that they are written and read too. */
    static Object sample(Topic topic) {
        return switch (topic) {
            case FLOWS, FLOW_REVISIONS -> new FlowRecord("company.team", "hello", 3,
                "id: hello\nnamespace: company.team\ntasks: []\n", false, AT);
            case EXECUTION_COMMANDS -> new CreateExecution("exec-1", "company.team", "hello", 3,
                Map.of("name", "Ada", "count", 2), List.of(new Label("team", "data")),
                new ExecutionTrigger("daily", "io.millrace.core.trigger.Schedule", Map.of("date", "2026-11-02")),
                AT, null, null, 1, 3);
            case EXECUTIONS -> new ExecutionHeader("exec-1", "company.team", "hello", 3,
                State.of(ExecutionStatus.CREATED, AT).to(ExecutionStatus.RUNNING, AT.plusSeconds(1)),
                Map.of("name", "Ada"), List.of(new Label("team", "data")), Map.of("out", List.of(1, 2)),
                null, null, null, 1, AT, null, 2, 3);
            case TASKRUNS -> taskRun();
            case WORKER_TASKS -> new WorkerTask(taskRun(), WorkerFixture.parse("""
                id: greet
                type: io.millrace.core.debug.Return
                format: "Hello {{ inputs.name }}"
                """), Map.of("inputs", Map.of("name", "Ada")));
            case WORKER_TASK_RESULTS -> new WorkerTaskResult("exec-1", "tr-1", 1, TaskRunStatus.SUCCESS,
                Map.of("value", "Hello Ada"), null, AT, AT.plusMillis(250), "worker-1");
            case WORKER_TASK_RUNNING -> new WorkerTaskRunning("exec-1", "tr-1", 1, "worker-1", "inc-1", 7, AT);
            case WORKER_INSTANCES -> new WorkerInstance("worker-1", "inc-1", "host-a", null, 4, List.of(0, 3, 7), AT, AT, AT);
            case EXECUTION_KILLED -> new KillTaskRun("exec-1", "tr-1", 2);
            case TRIGGERS -> new TriggerState("company.team", "hello", "daily", "io.millrace.core.trigger.Schedule", 3,
                AT.plusSeconds(86_400), AT, "exec-1", new TriggerBackfill(AT.minusSeconds(86_400),
                AT, AT.minusSeconds(3_600), Map.of("n", 1), List.of(new Label("team", "data")), true, AT),
                false, null, null, AT);
            case TRIGGER_EVALUATIONS -> new TriggerEvaluation("ev-1", "company.team", "hello", 3, "poll",
                Map.of("id", "poll", "type", "io.millrace.core.http.Trigger", "uri", "https://example.com"), AT);
            case TRIGGER_EVALUATION_RESULTS -> new TriggerEvaluated("ev-1", "company.team", "hello", "poll", "worker-1",
                List.of(Map.of("body", "ok")), null, AT, AT.plusMillis(40));
            case TRIGGER_COMMANDS -> new SetBackfill("company.team", "hello", "daily",
                AT.minusSeconds(86_400), AT, Map.of("n", 1), List.of());
            case LOGS -> new LogEntry("company.team", "hello", "exec-1", "greet", "tr-1", 1, AT, LogLevel.INFO,
                "Hello Ada", "task-tr-1");
            case METRICS -> new MetricEntry("company.team", "hello", "exec-1", "greet", "tr-1", "rows", "counter",
                42.5, Map.of("table", "users"), AT);
            case CONCURRENCY_SLOTS -> new ConcurrencySlot(ConcurrencySlot.Action.ACQUIRE, "company.team", "hello",
                "exec-1", 2, Concurrency.Behavior.QUEUE);
            case FLOW_TRIGGER_WINDOWS -> new io.millrace.triggers.WindowMatch("company.team", "listener", "both",
                "exec-1", AT, List.of(new io.millrace.triggers.WindowMatch.ConditionProgress("multiple",
                    java.time.Duration.ofDays(1), java.time.Duration.ZERO, List.of("a", "b"), List.of("a"))),
                null, null);
            case DEAD_WORKERS -> new io.millrace.model.worker.DeadWorker("worker-1", "inc-1", "host-a", null,
                "it sent no heartbeat for 30 s", AT);
            case DEAD_LETTERS -> new DeadLetter("millrace_executions", 3, 1234L, "exec-1", "{\"v\":9}", false,
                "a record of millrace_executions has schema version 9", "executor", AT, 7, false);
        };
    }

    private static TaskRun taskRun() {
        return TaskRun.created("tr-1", "exec-1", "company.team", "hello", "greet", null, null, null, 0, AT)
            .to(TaskRunStatus.RUNNING, AT.plusSeconds(1))
            .withAttempt(new TaskRunAttempt(State.of(TaskRunStatus.RUNNING, AT.plusSeconds(1)), "worker-1"))
            .withOutputs(Map.of("value", "Hello Ada"));
    }
}
