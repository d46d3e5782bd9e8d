package io.millrace.template;

import io.pebbletemplates.pebble.extension.Filter;

import java.util.Map;

/** Filters that write values as text: {@code toJson}/{@code json} (compact JSON) and {@code toYaml}/{@code yaml}. */
final class JsonFilters {

    private JsonFilters() {
    }

    static Map<String, Filter> filters() {
        return Map.of(
            "toJson", TemplateFilter.of("toJson", DataFormats::toJson),
            "json", TemplateFilter.of("json", DataFormats::toJson),
            "toYaml", TemplateFilter.of("toYaml", DataFormats::toYaml),
            "yaml", TemplateFilter.of("yaml", DataFormats::toYaml));
    }
}
