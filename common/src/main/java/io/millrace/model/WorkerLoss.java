package io.millrace.model;

/**
 * What happens to an attempt whose worker stopped or died before the attempt ended: the task may have
 * done part (or all) of its work, so running it again is only right for tasks that tolerate it.
 */
public enum WorkerLoss {
    /** Run the task again as a new attempt on another worker (the default: tasks run at least once). */
    RESUBMIT,
    /** Fail the task run, naming the lost worker, without running it again (tasks that must never run twice). */
    FAIL
}
