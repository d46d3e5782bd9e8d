package io.millrace.executor.kafka;

import io.millrace.model.command.CreateExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.execution.TaskRunAttempt;
import io.millrace.model.execution.TaskRunStatus;
import io.millrace.model.worker.WorkerTask;
import io.millrace.model.worker.WorkerTaskResult;
import io.millrace.topics.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor's side of dead-worker detection: attempts workers hold are known from
 * {@code worker_task_running}, and a verdict on {@code dead_workers} sends each one the dead incarnation
 * still held again as a new attempt — once, and only while it is the current attempt.
 */
class DeadWorkerResubmissionTest {

    @TempDir
    Path dir;

    private ExecutorFixture x;

    @BeforeEach
    void start() {
        x = new ExecutorFixture(dir);
        x.runWorkers = false;
        x.deploy("""
            id: twice
            namespace: tests
            tasks:
              - id: work
                type: io.millrace.core.debug.Return
                format: "done"
              - id: after
                type: io.millrace.core.debug.Return
                format: "after"
            """, 1);
        x.deploy("""
            id: once
            namespace: tests
            tasks:
              - id: charge
                type: io.millrace.core.debug.Return
                format: "charged"
                onWorkerLoss: FAIL
            errors:
              - id: alert
                type: io.millrace.core.log.Log
                message: "charge failed"
            """, 1);
    }

    @AfterEach
    void stop() {
        x.close();
    }

    private WorkerTask lastTask() {
        return x.heldTasks.getLast();
    }

    @Test
    void anAttemptHeldByADeadWorkerRunsAgainAsANewAttempt() {
        x.send(CreateExecution.of("e1", "tests", "twice", Map.of()));
        WorkerTask first = lastTask();
        x.take(first, "w1", "i1");

        x.declareDead("w1", "i1");

        assertThat(x.heldTasks).hasSize(2);
        WorkerTask second = lastTask();
        assertThat(second.taskRun().id()).isEqualTo(first.taskRun().id());
        assertThat(second.attempt()).isEqualTo(2);
        TaskRun work = x.execution("e1").taskRun("work");
        assertThat(work.status()).isEqualTo(TaskRunStatus.RUNNING);
        assertThat(work.attempts()).extracting(a -> a.state().current())
            .containsExactly(TaskRunStatus.RESUBMITTED, TaskRunStatus.RUNNING);
        assertThat(work.attempts().getFirst().workerId()).isEqualTo("w1");
        assertThat(x.logs).anySatisfy(l -> assertThat(l.message())
            .contains("attempt 1 was lost", "worker w1 on host-w1 was declared dead", "attempt 2"));
        assertThat(x.runningOut.readKeyValuesToList()).extracting(kv -> kv.key, kv -> kv.value)
            .contains(org.assertj.core.groups.Tuple.tuple("e1/" + first.taskRun().id(), null));
    }

    @Test
    void aLateResultOfTheLostAttemptIsIgnoredAndTheNewAttemptsResultIsAppliedOnce() {
        x.send(CreateExecution.of("e2", "tests", "twice", Map.of()));
        WorkerTask first = lastTask();
        x.take(first, "w1", "i1");
        x.declareDead("w1", "i1");
        WorkerTask second = lastTask();
        x.take(second, "w2", "j1");

        // the dead worker had in fact finished: its result comes late, for the superseded attempt
        x.complete(first);
        x.settle();
        assertThat(x.execution("e2").taskRun("work").status()).isEqualTo(TaskRunStatus.RUNNING);

        x.complete(second);
        x.settle();
        x.complete(second); // a duplicate delivery of the same result
        x.settle();
        x.complete(lastTask());
        x.settle();

        Execution e = x.execution("e2");
        assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(e.taskRuns()).extracting(TaskRun::taskId).containsExactly("work", "after");
        assertThat(e.taskRun("work").attempts()).extracting(a -> a.state().current())
            .containsExactly(TaskRunStatus.RESUBMITTED, TaskRunStatus.SUCCESS);
        assertThat(e.taskRun("after").attempts()).hasSize(1);
    }

    @Test
    void aVerdictThatArrivesTwiceChangesNothingMore() {
        x.send(CreateExecution.of("e3", "tests", "twice", Map.of()));
        x.take(lastTask(), "w1", "i1");

        x.declareDead("w1", "i1");
        x.declareDead("w1", "i1");

        assertThat(x.heldTasks).hasSize(2);
        assertThat(x.execution("e3").taskRun("work").attempts()).hasSize(2);
    }

    @Test
    void anotherIncarnationOfTheSameWorkerIsNotConcerned() {
        x.send(CreateExecution.of("e4", "tests", "twice", Map.of()));
        x.take(lastTask(), "w1", "i2");

        x.declareDead("w1", "i1");

        assertThat(x.heldTasks).hasSize(1);
        assertThat(x.execution("e4").taskRun("work").attempts()).hasSize(1);
    }

    @Test
    void anAttemptWhoseResultCameFirstIsNotHeldNorSentAgain() {
        x.send(CreateExecution.of("e5", "tests", "twice", Map.of()));
        WorkerTask first = lastTask();
        x.complete(first); // the result overtakes the running record
        x.settle();
        x.take(first, "w1", "i1");

        x.declareDead("w1", "i1");

        Execution e = x.execution("e5");
        assertThat(e.taskRun("work").attempts()).extracting(a -> a.state().current())
            .containsExactly(TaskRunStatus.SUCCESS);
        assertThat(x.heldTasks).extracting(t -> t.taskRun().taskId()).containsExactly("work", "after");
    }

    @Test
    void anAttemptRecordedByAnIncarnationAlreadyDeclaredDeadIsLostAtOnce() {
        x.send(CreateExecution.of("e6", "tests", "twice", Map.of()));
        x.declareDead("w1", "i1");

        x.take(lastTask(), "w1", "i1");

        assertThat(x.heldTasks).hasSize(2);
        assertThat(lastTask().attempt()).isEqualTo(2);
    }

    @Test
    void aTaskThatMustNeverRunTwiceFailsNamingTheDeadWorker() {
        x.send(CreateExecution.of("e7", "tests", "once", Map.of()));
        x.take(lastTask(), "w1", "i1");

        x.declareDead("w1", "i1");

        Execution e = x.execution("e7");
        TaskRun charge = e.taskRun("charge");
        assertThat(charge.status()).isEqualTo(TaskRunStatus.FAILED);
        assertThat(charge.attempts()).extracting(TaskRunAttempt::workerId).containsExactly("w1");
        assertThat(charge.error()).contains("worker w1 on host-w1 was declared dead", "onWorkerLoss: FAIL",
            "not run again");
        assertThat(x.heldTasks).hasSize(2).last().extracting(t -> t.taskRun().taskId()).isEqualTo("alert");
    }

    @Test
    void aWorkerThatGivesAnAttemptUpWhenStoppingFollowsTheSamePolicy() {
        x.send(CreateExecution.of("e8", "tests", "once", Map.of()));
        WorkerTask task = lastTask();

        x.resultsIn.pipeInput("e8", ExecutorFixture.bytes(Topic.WORKER_TASK_RESULTS, new WorkerTaskResult("e8",
            task.taskRun().id(), 1, TaskRunStatus.RESUBMITTED, null, "the worker stopped before the attempt ended",
            ExecutorFixture.START, ExecutorFixture.START, "w1")));
        x.settle();

        assertThat(x.execution("e8").taskRun("charge").error()).contains("worker w1 gave it up", "onWorkerLoss: FAIL");
    }
}
