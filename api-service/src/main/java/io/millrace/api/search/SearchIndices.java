package io.millrace.api.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.elasticsearch.core.ElasticsearchOperations;
import org.springframework.data.elasticsearch.core.IndexInformation;
import org.springframework.data.elasticsearch.core.IndexOperations;
import org.springframework.data.elasticsearch.core.document.Document;
import org.springframework.data.elasticsearch.core.index.PutIndexTemplateRequest;
import org.springframework.data.elasticsearch.core.index.Settings;
import org.springframework.data.elasticsearch.core.mapping.IndexCoordinates;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The indices of the search store and their mappings, created at start when missing. Each document
 * keeps the record it was made from under {@code record} (stored, not indexed: inputs and outputs
 * have any shape, and one execution's types must not break another's mapping) and beside it the
 * fields searches filter and sort on.
 *
 * <p>Log lines and metrics go to one index per UTC day ({@code logs-2026.12.05}), made from an index
 * template: retention drops whole days, which is cheap and needs nothing beyond the engines' core
 * APIs. Reads go through the pattern of all days.
 */
public final class SearchIndices {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndices.class);

    /** Executions (headers). */
    public static final String EXECUTIONS = "executions";
    /** Task runs. */
    public static final String TASK_RUNS = "taskruns";
    /** Log lines. */
    public static final String LOGS = "logs";
    /** Metrics of task runs. */
    public static final String METRICS = "metrics";
    /** Flows, the newest revision of each (deleted ones included, marked). */
    public static final String FLOWS = "flows";
    /** Every revision of every flow. */
    public static final String FLOW_REVISIONS = "flow_revisions";
    /** Trigger states. */
    public static final String TRIGGERS = "triggers";

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

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    /** The full name of index {@code name}; for the daily ones (logs, metrics), the pattern of every day. */
    public IndexCoordinates of(String name) {
        return isDaily(name) ? IndexCoordinates.of(prefix + name + "-*") : IndexCoordinates.of(prefix + name);
    }

    /** The day's index of a daily index ({@code logs}, {@code metrics}) for a document of time {@code at}. */
    public IndexCoordinates day(String name, Instant at) {
        return IndexCoordinates.of(prefix + name + "-" + DAY.format(at.atOffset(ZoneOffset.UTC)));
    }

    private static boolean isDaily(String name) {
        return name.equals(LOGS) || name.equals(METRICS);
    }

    /**
     * Creates the daily indices of the day of {@code now} and the next when missing, so that the
     * pattern every read goes through always matches an index with a started shard and the writes of
     * a new day find their index ready.
     */
    public void prepareDays(Instant now) {
        for (String name : List.of(LOGS, METRICS)) {
            for (Instant day : List.of(now, now.plus(java.time.Duration.ofDays(1)))) {
                IndexOperations index = operations.indexOps(day(name, day));
                try {
                    if (!index.exists()) {
                        index.create();
                    }
                } catch (RuntimeException e) {
                    if (!index.exists()) { // else another process created it first
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * Drops the days of a daily index that ended before {@code cutoff}.
     *
     * @return the indices dropped
     */
    public List<String> dropDaysBefore(String name, Instant cutoff) {
        LocalDate keepFrom = cutoff.atOffset(ZoneOffset.UTC).toLocalDate();
        String dayPrefix = prefix + name + "-";
        List<String> dropped = new ArrayList<>();
        for (IndexInformation info : operations.indexOps(of(name)).getInformation(of(name))) {
            String index = info.getName();
            LocalDate day;
            try {
                day = LocalDate.parse(index.substring(dayPrefix.length()), DAY);
            } catch (DateTimeParseException | IndexOutOfBoundsException e) {
                continue; // not one of ours
            }
            if (day.isBefore(keepFrom) && operations.indexOps(IndexCoordinates.of(index)).delete()) {
                dropped.add(index);
            }
        }
        return dropped;
    }

    /** Creates every index that does not exist, with its mapping, and the templates of the daily ones. */
    public void create(Instant now) {
        create(EXECUTIONS, Map.of(
            "id", KEYWORD, "namespace", KEYWORD, "flowId", KEYWORD, "state", KEYWORD,
            "startDate", DATE, "endDate", DATE, "labels", KEYWORD, "text", Map.of("type", "text"), "record", STORED));
        create(TASK_RUNS, Map.of(
            "id", KEYWORD, "executionId", KEYWORD, "taskId", KEYWORD, "seq", Map.of("type", "integer"),
            "state", KEYWORD, "record", STORED));
        template(LOGS, Map.of(
            "executionId", KEYWORD, "namespace", KEYWORD, "flowId", KEYWORD, "taskRunId", KEYWORD,
            "level", KEYWORD, "severity", Map.of("type", "integer"), "timestamp", DATE,
            "order", Map.of("type", "long"), "message", Map.of("type", "text"), "record", STORED));
        template(METRICS, Map.of(
            "executionId", KEYWORD, "namespace", KEYWORD, "flowId", KEYWORD, "taskId", KEYWORD,
            "taskRunId", KEYWORD, "name", KEYWORD, "type", KEYWORD, "value", Map.of("type", "double"),
            "timestamp", DATE, "record", STORED));
        Map<String, Object> flow = Map.of(
            "namespace", KEYWORD, "id", KEYWORD, "revision", Map.of("type", "integer"),
            "deleted", Map.of("type", "boolean"), "updated", DATE, "text", Map.of("type", "text"), "record", STORED);
        create(FLOWS, flow);
        create(FLOW_REVISIONS, flow);
        Map<String, Object> bool = Map.of("type", "boolean");
        create(TRIGGERS, Map.ofEntries(
            Map.entry("namespace", KEYWORD), Map.entry("flowId", KEYWORD), Map.entry("triggerId", KEYWORD),
            Map.entry("type", KEYWORD), Map.entry("nextDate", DATE), Map.entry("lastFireDate", DATE),
            Map.entry("lastExecutionId", KEYWORD), Map.entry("disabled", bool), Map.entry("backfill", bool),
            Map.entry("backfillPaused", bool), Map.entry("locked", bool), Map.entry("evaluationStartedAt", DATE),
            Map.entry("updated", DATE), Map.entry("text", Map.of("type", "text")), Map.entry("record", STORED)));
        prepareDays(now);
    }

    /** The index template every day of a daily index is made from (replaced at each start). */
    private void template(String name, Map<String, Object> properties) {
        Settings settings = new Settings();
        settings.put("index.number_of_replicas", String.valueOf(replicas));
        operations.indexOps(of(name)).putIndexTemplate(PutIndexTemplateRequest.builder()
            .withName(prefix + name)
            .withIndexPatterns(prefix + name + "-*")
            .withSettings(settings)
            .withMapping(Document.from(Map.of("dynamic", "false", "properties", properties)))
            .build());
    }

    private void create(String name, Map<String, Object> properties) {
        IndexOperations index = operations.indexOps(of(name));
        if (index.exists()) {
            // an index made by an older version lacks the fields added since: adding fields is allowed, and the
            // documents written from now on are searchable on them
            try {
                index.putMapping(Document.from(Map.of("properties", properties)));
            } catch (RuntimeException e) {
                LOG.warn("could not add the new fields to the mapping of {}: {}", of(name), e.getMessage());
            }
            return;
        }
        index.create(Map.of("index.number_of_replicas", String.valueOf(replicas)),
            Document.from(Map.of("dynamic", "false", "properties", properties)));
    }
}
