package io.millrace.api.search;

import io.millrace.api.store.ExecutionQuery;
import io.millrace.api.store.ExecutionStore;
import io.millrace.api.store.LogQuery;
import io.millrace.api.store.LogStore;
import io.millrace.api.store.Paging;
import io.millrace.api.store.ResultPage;
import io.millrace.api.store.TriggerQuery;
import io.millrace.api.store.TriggerStore;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.trigger.TriggerState;
import io.millrace.util.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.elasticsearch.core.ElasticsearchOperations;
import org.springframework.data.elasticsearch.core.SearchHit;
import org.springframework.data.elasticsearch.core.SearchHits;
import org.springframework.data.elasticsearch.core.SearchHitsIterator;
import org.springframework.data.elasticsearch.core.document.Document;
import org.springframework.data.elasticsearch.core.mapping.IndexCoordinates;
import org.springframework.data.elasticsearch.core.query.Criteria;
import org.springframework.data.elasticsearch.core.query.CriteriaQuery;
import org.springframework.data.elasticsearch.core.query.DeleteQuery;
import org.springframework.data.elasticsearch.core.query.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ExecutionStore}, {@link LogStore} and {@link TriggerStore} on the search store, through Spring Data
 * Elasticsearch's {@link ElasticsearchOperations} only, so the same code serves OpenSearch and
 * Elasticsearch. Queries are criteria queries; long results (the task runs of a large execution,
 * the lines of a long log) are read with a scroll, never as one page.
 */
public final class SearchStores implements ExecutionStore, LogStore, TriggerStore {

    private static final Logger LOG = LoggerFactory.getLogger(SearchStores.class);

    /** How long a read waits for the task runs its header counts. */
    static final java.time.Duration CONSISTENCY_WAIT = java.time.Duration.ofSeconds(2);

    private final ElasticsearchOperations operations;
    private final SearchIndices indices;

    public SearchStores(ElasticsearchOperations operations, SearchIndices indices) {
        this.operations = operations;
        this.indices = indices;
    }

    @Override
    public Optional<Execution> find(String executionId) {
        if (!Ids.isPlausible(executionId)) {
            return Optional.empty(); // no such id was ever made; the store would refuse a very long one
        }
        Document doc = operations.get(executionId, Document.class, indices.of(SearchIndices.EXECUTIONS));
        if (doc == null) {
            return Optional.empty();
        }
        ExecutionHeader header = SearchDocuments.record(doc, ExecutionHeader.class);
        // the indexer writes an execution's header and task runs in separate requests, possibly in
        // separate bulks: a header may show an end whose task runs are not searchable yet. The header
        // counts its task runs, so a short wait (with a refresh) gives a consistent answer.
        long deadline = System.nanoTime() + CONSISTENCY_WAIT.toNanos();
        List<TaskRun> taskRuns = taskRuns(executionId);
        while (!consistent(header, taskRuns) && System.nanoTime() < deadline) {
            operations.indexOps(indices.of(SearchIndices.TASK_RUNS)).refresh();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            taskRuns = taskRuns(executionId);
        }
        return Optional.of(new Execution(header, taskRuns));
    }

    /**
     * Whether the task runs found can belong to this header: as many as it counts, and none still
     * going on when the execution ended (a task run's last update not indexed yet).
     */
    private static boolean consistent(ExecutionHeader header, List<TaskRun> taskRuns) {
        if (taskRuns.size() < header.taskRunCount()) {
            return false;
        }
        return !header.status().isTerminal() || taskRuns.stream().allMatch(r -> r.state().current().isTerminal());
    }

    private List<TaskRun> taskRuns(String executionId) {
        CriteriaQuery runs = new CriteriaQuery(new Criteria("executionId").is(executionId));
        runs.addSort(Sort.by("seq"));
        runs.setPageable(PageRequest.of(0, 1000));
        List<TaskRun> taskRuns = new ArrayList<>();
        try (SearchHitsIterator<Document> it = operations.searchForStream(runs, Document.class,
            indices.of(SearchIndices.TASK_RUNS))) {
            it.forEachRemaining(hit -> taskRuns.add(SearchDocuments.record(hit.getContent(), TaskRun.class)));
        }
        return taskRuns;
    }

    @Override
    public ResultPage<Execution> search(ExecutionQuery q, Paging paging) {
        Criteria c = new Criteria();
        if (notBlank(q.flowId())) {
            c = c.and("flowId").is(q.flowId());
        }
        if (!q.states().isEmpty()) {
            c = c.and("state").in(q.states().stream().map(ExecutionStatus::name).toList());
        }
        for (Map.Entry<String, String> l : q.labels().entrySet()) {
            c = c.and("labels").is(l.getKey() + ":" + l.getValue());
        }
        if (q.startAfter() != null) {
            c = c.and("startDate").greaterThanEqual(q.startAfter().toString());
        }
        if (q.startBefore() != null) {
            c = c.and("startDate").lessThan(q.startBefore().toString());
        }
        if (notBlank(q.text())) {
            c = c.and("text").matches(q.text());
        }
        CriteriaQuery query = new CriteriaQuery(within(inNamespace(c, q.namespace()), q.within()));
        page(query, paging, Sort.by(Sort.Direction.DESC, "startDate"), Map.of("state.startDate", "startDate",
            "state.endDate", "endDate", "state.current", "state", "namespace", "namespace", "flowId", "flowId",
            "id", "id"));
        return found(query, SearchIndices.EXECUTIONS,
            doc -> new Execution(SearchDocuments.record(doc, ExecutionHeader.class), List.of()));
    }

    @Override
    public List<LogEntry> ofExecution(LogQuery q) {
        CriteriaQuery query = new CriteriaQuery(logCriteria(q));
        query.addSort(Sort.by("timestamp", "order"));
        query.setPageable(PageRequest.of(0, 1000));
        List<LogEntry> lines = new ArrayList<>();
        try (SearchHitsIterator<Document> it = operations.searchForStream(query, Document.class,
            indices.of(SearchIndices.LOGS))) {
            it.forEachRemaining(hit -> lines.add(SearchDocuments.record(hit.getContent(), LogEntry.class)));
        }
        return lines;
    }

    @Override
    public ResultPage<LogEntry> search(LogQuery q, Paging paging) {
        CriteriaQuery query = new CriteriaQuery(logCriteria(q));
        page(query, paging, Sort.by(Sort.Direction.DESC, "timestamp", "order"), Map.of("timestamp", "timestamp",
            "level", "severity"));
        return found(query, SearchIndices.LOGS, doc -> SearchDocuments.record(doc, LogEntry.class));
    }

    @Override
    public ResultPage<TriggerState> search(TriggerQuery q, Paging paging) {
        CriteriaQuery query = new CriteriaQuery(triggerCriteria(q));
        page(query, paging, Sort.by("namespace", "flowId", "triggerId"), Map.of("namespace", "namespace",
            "flowId", "flowId", "triggerId", "triggerId", "nextExecutionDate", "nextDate", "date", "lastFireDate",
            "updatedDate", "updated", "executionId", "lastExecutionId", "type", "type"));
        return found(query, SearchIndices.TRIGGERS, doc -> SearchDocuments.record(doc, TriggerState.class));
    }

    @Override
    public List<TriggerState> all(TriggerQuery q) {
        CriteriaQuery query = new CriteriaQuery(triggerCriteria(q));
        query.addSort(Sort.by("namespace", "flowId", "triggerId"));
        query.setPageable(PageRequest.of(0, 1000));
        List<TriggerState> all = new ArrayList<>();
        try (SearchHitsIterator<Document> it = operations.searchForStream(query, Document.class,
            indices.of(SearchIndices.TRIGGERS))) {
            it.forEachRemaining(hit -> all.add(SearchDocuments.record(hit.getContent(), TriggerState.class)));
        }
        return all;
    }

    @Override
    public Optional<TriggerState> find(String namespace, String flowId, String triggerId) {
        Document doc = operations.get(TriggerState.key(namespace, flowId, triggerId), Document.class,
            indices.of(SearchIndices.TRIGGERS));
        return Optional.ofNullable(doc).map(d -> SearchDocuments.record(d, TriggerState.class));
    }

    private static Criteria triggerCriteria(TriggerQuery q) {
        Criteria c = new Criteria();
        if (notBlank(q.namespace()) && q.exactNamespace()) {
            c = c.and("namespace").is(q.namespace());
        }
        if (notBlank(q.flowId())) {
            c = c.and("flowId").is(q.flowId());
        }
        if (notBlank(q.text())) {
            c = c.and("text").matches(q.text());
        }
        return within(q.exactNamespace() ? c : inNamespace(c, q.namespace()), q.within());
    }

    /** One page of {@code index} matching {@code query}, each hit read by {@code read}, with the total. */
    private <T> ResultPage<T> found(Query query, String index, java.util.function.Function<Document, T> read) {
        SearchHits<Document> hits = operations.search(query, Document.class, indices.of(index));
        List<T> results = new ArrayList<>();
        for (SearchHit<Document> hit : hits) {
            results.add(read.apply(hit.getContent()));
        }
        return new ResultPage<>(results, hits.getTotalHits());
    }

    @Override
    public void deleteOfExecution(String executionId, boolean logs, boolean metrics) {
        if (logs) {
            deleteOfExecution(SearchIndices.LOGS, executionId);
        }
        if (metrics) {
            deleteOfExecution(SearchIndices.METRICS, executionId);
        }
    }

    /**
     * Deletes the documents of one execution with a delete-by-query, or, on a server without it
     * (Elasticsearch's server core lacks its reindex module), one by one.
     */
    private void deleteOfExecution(String index, String executionId) {
        IndexCoordinates where = indices.of(index);
        CriteriaQuery ofExecution = new CriteriaQuery(new Criteria("executionId").is(executionId));
        try {
            operations.delete(DeleteQuery.builder(ofExecution).build(), Document.class, where);
            return;
        } catch (RuntimeException e) {
            LOG.debug("delete-by-query refused on {} ({}), deleting one by one", where, e.getMessage());
        }
        ofExecution.setPageable(PageRequest.of(0, 1000));
        List<String[]> found = new ArrayList<>();
        try (SearchHitsIterator<Document> it = operations.searchForStream(ofExecution, Document.class, where)) {
            it.forEachRemaining(hit -> found.add(new String[]{hit.getIndex(), hit.getId()}));
        }
        for (String[] doc : found) {
            operations.delete(doc[1], IndexCoordinates.of(doc[0]));
        }
    }

    private static Criteria logCriteria(LogQuery q) {
        Criteria c = new Criteria();
        if (notBlank(q.flowId())) {
            c = c.and("flowId").is(q.flowId());
        }
        if (notBlank(q.executionId())) {
            c = c.and("executionId").is(q.executionId());
        }
        if (notBlank(q.taskRunId())) {
            c = c.and("taskRunId").is(q.taskRunId());
        }
        if (q.minLevel() != null) {
            c = c.and("severity").greaterThanEqual(q.minLevel().ordinal());
        }
        if (q.after() != null) {
            c = c.and("timestamp").greaterThanEqual(q.after().toString());
        }
        if (q.before() != null) {
            c = c.and("timestamp").lessThan(q.before().toString());
        }
        if (notBlank(q.text())) {
            c = c.and("message").matches(q.text());
        }
        return within(inNamespace(c, q.namespace()), q.within());
    }

    /**
     * Paging and sort; the API's field names map to index fields through {@code fields}, the only
     * fields one may sort on.
     *
     * @throws IllegalArgumentException for a field that cannot be sorted on
     */
    private static void page(Query query, Paging paging, Sort fallback, Map<String, String> fields) {
        Sort sort = Sort.unsorted();
        for (Paging.SortField f : paging.sort()) {
            String field = fields.get(f.field());
            if (field == null) {
                throw new IllegalArgumentException("cannot sort on '" + f.field() + "' (one of "
                    + new java.util.TreeSet<>(fields.keySet()) + ")");
            }
            sort = sort.and(Sort.by(f.ascending() ? Sort.Direction.ASC : Sort.Direction.DESC, field));
        }
        query.setPageable(PageRequest.of(paging.page() - 1, paging.size(), sort.isUnsorted() ? fallback : sort));
    }

    /**
     * {@code c}, and the namespace or any namespace under it ({@code ns} or {@code ns.*}) when one is given. The
     * two-way namespace test is a sub-query of the last criteria of the chain: the query processor only turns
     * the last criteria's sub-criteria into a query, so one attached earlier in the chain would be dropped.
     */
    private static Criteria inNamespace(Criteria c, String namespace) {
        if (!notBlank(namespace)) {
            return c;
        }
        return c.subCriteria(new Criteria().or("namespace").is(namespace).or("namespace").startsWith(namespace + "."));
    }

    /**
     * {@code c}, kept to the namespaces under any of {@code prefixes} when there are some: a second
     * sub-query of the same last criteria, which the query processor joins to the first with AND.
     */
    private static Criteria within(Criteria c, List<String> prefixes) {
        if (prefixes.isEmpty()) {
            return c;
        }
        Criteria any = new Criteria();
        for (String prefix : prefixes) {
            any = any.or("namespace").is(prefix).or("namespace").startsWith(prefix + ".");
        }
        return c.subCriteria(any);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
