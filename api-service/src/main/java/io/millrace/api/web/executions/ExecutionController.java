package io.millrace.api.web.executions;

import io.millrace.api.executions.ExecutionLookup;
import io.millrace.api.executions.ExecutionService;
import io.millrace.api.executions.LiveExecutions;
import io.millrace.api.security.Access;
import io.millrace.api.security.Permission;
import io.millrace.api.security.Permission.Scope;
import io.millrace.api.security.Role;
import io.millrace.api.security.AcceptsSimpleBodies;
import io.millrace.api.limits.PageLimits;
import io.millrace.api.web.ApiException;
import io.millrace.api.web.follow.FollowStreams;
import io.millrace.api.store.ExecutionQuery;
import io.millrace.api.store.ExecutionStore;
import io.millrace.api.store.LogStore;
import io.millrace.api.store.Paging;
import io.millrace.api.store.ResultPage;
import io.millrace.model.Label;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.storage.InternalStorage;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Executions over HTTP, on Kestra's paths: trigger (inputs as multipart form data), wait for the
 * end, follow live (Server-Sent Events), kill and resume.
 */
@RestController
@RequestMapping("/api/v1/executions")
public class ExecutionController {

    /** How long {@code ?wait=true} waits for an end. */
    static final Duration WAIT = Duration.ofMinutes(30);
    /** How long a follow stays open without an end. */
    static final Duration FOLLOW = Duration.ofHours(1);

    private final ExecutionService executions;
    private final LiveExecutions live;
    private final ExecutionStore store;
    private final LogStore logs;
    private final InternalStorage storage;
    private final Access access;
    private final PageLimits pages;
    private final FollowStreams follows;

    public ExecutionController(ExecutionService executions, LiveExecutions live, ExecutionStore store, LogStore logs,
                               InternalStorage storage, Access access, PageLimits pages, FollowStreams follows) {
        this.access = access;
        this.logs = logs;
        this.storage = storage;
        this.executions = executions;
        this.live = live;
        this.store = store;
        this.pages = pages;
        this.follows = follows;
    }

    /** The execution with every task run, as the search store has it. */
    @GetMapping("/{executionId}")
    @Permission(value = Role.VIEWER, action = "read executions", scope = Scope.EXECUTION)
    public Map<String, Object> get(@PathVariable String executionId) {
        return executions.json(find(executionId));
    }

    /** Executions of the caller's namespaces matching every filter given, newest first unless {@code sort} says otherwise. */
    @GetMapping("/search")
    @Permission(value = Role.VIEWER, action = "read executions", scope = Scope.RESULTS)
    public ResultPage<Map<String, Object>> search(@RequestParam(required = false) String namespace,
                                                  @RequestParam(required = false) String flowId,
                                                  @RequestParam(required = false) List<String> state,
                                                  @RequestParam(required = false) List<String> labels,
                                                  @RequestParam(required = false) String startDate,
                                                  @RequestParam(required = false) String endDate,
                                                  @RequestParam(required = false) String q,
                                                  @RequestParam(defaultValue = "1") int page,
                                                  @RequestParam(defaultValue = "25") int size,
                                                  @RequestParam(required = false) List<String> sort) {
        Set<ExecutionStatus> states = new HashSet<>();
        for (String s : state == null ? List.<String>of() : state) {
            try {
                states.add(ExecutionStatus.valueOf(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("state '" + s + "' is not one of " + java.util.Arrays.toString(ExecutionStatus.values()));
            }
        }
        Map<String, String> labelFilter = new LinkedHashMap<>();
        labels(labels).forEach(l -> labelFilter.put(l.key(), l.value()));
        ExecutionQuery query = new ExecutionQuery(namespace, flowId, states, labelFilter, instant(startDate),
            instant(endDate), q);
        Paging paging = pages.paging(page, size, sort);
        ResultPage<Execution> found;
        try {
            found = store.search(query.within(access.namespaces()), paging);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        return new ResultPage<>(found.results().stream().map(executions::json).toList(), found.total());
    }

    /** Restarts a failed or killed execution from its failed task runs; the id stays. 409 in any other state. */
    @PostMapping("/{executionId}/restart")
    @Permission(value = Role.OPERATOR, action = "restart executions", scope = Scope.EXECUTION)
    public ResponseEntity<Map<String, Object>> restart(@PathVariable String executionId) {
        Execution execution = find(executionId);
        if (execution.status() != ExecutionStatus.FAILED && execution.status() != ExecutionStatus.KILLED) {
            throw ApiException.conflict("execution " + executionId + " is " + execution.status()
                + ": only a FAILED or KILLED execution restarts");
        }
        executions.restart(execution);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(executions.json(execution));
    }

    /** Replays an execution as a new one, from {@code taskRunId} or from the start. */
    @PostMapping("/{executionId}/replay")
    @Permission(value = Role.OPERATOR, action = "replay executions", scope = Scope.EXECUTION)
    public ResponseEntity<Map<String, Object>> replay(@PathVariable String executionId,
                                                      @RequestParam(required = false) String taskRunId) {
        String newId = executions.replay(find(executionId), taskRunId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", newId));
    }

    /**
     * Deletes an ended execution: its header and task runs (through the executor, the only writer of
     * executions), and unless told otherwise its log lines and metrics. 409 while it is going on.
     */
    @DeleteMapping("/{executionId}")
    @Permission(value = Role.DEVELOPER, action = "delete executions", scope = Scope.EXECUTION)
    public ResponseEntity<Void> delete(@PathVariable String executionId,
                                       @RequestParam(defaultValue = "true") boolean deleteLogs,
                                       @RequestParam(defaultValue = "true") boolean deleteMetrics,
                                       @RequestParam(defaultValue = "true") boolean deleteStorage) {
        Execution execution = find(executionId);
        if (!execution.status().isTerminal()) {
            throw ApiException.conflict("execution " + executionId + " is " + execution.status()
                + ": kill it, or wait for its end, before deleting it");
        }
        executions.delete(execution);
        logs.deleteOfExecution(executionId, deleteLogs, deleteMetrics);
        if (deleteStorage) {
            try {
                storage.deleteAll(InternalStorage.executionFolder(execution.header().namespace(),
                    execution.header().flowId(), executionId));
            } catch (IOException e) {
                throw new IllegalStateException("the files of execution " + executionId + " could not be deleted: "
                    + e.getMessage(), e);
            }
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * The execution as the store has it. One just created may not be indexed yet: it is looked for
     * again for a moment before the answer is 404.
     */
    private Execution find(String executionId) {
        return ExecutionLookup.find(store, executionId, () -> false)
            .orElseThrow(() -> ApiException.notFound("execution " + executionId + " does not exist"));
    }

    /**
     * Runs the flow's newest revision. Inputs come as multipart form fields named after the inputs;
     * {@code labels} as {@code key:value}; {@code scheduleDate} as an ISO-8601 instant delays the start.
     */
    @PostMapping("/{namespace}/{id}")
    @Permission(value = Role.OPERATOR, action = "run flows", scope = Scope.PATH)
    @AcceptsSimpleBodies("inputs and files come as a multipart form")
    public Map<String, Object> trigger(@PathVariable String namespace, @PathVariable String id,
                                       @RequestParam(required = false) List<String> labels,
                                       @RequestParam(required = false) String scheduleDate,
                                       @RequestParam(defaultValue = "false") boolean wait,
                                       HttpServletRequest request) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, ExecutionService.Upload> files = new LinkedHashMap<>();
        readParts(request, values, files);
        ExecutionService.Trigger trigger = new ExecutionService.Trigger(namespace, id, values, files,
            labels(labels), instant(scheduleDate));
        return executions.trigger(trigger, wait ? WAIT : null);
    }

    /**
     * The execution's states as Server-Sent Events named {@code execution}, until its end; 404 for an
     * execution neither stored nor seen live, 429 past the client's follows.
     */
    @GetMapping(path = "/{executionId}/follow", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Permission(value = Role.VIEWER, action = "follow executions", scope = Scope.EXECUTION)
    public SseEmitter follow(@PathVariable String executionId, HttpServletRequest request) {
        FollowStreams.Follow follow = follows.open(request, FOLLOW);
        AtomicBoolean seenLive = new AtomicBoolean();
        LiveExecutions.Watch watch = live.watch(executionId, null, e -> {
            seenLive.set(true);
            sendState(follow, e);
        });
        follow.onEnd(watch::close);
        // the state stored now comes first: a late follower still sees where the execution is, and an
        // ended execution's stream ends at once
        Optional<Execution> stored = ExecutionLookup.find(store, executionId, seenLive::get);
        if (stored.isEmpty() && !seenLive.get()) {
            follow.abandon();
            throw ApiException.notFound("execution " + executionId + " does not exist");
        }
        stored.ifPresent(e -> sendState(follow, e));
        return follow.emitter();
    }

    /** One state on the stream; the stream ends with the execution. */
    private void sendState(FollowStreams.Follow follow, Execution e) {
        follow.send(SseEmitter.event().name("execution").id(e.header().state().current().name())
            .data(executions.json(e), MediaType.APPLICATION_JSON));
        if (e.status().isTerminal()) {
            follow.complete();
        }
    }

    /** Kills an execution and its running tasks; 409 once it has ended. */
    @DeleteMapping("/{executionId}/kill")
    @Permission(value = Role.OPERATOR, action = "kill executions", scope = Scope.EXECUTION)
    public ResponseEntity<Void> kill(@PathVariable String executionId) {
        Execution execution = find(executionId);
        if (execution.status().isTerminal()) {
            throw ApiException.conflict("execution " + executionId + " has ended (" + execution.status() + ")");
        }
        executions.kill(executionId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    /** Resumes a paused execution; 409 once it has ended. */
    @PostMapping("/{executionId}/resume")
    @Permission(value = Role.OPERATOR, action = "resume executions", scope = Scope.EXECUTION)
    public ResponseEntity<Void> resume(@PathVariable String executionId) {
        Execution execution = find(executionId);
        if (execution.status().isTerminal()) {
            throw ApiException.conflict("execution " + executionId + " has ended (" + execution.status() + ")");
        }
        executions.resume(executionId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    /** Form fields become input values; file parts, files for FILE inputs (stored when the execution is created). */
    private static void readParts(HttpServletRequest request, Map<String, Object> values,
                                  Map<String, ExecutionService.Upload> files) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return;
        }
        try {
            for (Part part : request.getParts()) {
                if (part.getSubmittedFileName() != null) {
                    files.put(part.getName(), new ExecutionService.Upload(part.getSubmittedFileName(), part::getInputStream));
                } else {
                    values.put(part.getName(), new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | ServletException e) {
            throw ApiException.invalid("the multipart body cannot be read: " + e.getMessage());
        }
    }

    /**
     * A file of the execution (a FILE input it was given), by its {@code millrace:///} URI; only files
     * under the execution's own folder.
     */
    @GetMapping("/{executionId}/file")
    @Permission(value = Role.VIEWER, action = "read the files", scope = Scope.EXECUTION)
    public ResponseEntity<StreamingResponseBody> file(@PathVariable String executionId, @RequestParam String path) {
        Execution execution = find(executionId);
        URI uri = executionFile(execution, path);
        try {
            long size = storage.size(uri).orElseThrow(() -> ApiException.notFound("no file " + path));
            String name = uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
            StreamingResponseBody body = out -> {
                try (InputStream in = storage.get(uri).orElseThrow(() -> new IOException("gone: " + path))) {
                    in.transferTo(out);
                }
            };
            return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8)
                    .build().toString())
                .contentType(MediaType.APPLICATION_OCTET_STREAM).contentLength(size).body(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The size of a file of the execution: {@code {size}}. */
    @GetMapping("/{executionId}/file/metas")
    @Permission(value = Role.VIEWER, action = "read the files", scope = Scope.EXECUTION)
    public Map<String, Object> fileMetas(@PathVariable String executionId, @RequestParam String path) {
        URI uri = executionFile(find(executionId), path);
        try {
            return Map.of("size", storage.size(uri).orElseThrow(() -> ApiException.notFound("no file " + path)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static URI executionFile(Execution execution, String path) {
        URI uri;
        try {
            uri = new URI(path).normalize();
        } catch (URISyntaxException e) {
            throw ApiException.invalid("path '" + path + "' is not a URI");
        }
        URI folder = InternalStorage.executionFolder(execution.header().namespace(), execution.header().flowId(),
            execution.id());
        if (!InternalStorage.SCHEME.equals(uri.getScheme()) || uri.getPath() == null
            || !uri.getPath().startsWith(folder.getPath()) || uri.getPath().contains("/../")) {
            throw ApiException.notFound("execution " + execution.id() + " has no file " + path);
        }
        return uri;
    }

    private static List<Label> labels(List<String> texts) {
        List<Label> labels = new ArrayList<>();
        for (String text : texts == null ? List.<String>of() : texts) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw ApiException.invalid("label '" + text + "' is not key:value");
            }
            labels.add(new Label(text.substring(0, colon), text.substring(colon + 1)));
        }
        return labels;
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("scheduleDate '" + text + "' is not an ISO-8601 date-time with an offset");
        }
    }
}
