package io.millrace.worker;

import io.millrace.model.execution.State;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerTask;
import io.millrace.serde.Json;
import io.millrace.tasks.Task;
import io.millrace.tasks.WorkerFixture;
import io.millrace.topics.Keys;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Worker tasks as the executor sends them: a RUNNING task run whose last attempt is the one to run. */
public final class TestTasks {

    private static final VersionedJsonSerde<WorkerTask> SERDE = VersionedJsonSerde.of(Topic.WORKER_TASKS);

    private TestTasks() {
    }

    /** Attempt {@code attempt} of task run {@code taskRunId} of execution {@code executionId}, defined by YAML. */
    public static WorkerTask task(String executionId, String taskRunId, int attempt, String yaml) {
        return task(executionId, taskRunId, attempt, WorkerFixture.parse(yaml));
    }

    /** Attempt {@code attempt} of a task run of {@code task}. */
    public static WorkerTask task(String executionId, String taskRunId, int attempt, Task task) {
        Instant now = Instant.now();
        List<TaskRunAttempt> attempts = new ArrayList<>();
        for (int i = 0; i < attempt; i++) {
            attempts.add(new TaskRunAttempt(State.of(TaskRunStatus.RUNNING, now), null));
        }
        TaskRun run = TaskRun.created(taskRunId, executionId, "company.team", "flow", task.id(), null, null, null, 0,
                now)
            .to(TaskRunStatus.RUNNING, now)
            .withAttempts(attempts);
        return new WorkerTask(run, task, Map.of());
    }

    /** A Sleep task of {@code duration}. */
    public static WorkerTask sleep(String executionId, String taskRunId, Duration duration) {
        return task(executionId, taskRunId, 1, """
            id: wait
            type: io.millrace.core.flow.Sleep
            duration: %s
            """.formatted(duration));
    }

    /** A Log task writing {@code message}. */
    public static WorkerTask log(String executionId, String taskRunId, String message) {
        return task(executionId, taskRunId, 1, """
            id: say
            type: io.millrace.core.log.Log
            message: "%s"
            """.formatted(message));
    }

    /** The key of the task on {@code worker_tasks}. */
    public static String key(WorkerTask task) {
        return Keys.taskRun(task.taskRun().executionId(), task.taskRun().id());
    }

    /** The task as the executor writes it on {@code worker_tasks}. */
    public static byte[] bytes(WorkerTask task) {
        return SERDE.serialize("worker_tasks", task);
    }

    /** The task's record with its {@code type} replaced, as an executor with a plugin this worker lacks writes it. */
    public static byte[] bytesWithType(WorkerTask task, String type) {
        JsonNode record = Json.mapper().readTree(bytes(task));
        ((ObjectNode) record.path("value").path("task")).put("type", type);
        return Json.mapper().writeValueAsBytes(record);
    }
}
