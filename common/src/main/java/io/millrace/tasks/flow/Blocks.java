package io.millrace.tasks.flow;

import io.millrace.model.execution.ExecutionView;
import io.millrace.model.execution.TaskRun;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.NextTaskRun;
import io.millrace.tasks.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * The semantics every flowable shares: run a list of tasks in sequence or in parallel under one
 * parent and value, stop starting new ones after a failure, then run {@code errors} if something
 * failed and {@code finally} in all cases, and end in the worst state of the children.
 * Cost is linear in the number of tasks declared, never in the number of task runs.
 */
public final class Blocks {

    private Blocks() {
    }

    /** How far a list of tasks got for one value. */
    public record Progress(List<Task> next, boolean running, boolean failed) {
        static final Progress DONE = new Progress(List.of(), false, false);
        static final Progress RUNNING = new Progress(List.of(), true, false);
        static final Progress FAILED = new Progress(List.of(), false, true);

        /** Every task ended (successfully or not) and nothing is left to start. */
        public boolean isDone() {
            return next.isEmpty() && !running;
        }
    }

    /** The tasks that are not disabled. */
    public static List<Task> enabled(List<Task> tasks) {
        if (tasks == null || tasks.isEmpty()) {
            return List.of();
        }
        boolean any = false;
        for (Task t : tasks) {
            if (t.isDisabled()) {
                any = true;
                break;
            }
        }
        if (!any) {
            return tasks;
        }
        List<Task> list = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            if (!t.isDisabled()) {
                list.add(t);
            }
        }
        return list;
    }

    /** Progress of {@code tasks} run one after the other for {@code value}. */
    public static Progress sequence(FlowableScope s, List<Task> tasks, String value, Integer iteration) {
        ExecutionView e = s.execution();
        for (Task t : enabled(tasks)) {
            TaskRun r = e.child(s.parentId(), t.id(), value, iteration);
            if (r == null) {
                return new Progress(List.of(t), false, false);
            }
            if (!r.status().isTerminal()) {
                return Progress.RUNNING;
            }
            if (r.status().isFailure()) {
                return Progress.FAILED;
            }
        }
        return Progress.DONE;
    }

    /**
     * Progress of {@code tasks} run side by side for {@code value}, at most {@code limit} at once
     * (0: no limit). After a failure no new task starts; the running ones finish.
     */
    public static Progress parallel(FlowableScope s, List<Task> tasks, String value, Integer iteration, int limit) {
        ExecutionView e = s.execution();
        int running = 0;
        boolean failed = false;
        List<Task> notStarted = new ArrayList<>();
        for (Task t : enabled(tasks)) {
            TaskRun r = e.child(s.parentId(), t.id(), value, iteration);
            if (r == null) {
                notStarted.add(t);
            } else if (!r.status().isTerminal()) {
                running++;
            } else if (r.status().isFailure()) {
                failed = true;
            }
        }
        List<Task> next = List.of();
        if (!failed && !notStarted.isEmpty()) {
            int slots = limit <= 0 ? notStarted.size() : Math.max(0, limit - running);
            next = notStarted.subList(0, Math.min(slots, notStarted.size()));
        }
        return new Progress(List.copyOf(next), running > 0, failed);
    }

    /** A sequential block: tasks, then errors on failure, then finally; children inherit the parent's value. */
    public static FlowableStep sequential(FlowableScope s, List<Task> tasks, List<Task> errors, List<Task> finallyTasks) {
        return sequential(s, tasks, errors, finallyTasks, s.value());
    }

    /** A sequential block whose children carry {@code value}. */
    public static FlowableStep sequential(FlowableScope s, List<Task> tasks, List<Task> errors, List<Task> finallyTasks,
                                          String value) {
        Progress main = sequence(s, tasks, value, null);
        if (!main.next().isEmpty()) {
            return FlowableStep.next(toNext(main.next(), value, null));
        }
        if (main.running()) {
            return FlowableStep.waiting();
        }
        return tail(s, main.failed(), errors, finallyTasks, value);
    }

    /** A parallel block: tasks side by side (at most {@code limit}, 0: all), then errors, then finally. */
    public static FlowableStep parallel(FlowableScope s, List<Task> tasks, int limit, List<Task> errors,
                                        List<Task> finallyTasks) {
        Progress main = parallel(s, tasks, s.value(), null, limit);
        return afterMain(s, main, errors, finallyTasks);
    }

    /** Continues a block whose main part made {@code main} progress. */
    public static FlowableStep afterMain(FlowableScope s, Progress main, List<Task> errors, List<Task> finallyTasks) {
        if (!main.next().isEmpty()) {
            return FlowableStep.next(toNext(main.next(), s.value(), null));
        }
        if (main.running()) {
            return FlowableStep.waiting();
        }
        return tail(s, main.failed(), errors, finallyTasks);
    }

    /**
     * Once the main part has ended: {@code errors} run in sequence if it failed (a failing error
     * task stops the others, as in any sequence), then every {@code finally} task runs; then the
     * block ends in the worst state among all its children.
     */
    public static FlowableStep tail(FlowableScope s, boolean failed, List<Task> errors, List<Task> finallyTasks) {
        return tail(s, failed, errors, finallyTasks, s.value());
    }

    /** {@link #tail} for errors and finally children that carry {@code value}. */
    public static FlowableStep tail(FlowableScope s, boolean failed, List<Task> errors, List<Task> finallyTasks,
                                    String value) {
        if (failed && errors != null && !errors.isEmpty()) {
            Progress p = sequence(s, errors, value, null);
            if (!p.isDone()) {
                return p.next().isEmpty() ? FlowableStep.waiting() : FlowableStep.next(toNext(p.next(), value, null));
            }
        }
        if (finallyTasks != null && !finallyTasks.isEmpty()) {
            Progress p = sequenceIgnoringFailures(s, finallyTasks, value);
            if (!p.isDone()) {
                return p.next().isEmpty() ? FlowableStep.waiting() : FlowableStep.next(toNext(p.next(), value, null));
            }
        }
        return FlowableStep.end(s.execution().summary(s.parentId()).worstEnd());
    }

    /** Like {@link #sequence}, but a failed finally task does not stop the next one. */
    private static Progress sequenceIgnoringFailures(FlowableScope s, List<Task> tasks, String value) {
        ExecutionView e = s.execution();
        for (Task t : enabled(tasks)) {
            TaskRun r = e.child(s.parentId(), t.id(), value, null);
            if (r == null) {
                return new Progress(List.of(t), false, false);
            }
            if (!r.status().isTerminal()) {
                return Progress.RUNNING;
            }
        }
        return Progress.DONE;
    }

    /** Children to create for tasks and a value. */
    public static List<NextTaskRun> toNext(List<Task> tasks, String value, Integer iteration) {
        List<NextTaskRun> list = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            list.add(new NextTaskRun(t, value, iteration));
        }
        return list;
    }
}
