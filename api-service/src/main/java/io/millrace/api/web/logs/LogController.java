package io.millrace.api.web.logs;

import io.millrace.api.executions.ExecutionLookup;
import io.millrace.api.executions.LiveExecutions;
import io.millrace.api.executions.LiveLogs;
import io.millrace.api.security.Access;
import io.millrace.api.security.Permission;
import io.millrace.api.security.Permission.Scope;
import io.millrace.api.security.Role;
import io.millrace.api.store.ExecutionStore;
import io.millrace.api.store.LogQuery;
import io.millrace.api.store.LogStore;
import io.millrace.api.store.Paging;
import io.millrace.api.store.ResultPage;
import io.millrace.api.limits.PageLimits;
import io.millrace.api.web.ApiException;
import io.millrace.api.web.follow.FollowStreams;
import io.millrace.model.LogLevel;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.LogEntry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Log lines over HTTP, on Kestra's paths: of one execution, a search, a download as text, and live. */
@RestController
@RequestMapping("/api/v1/logs")
public class LogController {

    /** How long a log follow stays open at most. */
    static final Duration FOLLOW = Duration.ofHours(1);
    /** How long a follow waits for late lines once the execution has ended. */
    static final Duration LATE_LINES = Duration.ofSeconds(2);

    private final LogStore logs;
    private final LiveLogs liveLogs;
    private final LiveExecutions liveExecutions;
    private final ExecutionStore executions;
    private final Access access;
    private final PageLimits pages;
    private final FollowStreams follows;

    public LogController(LogStore logs, LiveLogs liveLogs, LiveExecutions liveExecutions, ExecutionStore executions,
                         Access access, PageLimits pages, FollowStreams follows) {
        this.access = access;
        this.logs = logs;
        this.liveLogs = liveLogs;
        this.liveExecutions = liveExecutions;
        this.executions = executions;
        this.pages = pages;
        this.follows = follows;
    }

    /**
     * An execution's lines as Server-Sent Events named {@code log}: those stored first, then each new
     * one; the stream ends shortly after the execution does. 404 for an execution neither stored nor
     * seen live, 429 past the client's follows.
     */
    @GetMapping(path = "/{executionId}/follow", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Permission(value = Role.VIEWER, action = "follow logs", scope = Scope.EXECUTION)
    public SseEmitter follow(@PathVariable String executionId, HttpServletRequest request) {
        FollowStreams.Follow follow = follows.open(request, FOLLOW);
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Object lock = new Object();
        AtomicBoolean seenLive = new AtomicBoolean();
        LiveExecutions.Watch lines = liveLogs.watch(executionId, line -> {
            seenLive.set(true);
            send(follow, line, sent, lock);
        });
        LiveExecutions.Watch end = liveExecutions.watch(executionId, null, e -> {
            seenLive.set(true);
            if (e.status().isTerminal()) {
                CompletableFuture.delayedExecutor(LATE_LINES.toMillis(), TimeUnit.MILLISECONDS).execute(follow::complete);
            }
        });
        follow.onEnd(lines::close);
        follow.onEnd(end::close);
        Optional<Execution> stored = ExecutionLookup.find(executions, executionId, seenLive::get);
        if (stored.isEmpty() && !seenLive.get()) {
            follow.abandon();
            throw ApiException.notFound("execution " + executionId + " does not exist");
        }
        for (LogEntry line : logs.ofExecution(LogQuery.ofExecution(executionId, null, null))) {
            send(follow, line, sent, lock);
        }
        stored.filter(e -> e.status().isTerminal()).ifPresent(e -> follow.complete());
        return follow.emitter();
    }

    /** Sends a line once (a line both stored and live is sent the first time only). */
    private static void send(FollowStreams.Follow follow, LogEntry line, Set<String> sent, Object lock) {
        String key = line.taskRunId() + "|" + line.timestamp() + "|" + line.level() + "|" + line.message();
        if (!sent.add(key)) {
            return;
        }
        synchronized (lock) {
            follow.send(SseEmitter.event().name("log").data(line, MediaType.APPLICATION_JSON));
        }
    }

    /** Every line of an execution, oldest first; {@code taskRunId} and {@code minLevel} narrow it. */
    @GetMapping("/{executionId}")
    @Permission(value = Role.VIEWER, action = "read logs", scope = Scope.EXECUTION)
    public List<LogEntry> ofExecution(@PathVariable String executionId,
                                      @RequestParam(required = false) String taskRunId,
                                      @RequestParam(required = false) String minLevel) {
        return logs.ofExecution(LogQuery.ofExecution(executionId, taskRunId, level(minLevel)));
    }

    /** The same lines as a text file, one line each. */
    @GetMapping(path = "/{executionId}/download", produces = MediaType.TEXT_PLAIN_VALUE)
    @Permission(value = Role.VIEWER, action = "read logs", scope = Scope.EXECUTION)
    public ResponseEntity<String> download(@PathVariable String executionId,
                                           @RequestParam(required = false) String taskRunId,
                                           @RequestParam(required = false) String minLevel) {
        StringBuilder text = new StringBuilder();
        for (LogEntry e : logs.ofExecution(LogQuery.ofExecution(executionId, taskRunId, level(minLevel)))) {
            text.append(e.timestamp()).append(' ').append(e.level()).append(' ')
                .append(e.taskId() == null ? "-" : e.taskId()).append(' ').append(e.message()).append('\n');
        }
        return ResponseEntity.ok()
            .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + executionId + ".log\"")
            .contentType(MediaType.TEXT_PLAIN).body(text.toString());
    }

    /** Lines of the caller's namespaces matching every filter given, newest first. */
    @GetMapping("/search")
    @Permission(value = Role.VIEWER, action = "read logs", scope = Scope.RESULTS)
    public ResultPage<LogEntry> search(@RequestParam(required = false) String namespace,
                                       @RequestParam(required = false) String flowId,
                                       @RequestParam(required = false) String executionId,
                                       @RequestParam(required = false) String minLevel,
                                       @RequestParam(required = false) String q,
                                       @RequestParam(defaultValue = "1") int page,
                                       @RequestParam(defaultValue = "25") int size) {
        Paging paging = pages.paging(page, size, null);
        try {
            return logs.search(new LogQuery(namespace, flowId, executionId, null, level(minLevel), null, null, q)
                    .within(access.namespaces()), paging);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
    }

    private static LogLevel level(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LogLevel.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("minLevel '" + text + "' is not one of TRACE, DEBUG, INFO, WARN, ERROR");
        }
    }
}
