package io.millrace.worker.attempt;

import io.millrace.tasks.RunContext;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.tasks.TaskOutcome;

import java.util.concurrent.CountDownLatch;

/** A task that ignores interrupts and ends only when its latch opens: a badly behaved plugin. */
final class Stubborn extends Task implements RunnableTask {

    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch started = new CountDownLatch(1);

    Stubborn() {
        this.id = "stubborn";
        this.type = "test.Stubborn";
    }

    @Override
    public TaskOutcome run(RunContext context) {
        started.countDown();
        boolean interrupted = false;
        while (release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return TaskOutcome.none();
    }
}
