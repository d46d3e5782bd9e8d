package io.millrace.executor.orchestrator;

import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.worker.WorkerTaskResult;

/** Something that happened to one execution and that the orchestrator must fold into its state. */
public sealed interface Event permits Event.Command, Event.TaskResult, Event.TimerDue {

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
}
