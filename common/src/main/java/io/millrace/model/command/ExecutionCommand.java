package io.millrace.model.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A request to change one execution, keyed by its id. Only the executor changes executions;
 * everyone else (api, scheduler, other executions) sends one of these.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CreateExecution.class, name = "CreateExecution"),
    @JsonSubTypes.Type(value = StartExecution.class, name = "StartExecution"),
    @JsonSubTypes.Type(value = QueueExecution.class, name = "QueueExecution"),
    @JsonSubTypes.Type(value = RejectExecution.class, name = "RejectExecution"),
    @JsonSubTypes.Type(value = KillExecution.class, name = "KillExecution"),
    @JsonSubTypes.Type(value = RestartExecution.class, name = "RestartExecution"),
    @JsonSubTypes.Type(value = ReplayExecution.class, name = "ReplayExecution"),
    @JsonSubTypes.Type(value = CreateReplayedExecution.class, name = "CreateReplayedExecution"),
    @JsonSubTypes.Type(value = ResumeExecution.class, name = "ResumeExecution"),
    @JsonSubTypes.Type(value = CompleteSubflowTask.class, name = "CompleteSubflowTask"),
    @JsonSubTypes.Type(value = DeleteExecution.class, name = "DeleteExecution")
})
public sealed interface ExecutionCommand permits CreateExecution, StartExecution, QueueExecution, RejectExecution,
    KillExecution, RestartExecution, ReplayExecution, CreateReplayedExecution, ResumeExecution, CompleteSubflowTask,
    DeleteExecution {

    /** The execution this command is for (the Kafka key). */
    String executionId();
}
