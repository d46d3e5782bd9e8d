package io.millrace.runtime;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.State;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.tasks.WorkerFixture;
import io.millrace.template.TemplateEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker-side runner: results, error messages, kills that overtake their task, secrets, working directories. */
class TaskRunnerTest {

    @TempDir
    Path work;

    private final List<LogEntry> logs = new CopyOnWriteArrayList<>();
    private final TaskEvents events = new TaskEvents() {
        @Override
        public void log(LogEntry entry) {
            logs.add(entry);
        }

        @Override
        public void metric(MetricEntry entry) {
        }
    };
    private TaskRunner runner;

    @AfterEach
    void close() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void aKillThatArrivesBeforeTheAttemptStartsStopsItBeforeItRuns() {
        runner = runner(Map.of());
        WorkerTask task = task("""
            id: slow
            type: io.millrace.core.flow.Sleep
            duration: PT30S
            """, 1, Map.of());
        runner.kill(new KillTaskRun("exec-1", "tr-slow", 1));

        long start = System.nanoTime();
        WorkerTaskResult result = runner.run(task, events);

        assertThat(result.status()).isEqualTo(TaskRunStatus.KILLED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aKillOfAnotherAttemptDoesNotStopThisOne() {
        runner = runner(Map.of());
        runner.kill(new KillTaskRun("exec-1", "tr-ok", 1));

        WorkerTaskResult result = runner.run(task("""
            id: ok
            type: io.millrace.core.debug.Return
            format: fine
            """, 2, Map.of()), events);

        assertThat(result.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(result.attempt()).isEqualTo(2);
        assertThat(result.outputs()).containsEntry("value", "fine");
    }

    @Test
    void aTemplateErrorFailsTheAttemptWithAMessageAndAnErrorLine() {
        runner = runner(Map.of());

        WorkerTaskResult result = runner.run(task("""
            id: broken
            type: io.millrace.core.log.Log
            message: "{{ nothing.here }}"
            """, 1, Map.of()), events);

        assertThat(result.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(result.error()).contains("'nothing' is not defined");
        assertThat(logs).extracting(LogEntry::level).containsExactly(LogLevel.ERROR);
    }

    @Test
    void secretsAreMaskedInLogLinesAndErrors() {
        runner = new TaskRunner(new TemplateEngine((ns, key) -> Optional.of("hunter2")),
            new RunnerSettings("w", Map.of(), work, Clock.systemUTC()));

        runner.run(task("""
            id: leak
            type: io.millrace.core.log.Log
            message: "password is {{ secret('DB') }}"
            """, 1, Map.of()), events);
        WorkerTaskResult failed = runner.run(task("""
            id: fail
            type: io.millrace.core.execution.Fail
            errorMessage: "cannot log in with {{ secret('DB') }}"
            """, 1, Map.of()), events);

        assertThat(logs).extracting(LogEntry::message)
            .containsExactly("password is ******", "cannot log in with ******");
        assertThat(failed.error()).isEqualTo("cannot log in with ******");
    }

    @Test
    void envsAreTheAllowListAndTheWorkingDirectoryIsRemoved() throws Exception {
        runner = runner(Map.of("REGION", "eu-west"));

        WorkerTaskResult result = runner.run(task("""
            id: shell
            type: io.millrace.core.scripts.Commands
            commands:
              - touch scratch.txt
              - echo "::{\\"outputs\\":{\\"dir\\":\\"$(pwd)\\",\\"region\\":\\"{{ envs.REGION }}\\"}}::"
            """, 1, Map.of()), events);

        assertThat(result.status()).isEqualTo(TaskRunStatus.SUCCESS);
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) result.outputs().get("vars");
        Path dir = Path.of((String) vars.get("dir"));
        assertThat(vars).containsEntry("region", "eu-west");
        assertThat(dir).startsWithRaw(work);
        assertThat(Files.exists(dir)).isFalse();
    }

    private TaskRunner runner(Map<String, String> envs) {
        return new TaskRunner(new TemplateEngine(), new RunnerSettings("w", envs, work, Clock.systemUTC()));
    }

    private static WorkerTask task(String yaml, int attempt, Map<String, Object> variables) {
        var task = WorkerFixture.parse(yaml);
        Instant now = Instant.now();
        TaskRun run = TaskRun.created("tr-" + task.id(), "exec-1", "company.team", "flow", task.id(), null, null, null,
            0, now).to(TaskRunStatus.RUNNING, now);
        for (int i = 0; i < attempt; i++) {
            run = run.withAttempt(new TaskRunAttempt(State.of(TaskRunStatus.RUNNING, now), "w"));
        }
        return new WorkerTask(run, task, variables.isEmpty() ? Map.of("flow", Map.of("namespace", "company.team")) : variables);
    }
}
