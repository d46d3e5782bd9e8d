package io.millrace.model.execution;

import java.util.List;

/**
 * Counters over the children of one task run, kept up to date as task runs change so that a
 * flowable can decide in constant time how many children run, failed, or which values started.
 */
public interface ChildrenSummary {

    /** Number of children. */
    int size();

    /** Number of children currently in {@code status}. */
    int count(TaskRunStatus status);

    /** Number of children not yet ended. */
    int running();

    /** Number of distinct iteration values that still have a child not ended. */
    int activeValues();

    /** Distinct iteration values of the children, in the order they first appeared. */
    List<String> values();

    /** Number of distinct iteration values of the children. */
    int valueCount();

    /** The worst end among children: KILLED, then FAILED, then WARNING, else SUCCESS. */
    default TaskRunStatus worstEnd() {
        if (count(TaskRunStatus.KILLED) > 0) {
            return TaskRunStatus.KILLED;
        }
        if (count(TaskRunStatus.FAILED) > 0) {
            return TaskRunStatus.FAILED;
        }
        if (count(TaskRunStatus.WARNING) > 0) {
            return TaskRunStatus.WARNING;
        }
        return TaskRunStatus.SUCCESS;
    }

    /** Whether a child failed or was killed. */
    default boolean anyFailure() {
        return count(TaskRunStatus.FAILED) + count(TaskRunStatus.KILLED) > 0;
    }
}
