package io.millrace.worker.attempt;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.KillTaskRun;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.runtime.RunnerSettings;
import io.millrace.runtime.TaskRunner;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.tasks.TaskOutcome;
import io.millrace.template.TemplateEngine;
import io.millrace.worker.TestTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/** Slots, attempt threads, and what a stopping worker reports for attempts it gives up. */
class AttemptPoolTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    @TempDir
    Path work;

    private final RecordingOutput output = new RecordingOutput();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TaskRunner runner;
    private AttemptPool pool;

    private AttemptPool pool(int slots) {
        runner = new TaskRunner(new TemplateEngine(), new RunnerSettings("w1", Map.of(), work, Clock.systemUTC()));
        pool = new AttemptPool(slots, runner, output, new WorkerMetrics(registry, "w1"), Clock.systemUTC(), "w1");
        return pool;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.abandonRunning();
            pool.awaitIdle(Duration.ofSeconds(5));
        }
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void runsATaskReportsItsResultAndFreesItsSlot() throws InterruptedException {
        pool(2).start(TestTasks.task("e1", "tr1", 3, """
            id: say
            type: io.millrace.core.log.Log
            message: hello
            """));

        assertThat(pool.awaitIdle(Duration.ofSeconds(10))).isTrue();
        WorkerTaskResult result = output.result("tr1");
        assertThat(result.status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(result.attempt()).isEqualTo(3);
        assertThat(result.workerId()).isEqualTo("w1");
        assertThat(output.logs).extracting(l -> l.message()).contains("hello");
        assertThat(pool.free()).isEqualTo(2);
        assertThat(registry.get(WorkerMetrics.ATTEMPTS).tag("status", "SUCCESS").counter().count()).isEqualTo(1.0);
    }

    @Test
    void everyLineOfTaskWorkCarriesTheIdsOfItsTaskRun() throws InterruptedException {
        ContextRecorder recorder = new ContextRecorder();
        pool(1).start(TestTasks.task("e1", "tr1", 2, recorder));

        assertThat(pool.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(output.result("tr1").status()).isEqualTo(TaskRunStatus.SUCCESS);
        assertThat(recorder.seen).containsEntry("executionId", "e1").containsEntry("taskRunId", "tr1")
            .containsEntry("attempt", "2").containsEntry("taskId", "recorder")
            .containsKeys("namespace", "flowId");
    }

    /** A task that keeps the logging context its thread has while it runs. */
    static final class ContextRecorder extends Task implements RunnableTask {

        volatile Map<String, String> seen = Map.of();

        ContextRecorder() {
            this.id = "recorder";
            this.type = "test.ContextRecorder";
        }

        @Override
        public TaskOutcome run(RunContext context) {
            seen = MDC.getCopyOfContextMap();
            return TaskOutcome.none();
        }
    }

    @Test
    void aSlotIsFreeAsSoonAsTheTaskReturnsButThePoolIsIdleOnlyOnceTheResultIsStored() throws InterruptedException {
        output.holdReports();
        pool(1).start(TestTasks.task("e1", "tr1", 1, """
            id: say
            type: io.millrace.core.log.Log
            message: hello
            """));

        await().atMost(Duration.ofSeconds(10)).until(() -> pool.free() == 1);
        assertThat(output.results).isEmpty();
        assertThat(pool.awaitIdle(Duration.ofMillis(200))).isFalse();

        output.releaseReports();
        assertThat(pool.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(output.result("tr1").status()).isEqualTo(TaskRunStatus.SUCCESS);
    }

    @Test
    void refusesATaskWhenEverySlotIsBusy() {
        pool(1).start(TestTasks.sleep("e1", "tr1", LONG));

        assertThat(pool.free()).isZero();
        assertThatThrownBy(() -> pool.start(TestTasks.sleep("e1", "tr2", LONG)))
            .isInstanceOf(IllegalStateException.class);
        assertThat(registry.get(WorkerMetrics.SLOTS).tag("state", "busy").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get(WorkerMetrics.SLOTS).tag("state", "idle").gauge().value()).isZero();
    }

    @Test
    void aKilledAttemptEndsKilledAndGivesItsSlotBack() throws InterruptedException {
        pool(1).start(TestTasks.sleep("e1", "tr1", LONG));
        await().until(() -> runner.runningCount() == 1);

        runner.kill(new KillTaskRun("e1", "tr1", 1));

        assertThat(pool.awaitFree(Duration.ofSeconds(10))).isTrue();
        // the slot is given back before the result is stored: the pool is idle once it is
        assertThat(pool.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(output.result("tr1").status()).isEqualTo(TaskRunStatus.KILLED);
    }

    @Test
    void abandonedAttemptsAreReportedResubmitted() throws InterruptedException {
        pool(2);
        pool.start(TestTasks.sleep("e1", "tr1", LONG));
        pool.start(TestTasks.task("e2", "tr2", 2, """
            id: wait
            type: io.millrace.core.flow.Sleep
            duration: PT5M
            """));
        await().until(() -> runner.runningCount() == 2);

        assertThat(pool.abandonRunning()).isEqualTo(2);

        assertThat(pool.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(output.results).extracting(WorkerTaskResult::taskRunId, WorkerTaskResult::attempt,
                WorkerTaskResult::status)
            .containsExactlyInAnyOrder(
                tuple("tr1", 1, TaskRunStatus.RESUBMITTED),
                tuple("tr2", 2, TaskRunStatus.RESUBMITTED));
        assertThat(output.results).allSatisfy(r -> assertThat(r.error()).isEqualTo(AttemptPool.ABANDONED));
    }

    @Test
    void anAttemptThatIgnoresItsInterruptIsResubmittedByTheStoppingWorkerAndReportedOnce()
        throws InterruptedException {
        Stubborn stubborn = new Stubborn();
        WorkerTask task = TestTasks.task("e1", "tr1", 1, stubborn);
        pool(1).start(task);
        stubborn.started.await();

        pool.abandonRunning();
        assertThat(pool.awaitIdle(Duration.ofMillis(200))).isFalse();
        assertThat(pool.resubmitUnfinished()).extracting(WorkerTaskResult::status)
            .containsExactly(TaskRunStatus.RESUBMITTED);

        stubborn.release.countDown();
        assertThat(pool.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(output.results).extracting(WorkerTaskResult::status).containsExactly(TaskRunStatus.RESUBMITTED);
    }

    @Test
    void anAttemptThatSucceedsDespiteTheInterruptKeepsItsResult() throws InterruptedException {
        Stubborn stubborn = new Stubborn();
        pool(1).start(TestTasks.task("e1", "tr1", 1, stubborn));
        stubborn.started.await();

        pool.abandonRunning();
        stubborn.release.countDown();

        assertThat(pool.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(output.results).extracting(WorkerTaskResult::status).containsExactly(TaskRunStatus.SUCCESS);
    }
}
