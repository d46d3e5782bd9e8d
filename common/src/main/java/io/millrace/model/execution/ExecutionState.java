package io.millrace.model.execution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The executor's working copy of one execution: header plus task runs with the indexes of
 * {@link ExecutionView}. Changes are journaled between {@link #begin()} and {@link #commit()}, so the
 * orchestrator can report exactly what an event changed, and {@link #rollback()} restores the state
 * if handling an event fails half-way.
 */
public final class ExecutionState implements ExecutionView {

    private record ChildKey(String parentId, String taskId, String value, Integer iteration) {
    }

    private static final String ROOT = "\u0000root";

    private ExecutionHeader header;
    private final LinkedHashMap<String, TaskRun> byId = new LinkedHashMap<>();
    private final Map<ChildKey, TaskRun> byKey = new HashMap<>();
    private final Map<String, Children> children = new HashMap<>();
    private final Map<String, List<String>> byTask = new HashMap<>();

    // journal of the change in progress: previous versions (null = did not exist)
    private boolean journaling;
    private ExecutionHeader headerBefore;
    private boolean headerChanged;
    private final LinkedHashMap<String, TaskRun> before = new LinkedHashMap<>();

    public ExecutionState(ExecutionHeader header) {
        this.header = Objects.requireNonNull(header);
    }

    /**
     * The state of an execution being created, with a change already in progress that reports the
     * header (and every task run put before {@link #commit()}) as new.
     */
    public static ExecutionState newExecution(ExecutionHeader header) {
        ExecutionState s = new ExecutionState(header);
        s.begin();
        s.headerBefore = null;
        s.headerChanged = true;
        return s;
    }

    /** A state rebuilt from stored records (task runs in any order). */
    public static ExecutionState of(ExecutionHeader header, Collection<TaskRun> taskRuns) {
        ExecutionState s = new ExecutionState(header);
        List<TaskRun> sorted = new ArrayList<>(taskRuns);
        sorted.sort(Comparator.comparingInt(TaskRun::seq));
        for (TaskRun t : sorted) {
            s.index(t);
        }
        return s;
    }

    // ---- read side -------------------------------------------------------------------------

    @Override
    public ExecutionHeader header() {
        return header;
    }

    @Override
    public TaskRun taskRun(String id) {
        return byId.get(id);
    }

    @Override
    public List<TaskRun> taskRuns() {
        List<TaskRun> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparingInt(TaskRun::seq));
        return list;
    }

    @Override
    public int taskRunCount() {
        return byId.size();
    }

    @Override
    public TaskRun child(String parentId, String taskId, String value, Integer iteration) {
        return byKey.get(new ChildKey(parentId, taskId, value, iteration));
    }

    @Override
    public List<TaskRun> children(String parentId) {
        Children c = children.get(parentKey(parentId));
        if (c == null) {
            return List.of();
        }
        List<TaskRun> list = new ArrayList<>(c.ids.size());
        for (String id : c.ids) {
            list.add(byId.get(id));
        }
        return list;
    }

    @Override
    public ChildrenSummary summary(String parentId) {
        Children c = children.get(parentKey(parentId));
        return c == null ? Children.EMPTY : c;
    }

    @Override
    public List<TaskRun> runsOfTask(String taskId) {
        List<String> ids = byTask.get(taskId);
        if (ids == null) {
            return List.of();
        }
        List<TaskRun> list = new ArrayList<>(ids.size());
        for (String id : ids) {
            list.add(byId.get(id));
        }
        return list;
    }

    // ---- write side ------------------------------------------------------------------------

    /** Starts journaling a change. */
    public void begin() {
        if (journaling) {
            throw new IllegalStateException("a change is already in progress");
        }
        journaling = true;
        headerBefore = header;
        headerChanged = false;
        before.clear();
    }

    /** Replaces the header. */
    public void setHeader(ExecutionHeader newHeader) {
        requireJournal();
        header = Objects.requireNonNull(newHeader);
        headerChanged = true;
    }

    /** Adds or replaces a task run. */
    public void put(TaskRun taskRun) {
        requireJournal();
        TaskRun previous = byId.get(taskRun.id());
        if (!before.containsKey(taskRun.id())) {
            before.put(taskRun.id(), previous);
        }
        if (previous == null) {
            index(taskRun);
        } else {
            reindex(previous, taskRun);
        }
    }

    /** Removes a task run (restart and replay drop runs that must happen again). */
    public void remove(String taskRunId) {
        requireJournal();
        TaskRun previous = byId.get(taskRunId);
        if (previous == null) {
            return;
        }
        if (!before.containsKey(taskRunId)) {
            before.put(taskRunId, previous);
        }
        unindex(previous);
    }

    /** Ends the change and returns what it did: the new header if it changed, changed and removed task runs. */
    public Changes commit() {
        requireJournal();
        List<TaskRun> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, TaskRun> e : before.entrySet()) {
            TaskRun now = byId.get(e.getKey());
            if (now == null) {
                if (e.getValue() != null) {
                    removed.add(e.getKey());
                }
            } else if (!now.equals(e.getValue())) {
                changed.add(now);
            }
        }
        changed.sort(Comparator.comparingInt(TaskRun::seq));
        Changes result = new Changes(headerChanged && !header.equals(headerBefore) ? header : null, changed, removed);
        journaling = false;
        before.clear();
        headerBefore = null;
        return result;
    }

    /** Undoes the change in progress. */
    public void rollback() {
        requireJournal();
        List<Map.Entry<String, TaskRun>> entries = new ArrayList<>(before.entrySet());
        for (Map.Entry<String, TaskRun> e : entries) {
            TaskRun now = byId.get(e.getKey());
            TaskRun was = e.getValue();
            if (now != null && was != null) {
                reindex(now, was);
            } else if (now != null) {
                unindex(now);
            } else if (was != null) {
                index(was);
            }
        }
        // removals and re-additions may have moved runs: restore creation order
        if (!entries.isEmpty()) {
            List<TaskRun> all = taskRuns();
            byId.clear();
            byKey.clear();
            children.clear();
            byTask.clear();
            for (TaskRun t : all) {
                index(t);
            }
        }
        header = headerBefore;
        journaling = false;
        before.clear();
        headerBefore = null;
    }

    /** What one change did to the execution. */
    public record Changes(ExecutionHeader header, List<TaskRun> taskRuns, List<String> removedTaskRunIds) {
        public boolean isEmpty() {
            return header == null && taskRuns.isEmpty() && removedTaskRunIds.isEmpty();
        }
    }

    private void requireJournal() {
        if (!journaling) {
            throw new IllegalStateException("call begin() before changing an execution state");
        }
    }

    private static String parentKey(String parentId) {
        return parentId == null ? ROOT : parentId;
    }

    private void index(TaskRun t) {
        byId.put(t.id(), t);
        byKey.put(new ChildKey(t.parentTaskRunId(), t.taskId(), t.value(), t.iteration()), t);
        children.computeIfAbsent(parentKey(t.parentTaskRunId()), k -> new Children()).add(t);
        byTask.computeIfAbsent(t.taskId(), k -> new ArrayList<>()).add(t.id());
    }

    /** Replaces a run by a newer version of itself: positions stay, counters move. */
    private void reindex(TaskRun old, TaskRun t) {
        if (!Objects.equals(old.parentTaskRunId(), t.parentTaskRunId()) || !Objects.equals(old.taskId(), t.taskId())
            || !Objects.equals(old.value(), t.value()) || !Objects.equals(old.iteration(), t.iteration())) {
            throw new IllegalArgumentException("task run " + t.id() + " cannot change its place in the execution");
        }
        byId.put(t.id(), t);
        byKey.put(new ChildKey(t.parentTaskRunId(), t.taskId(), t.value(), t.iteration()), t);
        Children c = children.get(parentKey(t.parentTaskRunId()));
        // count the new version first so that the value never looks absent (keeps values() order)
        c.count(t);
        c.uncount(old);
    }

    private void unindex(TaskRun t) {
        byId.remove(t.id());
        byKey.remove(new ChildKey(t.parentTaskRunId(), t.taskId(), t.value(), t.iteration()));
        Children c = children.get(parentKey(t.parentTaskRunId()));
        if (c != null) {
            c.remove(t);
        }
        List<String> ids = byTask.get(t.taskId());
        if (ids != null) {
            ids.remove(t.id());
        }
    }

    /** Children of one parent: creation order and counters, maintained incrementally. */
    private static final class Children implements ChildrenSummary {
        static final Children EMPTY = new Children();

        final List<String> ids = new ArrayList<>();
        final int[] counts = new int[TaskRunStatus.values().length];
        final Map<String, Integer> runningByValue = new HashMap<>();
        final Map<String, Integer> childrenByValue = new HashMap<>();
        final LinkedHashSet<String> values = new LinkedHashSet<>();
        int running;

        void add(TaskRun t) {
            ids.add(t.id());
            count(t);
        }

        void remove(TaskRun t) {
            ids.remove(t.id());
            uncount(t);
        }

        void count(TaskRun t) {
            counts[t.status().ordinal()]++;
            String v = valueKey(t.value());
            childrenByValue.merge(v, 1, Integer::sum);
            values.add(v);
            if (!t.status().isTerminal()) {
                running++;
                runningByValue.merge(v, 1, Integer::sum);
            }
        }

        void uncount(TaskRun t) {
            counts[t.status().ordinal()]--;
            String v = valueKey(t.value());
            if (childrenByValue.merge(v, -1, Integer::sum) == 0) {
                childrenByValue.remove(v);
                values.remove(v);
            }
            if (!t.status().isTerminal()) {
                running--;
                if (runningByValue.merge(v, -1, Integer::sum) == 0) {
                    runningByValue.remove(v);
                }
            }
        }

        private static String valueKey(String value) {
            return value == null ? ROOT : value;
        }

        @Override
        public int size() {
            return ids.size();
        }

        @Override
        public int count(TaskRunStatus status) {
            return counts[status.ordinal()];
        }

        @Override
        public int running() {
            return running;
        }

        @Override
        public int activeValues() {
            return runningByValue.size();
        }

        @Override
        public int valueCount() {
            return values.size();
        }

        @Override
        public List<String> values() {
            List<String> list = new ArrayList<>(values.size());
            for (String v : values) {
                list.add(ROOT.equals(v) ? null : v);
            }
            return list;
        }
    }
}
