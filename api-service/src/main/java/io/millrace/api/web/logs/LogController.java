package io.millrace.api.web.logs;

import io.millrace.api.store.LogQuery;
import io.millrace.api.store.LogStore;
import io.millrace.api.store.Paging;
import io.millrace.api.store.ResultPage;
import io.millrace.api.web.ApiException;
import io.millrace.model.LogLevel;
import io.millrace.model.execution.LogEntry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/** Log lines over HTTP, on Kestra's paths: of one execution, a search, and a download as text. */
@RestController
@RequestMapping("/api/v1/logs")
public class LogController {

    private final LogStore logs;

    public LogController(LogStore logs) {
        this.logs = logs;
    }

    /** Every line of an execution, oldest first; {@code taskRunId} and {@code minLevel} narrow it. */
    @GetMapping("/{executionId}")
    public List<LogEntry> ofExecution(@PathVariable String executionId,
                                      @RequestParam(required = false) String taskRunId,
                                      @RequestParam(required = false) String minLevel) {
        return logs.ofExecution(LogQuery.ofExecution(executionId, taskRunId, level(minLevel)));
    }

    /** The same lines as a text file, one line each. */
    @GetMapping(path = "/{executionId}/download", produces = MediaType.TEXT_PLAIN_VALUE)
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

    /** Lines matching every filter given, newest first. */
    @GetMapping("/search")
    public ResultPage<LogEntry> search(@RequestParam(required = false) String namespace,
                                       @RequestParam(required = false) String flowId,
                                       @RequestParam(required = false) String executionId,
                                       @RequestParam(required = false) String minLevel,
                                       @RequestParam(required = false) String q,
                                       @RequestParam(defaultValue = "1") int page,
                                       @RequestParam(defaultValue = "25") int size) {
        try {
            return logs.search(new LogQuery(namespace, flowId, executionId, null, level(minLevel), null, null, q),
                new Paging(page, size, List.of()));
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
