package io.millrace.tasks;

import java.util.List;

/**
 * A task that runs no code itself but decides which child task runs to create, in the executor.
 * {@link #resolve} is called whenever one of its children changes (and when it starts); it must be
 * deterministic and cheap, reading the execution through the scope's indexes.
 */
public interface FlowableTask {

    /** Every task declared inside (all branches, errors, finally), for validation and lookup by id. */
    List<Task> allChildTasks();

    /** The tasks run when a child fails (a restart clears their runs so they can run again). */
    default List<Task> errorBranch() {
        return List.of();
    }

    /** The tasks run at the end whatever happened (a restart clears their runs too). */
    default List<Task> finallyBranch() {
        return List.of();
    }

    /** Decides what to create next under the parent task run, or how it ends. */
    FlowableStep resolve(FlowableScope scope);

    /**
     * Whether {@code child}'s task runs carry an iteration value introduced by this task (the loop
     * body of a ForEach), which nests their outputs by value: {@code outputs.child['value']}.
     * Children of other flowables inherit their parent's value and are not nested again.
     */
    default boolean introducesValue(Task child) {
        return false;
    }
}
