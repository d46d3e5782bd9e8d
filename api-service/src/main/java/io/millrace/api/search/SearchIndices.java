package io.millrace.api.search;

import org.springframework.data.elasticsearch.core.ElasticsearchOperations;
import org.springframework.data.elasticsearch.core.IndexOperations;
import org.springframework.data.elasticsearch.core.document.Document;
import org.springframework.data.elasticsearch.core.mapping.IndexCoordinates;

import java.util.Map;

/**
 * The indices of the search store and their mappings, created at start when missing. Each document
 * keeps the record it was made from under {@code record} (stored, not indexed: inputs and outputs
 * have any shape, and one execution's types must not break another's mapping) and beside it the
 * fields searches filter and sort on.
 */
public final class SearchIndices {

    /** Executions (headers). */
    public static final String EXECUTIONS = "executions";
    /** Task runs. */
    public static final String TASK_RUNS = "taskruns";
    /** Log lines. */
    public static final String LOGS = "logs";

    private static final Map<String, Object> KEYWORD = Map.of("type", "keyword");
    private static final Map<String, Object> DATE = Map.of("type", "date");
    private static final Map<String, Object> STORED = Map.of("type", "object", "enabled", false);

    private final ElasticsearchOperations operations;
    private final String prefix;
    private final int replicas;

    public SearchIndices(ElasticsearchOperations operations, String prefix, int replicas) {
        this.operations = operations;
        this.prefix = prefix;
        this.replicas = replicas;
    }

    /** The full name of index {@code name}. */
    public IndexCoordinates of(String name) {
        return IndexCoordinates.of(prefix + name);
    }

    /** Creates every index that does not exist, with its mapping. */
    public void create() {
        create(EXECUTIONS, Map.of(
            "id", KEYWORD, "namespace", KEYWORD, "flowId", KEYWORD, "state", KEYWORD,
            "startDate", DATE, "endDate", DATE, "labels", KEYWORD, "text", Map.of("type", "text"), "record", STORED));
        create(TASK_RUNS, Map.of(
            "id", KEYWORD, "executionId", KEYWORD, "taskId", KEYWORD, "seq", Map.of("type", "integer"),
            "state", KEYWORD, "record", STORED));
        create(LOGS, Map.of(
            "executionId", KEYWORD, "namespace", KEYWORD, "flowId", KEYWORD, "taskRunId", KEYWORD,
            "level", KEYWORD, "severity", Map.of("type", "integer"), "timestamp", DATE,
            "order", Map.of("type", "long"), "message", Map.of("type", "text"), "record", STORED));
    }

    private void create(String name, Map<String, Object> properties) {
        IndexOperations index = operations.indexOps(of(name));
        if (index.exists()) {
            return;
        }
        index.create(Map.of("index.number_of_replicas", String.valueOf(replicas)),
            Document.from(Map.of("dynamic", "false", "properties", properties)));
    }
}
