package io.millrace.api.triggers;

import io.millrace.api.store.TriggerQuery;
import io.millrace.api.web.ApiException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trigger filters of a request, in either of Kestra's forms: the plain parameters {@code namespace}
 * (and the namespaces under it), {@code flowId} and {@code q}, or the UI's
 * {@code filters[field][operation]=value} ({@code namespace} with {@code EQUALS} for itself only or
 * {@code PREFIX}/{@code STARTS_WITH} for it and under it, {@code flowId} and {@code q} with {@code EQUALS}).
 * Any other filter is refused (422) rather than ignored, so that a bulk action never reaches more triggers
 * than asked.
 */
public final class TriggerFilters {

    private static final Pattern FILTER = Pattern.compile("filters\\[([^]]+)]\\[([^]]+)](\\[\\d*])?");
    private static final String SUPPORTED = "filters[namespace][EQUALS|PREFIX|STARTS_WITH], filters[flowId][EQUALS],"
        + " filters[q][EQUALS]";

    private TriggerFilters() {
    }

    /** The query of every request parameter; parameters that are not filters are left alone. */
    public static TriggerQuery of(Map<String, List<String>> params) {
        String namespace = first(params.get("namespace"));
        String flowId = first(params.get("flowId"));
        String text = first(params.get("q"));
        boolean exact = false;
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!p.getKey().startsWith("filters[")) {
                continue;
            }
            Matcher m = FILTER.matcher(p.getKey());
            if (!m.matches()) {
                throw ApiException.invalid("filter " + p.getKey() + " is not of the form filters[field][operation]");
            }
            String field = m.group(1);
            String operation = m.group(2).toUpperCase(Locale.ROOT);
            String value = first(p.getValue());
            switch (field + ":" + operation) {
                case "namespace:EQUALS" -> {
                    namespace = value;
                    exact = true;
                }
                case "namespace:PREFIX", "namespace:STARTS_WITH" -> {
                    namespace = value;
                    exact = false;
                }
                case "flowId:EQUALS" -> flowId = value;
                case "q:EQUALS" -> text = value;
                default -> throw ApiException.invalid("filter " + p.getKey() + " is not supported on triggers (one of "
                    + SUPPORTED + ")");
            }
        }
        return new TriggerQuery(namespace, flowId, text, exact);
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() || values.getFirst().isBlank() ? null : values.getFirst();
    }
}
