package io.millrace.executor.orchestrator;

import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.worker.DeadWorker;
import io.millrace.model.worker.WorkerTaskResult;

/** Something that happened to one execution and that the orchestrator must fold into its state. */
public sealed interface Event permits Event.Command, Event.TaskResult, Event.TimerDue, Event.WorkerLost, Event.Abort {

    /** The execution the event is for. */
    String executionId();

    /** A command from the api, the scheduler or another execution. */
    record Command(ExecutionCommand command) implements Event {
        @Override
        public String executionId() {
            return command.executionId();
        }
    }

    /** A worker's report on one attempt of a task run. */
    record TaskResult(WorkerTaskResult result) implements Event {
        @Override
        public String executionId() {
            return result.executionId();
        }
    }

    /** A timer the orchestrator asked for has come due. */
    record TimerDue(Timer timer) implements Event {
        @Override
        public String executionId() {
            return timer.executionId();
        }
    }

    /**
     * The worker that held attempt {@code attempt} of a task run was declared dead before the attempt ended:
     * the attempt is lost, and runs again or fails as the task's {@code onWorkerLoss} says.
     */
    record WorkerLost(String executionId, String taskRunId, int attempt, DeadWorker worker) implements Event {
    }

    /**
     * The execution must end FAILED at once, from outside its own logic: its flow revision is unknown,
     * its records would exceed what Kafka accepts, or handling one of its events failed (a bug).
     *
     * @param reason why, for the execution's logs and its task runs' errors
     */
    record Abort(String executionId, String reason) implements Event {
    }
}
