package io.millrace.tasks.flow;

import io.millrace.model.execution.ExecutionView;
import io.millrace.model.execution.TaskRun;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.Task;

import java.util.ArrayList;
import java.util.List;

/** Runs tasks as soon as the tasks they depend on succeeded. */
@Plugin(id = "io.millrace.core.flow.Dag",
    aliases = {"io.kestra.plugin.core.flow.Dag", "io.kestra.core.tasks.flows.Dag"},
    title = "Run tasks in the order their dependencies allow, independent ones side by side.",
    example = """
        id: build
        type: io.millrace.core.flow.Dag
        tasks:
          - task:
              id: extract
              type: io.millrace.core.log.Log
              message: extract
          - task:
              id: transform
              type: io.millrace.core.log.Log
              message: transform
            dependsOn: [extract]
        """)
public final class Dag extends BlockTask {

    /** A task of the graph and the ids of the tasks it waits for. */
    public record DagTask(
        @Prop(value = "The task.", required = true) Task task,
        @Prop("Ids of the tasks it waits for.") List<String> dependsOn
    ) {
        public List<String> dependencies() {
            return dependsOn == null ? List.of() : dependsOn;
        }
    }

    @Prop(value = "The tasks, each with the ids it depends on.", required = true)
    private List<DagTask> tasks;

    @Prop("How many tasks may run at once (0, the default: no limit).")
    private Integer concurrent;

    public List<DagTask> dagTasks() {
        return tasks == null ? List.of() : tasks;
    }

    @Override
    protected List<Task> mainTasks() {
        List<Task> all = new ArrayList<>();
        for (DagTask t : dagTasks()) {
            if (t != null && t.task() != null) {
                all.add(t.task());
            }
        }
        return all;
    }

    @Override
    public FlowableStep resolve(FlowableScope scope) {
        ExecutionView e = scope.execution();
        int running = 0;
        boolean failed = false;
        List<Task> ready = new ArrayList<>();
        for (DagTask d : dagTasks()) {
            Task t = d.task();
            if (t.isDisabled()) {
                continue;
            }
            TaskRun r = e.child(scope.parentId(), t.id(), scope.value(), null);
            if (r == null) {
                if (dependenciesMet(scope, d)) {
                    ready.add(t);
                }
            } else if (!r.status().isTerminal()) {
                running++;
            } else if (r.status().isFailure()) {
                failed = true;
            }
        }
        int limit = concurrent == null ? 0 : concurrent;
        if (!failed && !ready.isEmpty()) {
            int slots = limit <= 0 ? ready.size() : Math.max(0, limit - running);
            if (slots > 0) {
                return FlowableStep.next(Blocks.toNext(ready.subList(0, Math.min(slots, ready.size())), scope.value(), null));
            }
        }
        if (running > 0) {
            return FlowableStep.waiting();
        }
        return Blocks.tail(scope, failed, errors, finallyTasks);
    }

    private boolean dependenciesMet(FlowableScope scope, DagTask d) {
        for (String dep : d.dependencies()) {
            Task depTask = findTask(dep);
            if (depTask != null && depTask.isDisabled()) {
                continue;
            }
            TaskRun r = scope.execution().child(scope.parentId(), dep, scope.value(), null);
            if (r == null || !r.status().isSuccessLike()) {
                return false;
            }
        }
        return true;
    }

    private Task findTask(String id) {
        for (DagTask d : dagTasks()) {
            if (d.task().id().equals(id)) {
                return d.task();
            }
        }
        return null;
    }
}
