package io.millrace.model.execution;

import java.util.List;

/**
 * Read-only view of one execution: its header and its task runs, indexed so that an event costs
 * the same whether the execution has ten task runs or ten thousand. Flowable tasks and templates
 * read through this; only the orchestrator changes an {@link ExecutionState}.
 */
public interface ExecutionView {

    ExecutionHeader header();

    /** The task run with this id, or null. */
    TaskRun taskRun(String id);

    /** All task runs in creation order. */
    List<TaskRun> taskRuns();

    int taskRunCount();

    /**
     * The child of {@code parentId} (null for the flow's top level) for a task, iteration value and
     * WaitFor iteration, or null if it was not created.
     */
    TaskRun child(String parentId, String taskId, String value, Integer iteration);

    /** Children of {@code parentId} (null for the top level) in creation order. */
    List<TaskRun> children(String parentId);

    /** Counters over the children of {@code parentId} (null for the top level). */
    ChildrenSummary summary(String parentId);

    /** Every run of the task with this id, in creation order. */
    List<TaskRun> runsOfTask(String taskId);
}
