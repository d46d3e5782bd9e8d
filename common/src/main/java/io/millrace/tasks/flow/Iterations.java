package io.millrace.tasks.flow;

import io.millrace.model.execution.ChildrenSummary;
import io.millrace.model.execution.TaskRun;
import io.millrace.serde.Json;
import io.millrace.tasks.FlowableScope;
import io.millrace.tasks.FlowableStep;
import io.millrace.tasks.NextTaskRun;
import io.millrace.tasks.Task;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loop shared by ForEach, EachSequential and EachParallel: one group of child task runs per
 * value, at most {@code limit} groups at once. The values are rendered once, when the loop starts,
 * and kept in the parent's plan; each later call only advances the group of the child that changed,
 * so a loop over ten thousand values costs the same per event as a loop over ten.
 */
final class Iterations {

    static final String VALUES = "values";

    private Iterations() {
    }

    /** Resolves a loop over {@code valuesProperty}. */
    static FlowableStep resolve(FlowableScope s, Object valuesProperty, String propertyName, List<Task> tasks,
                                List<Task> errors, List<Task> finallyTasks, int limit, boolean parallelInside) {
        List<Task> enabled = Blocks.enabled(tasks);
        Map<String, Object> plan = s.parent().plan();
        // the plan's list is read in place: copying it on every child's end would make a loop over
        // n values cost n per event
        List<?> values;
        boolean starting = plan == null || !plan.containsKey(VALUES);
        if (starting) {
            values = render(s, valuesProperty, propertyName);
        } else {
            values = (List<?>) plan.get(VALUES);
        }
        FlowableStep step = enabled.isEmpty()
            ? Blocks.tail(s, false, errors, finallyTasks)
            : advance(s, values, enabled, errors, finallyTasks, limit, parallelInside);
        return starting ? step.withPlan(Map.of(VALUES, values)) : step;
    }

    private static FlowableStep advance(FlowableScope s, List<?> values, List<Task> tasks, List<Task> errors,
                                        List<Task> finallyTasks, int limit, boolean parallelInside) {
        ChildrenSummary sum = s.execution().summary(s.parentId());
        boolean failed = sum.anyFailure();
        List<NextTaskRun> next = new ArrayList<>();
        int waitingGroups = 0;
        TaskRun trigger = s.trigger();
        if (trigger != null) {
            if (isMain(tasks, trigger.taskId())) {
                waitingGroups += advanceGroup(s, tasks, trigger.value(), parallelInside, next);
            }
        } else {
            // start, resume or restart: look at every group begun so far (rare, so a full pass is fine)
            for (String v : sum.values()) {
                waitingGroups += advanceGroup(s, tasks, v, parallelInside, next);
            }
        }
        if (!failed) {
            int active = sum.activeValues() + waitingGroups;
            int cursor = sum.valueCount();
            while (cursor < values.size() && (limit <= 0 || active < limit)) {
                String v = String.valueOf(values.get(cursor++));
                if (advanceGroup(s, tasks, v, parallelInside, next) > 0) {
                    active++;
                }
            }
        }
        if (!next.isEmpty()) {
            return FlowableStep.next(next);
        }
        if (sum.running() > 0) {
            return FlowableStep.waiting();
        }
        return Blocks.tail(s, failed, errors, finallyTasks);
    }

    /** Adds the group's next children; returns 1 when the group has children to create and none running. */
    private static int advanceGroup(FlowableScope s, List<Task> tasks, String value, boolean parallelInside,
                                    List<NextTaskRun> next) {
        Blocks.Progress p = parallelInside
            ? Blocks.parallel(s, tasks, value, null, 0)
            : Blocks.sequence(s, tasks, value, null);
        if (p.next().isEmpty()) {
            return 0;
        }
        next.addAll(Blocks.toNext(p.next(), value, null));
        return p.running() ? 0 : 1;
    }

    private static boolean isMain(List<Task> tasks, String taskId) {
        for (Task t : tasks) {
            if (t.id().equals(taskId)) {
                return true;
            }
        }
        return false;
    }

    /** Renders the values: a YAML list (each item rendered) or a string rendering to a JSON array. */
    static List<String> render(FlowableScope s, Object property, String propertyName) {
        List<?> items;
        if (property instanceof String text) {
            String rendered = s.render(text);
            try {
                items = Json.parseArray(rendered);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + propertyName + "' must be a list or a JSON array, got: "
                    + abbreviate(rendered));
            }
        } else if (property instanceof List<?> list) {
            items = (List<?>) s.renderValue(list);
        } else if (property == null) {
            throw new IllegalArgumentException("'" + propertyName + "' is required");
        } else {
            throw new IllegalArgumentException("'" + propertyName + "' must be a list or a JSON array");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (Object item : items) {
            distinct.add(item instanceof String str ? str : Json.write(item));
        }
        return List.copyOf(distinct);
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
