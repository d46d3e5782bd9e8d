package io.millrace.executor.kafka;

import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionState;
import io.millrace.model.execution.TaskRun;
import io.millrace.topics.Keys;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The executions of one stream task: headers and task runs in state stores (the durable truth,
 * restored from changelogs), with a bounded cache of parsed {@link ExecutionState}s in front so
 * that an event on a large execution costs what it touches, not the execution's size.
 */
final class ExecutionStores {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, ExecutionHeader> headers;
    private final KeyValueStore<String, TaskRun> taskRuns;
    private final Map<String, ExecutionState> cache;

    ExecutionStores(KeyValueStore<String, ExecutionHeader> headers, KeyValueStore<String, TaskRun> taskRuns,
                    int cacheSize) {
        this.headers = headers;
        this.taskRuns = taskRuns;
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ExecutionState> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /** The execution, from the cache or rebuilt from the stores; null when unknown. */
    ExecutionState get(String executionId) {
        ExecutionState cached = cache.get(executionId);
        if (cached != null) {
            return cached;
        }
        ExecutionHeader header = headers.get(executionId);
        if (header == null) {
            return null;
        }
        List<TaskRun> runs = new ArrayList<>();
        try (KeyValueIterator<String, TaskRun> it = taskRuns.prefixScan(executionId + "/", KEYS)) {
            it.forEachRemaining(kv -> runs.add(kv.value));
        }
        ExecutionState state = ExecutionState.of(header, runs);
        cache.put(executionId, state);
        return state;
    }

    /** Remembers a state created by an event (the stores get its records through {@link #saveHeader} and {@link #saveTaskRun}). */
    void adopt(ExecutionState state) {
        cache.put(state.header().id(), state);
    }

    void saveHeader(ExecutionHeader header) {
        headers.put(header.id(), header);
    }

    void saveTaskRun(TaskRun run) {
        taskRuns.put(Keys.taskRun(run.executionId(), run.id()), run);
    }

    void deleteTaskRun(String executionId, String taskRunId) {
        taskRuns.delete(Keys.taskRun(executionId, taskRunId));
    }

    /** Drops the cached copy, so the next event reloads the stored truth. */
    void forget(String executionId) {
        cache.remove(executionId);
    }

    /** Removes an execution from the stores and the cache. */
    void evict(String executionId) {
        cache.remove(executionId);
        headers.delete(executionId);
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, TaskRun> it = taskRuns.prefixScan(executionId + "/", KEYS)) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(taskRuns::delete);
    }

    /** The stored header (not the cache), for checks that must see what is durable. */
    ExecutionHeader storedHeader(String executionId) {
        return headers.get(executionId);
    }
}
