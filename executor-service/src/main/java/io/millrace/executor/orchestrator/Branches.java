package io.millrace.executor.orchestrator;

import io.millrace.model.execution.TaskRun;
import io.millrace.tasks.FlowableTask;
import io.millrace.tasks.Task;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Removal of task runs that a restart or a replay makes happen again. */
final class Branches {

    private Branches() {
    }

    /** Removes every descendant of {@code parentId}. */
    static void removeDescendants(ExecutionStep step, String parentId) {
        for (TaskRun child : step.state().children(parentId)) {
            removeDescendants(step, child.id());
            step.state().remove(child.id());
        }
    }

    /**
     * Removes the runs of the errors and finally tasks of a scope (a flowable task run, or the top
     * level when {@code parentId} is null), with their descendants.
     */
    static void dropErrorsAndFinally(ExecutionStep step, String parentId) {
        Set<String> ids = new HashSet<>();
        if (parentId == null) {
            addIds(ids, step.flow().errors());
            addIds(ids, step.flow().finallyTasks());
        } else {
            TaskRun parent = step.state().taskRun(parentId);
            if (parent == null || !(step.task(parent) instanceof FlowableTask f)) {
                return;
            }
            addIds(ids, f.errorBranch());
            addIds(ids, f.finallyBranch());
        }
        if (ids.isEmpty()) {
            return;
        }
        for (TaskRun child : step.state().children(parentId)) {
            if (ids.contains(child.taskId())) {
                removeDescendants(step, child.id());
                step.state().remove(child.id());
            }
        }
    }

    private static void addIds(Set<String> ids, List<Task> tasks) {
        for (Task t : tasks) {
            ids.add(t.id());
        }
    }
}
