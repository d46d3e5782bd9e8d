package io.millrace.model.trigger.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A request to change one trigger's state, sent by the api on {@code trigger_commands} (and by the scheduler's
 * end watcher, {@link NoteExecutionEnd}) and applied by the scheduler, the only writer of trigger state. Keyed {@code namespace/flowId} like {@code flows}, so that a
 * command reaches the scheduler instance that owns the flow.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SetBackfill.class, name = "SetBackfill"),
    @JsonSubTypes.Type(value = PauseBackfill.class, name = "PauseBackfill"),
    @JsonSubTypes.Type(value = DeleteBackfill.class, name = "DeleteBackfill"),
    @JsonSubTypes.Type(value = SetTriggerDisabled.class, name = "SetTriggerDisabled"),
    @JsonSubTypes.Type(value = UnlockTrigger.class, name = "UnlockTrigger"),
    @JsonSubTypes.Type(value = ResetTrigger.class, name = "ResetTrigger"),
    @JsonSubTypes.Type(value = NoteExecutionEnd.class, name = "NoteExecutionEnd")
})
public sealed interface TriggerCommand permits SetBackfill, PauseBackfill, DeleteBackfill, SetTriggerDisabled,
    UnlockTrigger, ResetTrigger, NoteExecutionEnd {

    String namespace();

    String flowId();

    String triggerId();

    /** The key on {@code trigger_commands}: {@code namespace/flowId}. */
    default String key() {
        return namespace() + "/" + flowId();
    }
}
