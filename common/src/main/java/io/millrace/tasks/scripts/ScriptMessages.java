package io.millrace.tasks.scripts;

import io.millrace.model.LogLevel;
import io.millrace.serde.Json;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.RunContext.MetricKind;
import tools.jackson.core.JacksonException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lines a script writes to talk to the orchestrator, in Kestra's convention: a line
 * {@code ::{"outputs":{...}}::} adds variables to {@code outputs.<id>.vars} (later values win),
 * {@code ::{"metrics":[{"name":..,"type":"counter"|"timer","value":..,"tags":{..}}]}::} records
 * metrics (timer values in seconds), and {@code ::{"logs":[{"level":..,"message":..}]}::} writes
 * log lines. Any other line is plain output.
 */
final class ScriptMessages {

    private final RunContext context;
    private final Map<String, Object> vars = new LinkedHashMap<>();

    ScriptMessages(RunContext context) {
        this.context = context;
    }

    /** Handles {@code line} if it is a message and returns true; false for plain output. */
    boolean accept(String line) {
        String s = line.strip();
        if (s.length() < 6 || !s.startsWith("::{") || !s.endsWith("}::")) {
            return false;
        }
        Object parsed;
        try {
            parsed = Json.parse(s.substring(2, s.length() - 2));
        } catch (JacksonException e) {
            return false;
        }
        if (!(parsed instanceof Map<?, ?> message)) {
            return false;
        }
        if (message.get("outputs") instanceof Map<?, ?> outputs) {
            outputs.forEach((k, v) -> vars.put(String.valueOf(k), v));
        }
        if (message.get("metrics") instanceof List<?> metrics) {
            metrics.forEach(this::metric);
        }
        if (message.get("logs") instanceof List<?> logs) {
            logs.forEach(this::log);
        }
        return true;
    }

    /** Every variable set by an outputs message so far. */
    Map<String, Object> vars() {
        return vars;
    }

    private void metric(Object item) {
        if (!(item instanceof Map<?, ?> m) || !(m.get("name") instanceof String name) || name.isBlank()) {
            context.logger().warn("ignored a metric without a name: " + Json.write(item));
            return;
        }
        MetricKind kind = switch (String.valueOf(m.get("type")).toLowerCase(Locale.ROOT)) {
            case "counter" -> MetricKind.COUNTER;
            case "timer" -> MetricKind.TIMER;
            default -> null;
        };
        if (kind == null) {
            context.logger().warn("ignored metric '" + name + "': type must be counter or timer, got " + m.get("type"));
            return;
        }
        if (!(m.get("value") instanceof Number value)) {
            context.logger().warn("ignored metric '" + name + "': value must be a number, got " + m.get("value"));
            return;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (m.get("tags") instanceof Map<?, ?> t) {
            t.forEach((k, v) -> tags.put(String.valueOf(k), String.valueOf(v)));
        }
        context.metric(name, kind, value.doubleValue(), tags);
    }

    private void log(Object item) {
        if (!(item instanceof Map<?, ?> m) || m.get("message") == null) {
            return;
        }
        LogLevel level;
        try {
            Object name = m.get("level");
            level = name == null ? LogLevel.INFO : LogLevel.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            level = LogLevel.INFO;
        }
        context.logger().log(level, String.valueOf(m.get("message")));
    }
}
