package io.millrace.template;

import io.pebbletemplates.pebble.extension.Filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Filters on maps and lists: {@code keys}, {@code values}, {@code chunk(size)} and {@code flatten}. */
final class CollectionFilters {

    private CollectionFilters() {
    }

    static Map<String, Filter> filters() {
        return Map.of(
            "keys", new TemplateFilter("keys", List.of(),
                (input, call) -> input == null ? null : new ArrayList<>(map(input, call).keySet())),
            "values", new TemplateFilter("values", List.of(),
                (input, call) -> input == null ? null : new ArrayList<>(map(input, call).values())),
            "chunk", new TemplateFilter("chunk", List.of("size"), CollectionFilters::chunk),
            "flatten", new TemplateFilter("flatten", List.of(),
                (input, call) -> input == null ? null : flatten(list(input, call))));
    }

    private static Map<?, ?> map(Object input, Call call) {
        if (input instanceof Map<?, ?> map) {
            return map;
        }
        throw call.fail("expects a map, not " + Values.aKind(input));
    }

    private static List<?> list(Object input, Call call) {
        return switch (input) {
            case List<?> list -> list;
            case Collection<?> c -> new ArrayList<>(c);
            case Object[] array -> Arrays.asList(array);
            default -> throw call.fail("expects a list, not " + Values.aKind(input));
        };
    }

    /** [1,2,3,4,5] | chunk(2) is [[1,2],[3,4],[5]]. */
    private static Object chunk(Object input, Call call) {
        if (input == null) {
            return null;
        }
        long size = call.integer("size");
        if (size < 1) {
            throw call.fail("size must be at least 1, not " + size);
        }
        List<?> items = list(input, call);
        List<List<Object>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += (int) Math.min(size, Integer.MAX_VALUE)) {
            chunks.add(new ArrayList<>(items.subList(from, (int) Math.min(items.size(), from + size))));
        }
        return chunks;
    }

    /** One level: [[1,2],[3,[4]],5] | flatten is [1,2,3,[4],5]. */
    private static List<Object> flatten(List<?> items) {
        List<Object> flat = new ArrayList<>();
        for (Object item : items) {
            switch (item) {
                case Collection<?> c -> flat.addAll(c);
                case Object[] array -> flat.addAll(Arrays.asList(array));
                case null, default -> flat.add(item);
            }
        }
        return flat;
    }
}
