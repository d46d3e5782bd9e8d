package io.millrace.api.triggers;

import io.millrace.api.web.ApiException;
import io.millrace.model.Label;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backfill as a client asks for it ({@code backfill} of Kestra's trigger body), checked: dates that
 * parse, a start not after the end (or, without an end, not after now), labels as a list of
 * {@code {key, value}} or a map, none of them a {@code system.} label. Every refusal is a 400 naming the
 * field.
 *
 * @param start  the first date to run
 * @param end    the last date to run, or null for up to now
 * @param inputs inputs of the backfilled executions, or null for the trigger's own
 * @param labels labels added to the backfilled executions
 */
public record BackfillRequest(Instant start, Instant end, Map<String, Object> inputs, List<Label> labels) {

    /** Labels starting with this are Millrace's own (a backfilled execution carries {@code system.backfill}). */
    static final String SYSTEM_PREFIX = "system.";

    /** Reads and checks {@code backfill} as of {@code now}. */
    public static BackfillRequest parse(Map<?, ?> backfill, Instant now) {
        Instant start = date(backfill.get("start"), "backfill.start");
        if (start == null) {
            throw ApiException.badRequest("backfill.start is required");
        }
        Instant end = date(backfill.get("end"), "backfill.end");
        if (end != null && start.isAfter(end)) {
            throw ApiException.badRequest("backfill.start (" + start + ") is after backfill.end (" + end + ")");
        }
        if (end == null && start.isAfter(now)) {
            throw ApiException.badRequest("backfill.start (" + start + ") is in the future and no backfill.end is given:"
                + " a backfill without an end runs up to now");
        }
        return new BackfillRequest(start, end, inputs(backfill.get("inputs")), labels(backfill.get("labels")));
    }

    private static Instant date(Object value, String field) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.toString()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + ": '" + value + "' is not a date-time with an offset"
                + " (ISO-8601, e.g. 2026-01-01T00:00:00Z or 2026-01-01T00:00:00+01:00)");
        }
    }

    private static Map<String, Object> inputs(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ApiException.badRequest("backfill.inputs must be an object of input values");
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        map.forEach((k, v) -> inputs.put(String.valueOf(k), v));
        return inputs;
    }

    private static List<Label> labels(Object value) {
        List<Label> labels = new ArrayList<>();
        if (value == null) {
            return labels;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> labels.add(new Label(String.valueOf(k), v == null ? null : String.valueOf(v))));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> l) || l.get("key") == null) {
                    throw ApiException.badRequest("backfill.labels[" + i + "] must be an object {key, value}");
                }
                labels.add(new Label(String.valueOf(l.get("key")), l.get("value") == null ? null : String.valueOf(l.get("value"))));
            }
        } else {
            throw ApiException.badRequest("backfill.labels must be a list of {key, value} or an object of labels");
        }
        for (Label l : labels) {
            if (l.key().isBlank()) {
                throw ApiException.badRequest("backfill.labels: a label has an empty key");
            }
            if (l.key().startsWith(SYSTEM_PREFIX)) {
                throw ApiException.badRequest("backfill.labels: " + l.key() + " is a system label; labels starting with "
                    + SYSTEM_PREFIX + " are set by Millrace (a backfilled execution carries system.backfill: true)");
            }
        }
        return labels;
    }
}
