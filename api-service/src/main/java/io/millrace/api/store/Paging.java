package io.millrace.api.store;

import java.util.List;

/**
 * Which page of results to return and in which order.
 *
 * @param page 1-based page number, as in Kestra's API
 * @param size results per page
 * @param sort fields to sort on, first one first; empty for the store's default order
 */
public record Paging(int page, int size, List<SortField> sort) {

    public Paging {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, got " + page);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be 1 or more, got " + size);
        }
        sort = sort == null ? List.of() : List.copyOf(sort);
    }

    public static Paging first(int size) {
        return new Paging(1, size, List.of());
    }

    /** One sort field: {@code state.startDate:desc} in Kestra's query syntax. */
    public record SortField(String field, boolean ascending) {

        /** Parses {@code field} or {@code field:asc|desc}. */
        public static SortField parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                return new SortField(text, true);
            }
            String order = text.substring(colon + 1);
            if (!order.equalsIgnoreCase("asc") && !order.equalsIgnoreCase("desc")) {
                throw new IllegalArgumentException("sort order must be asc or desc, got '" + order + "' in '" + text + "'");
            }
            return new SortField(text.substring(0, colon), order.equalsIgnoreCase("asc"));
        }
    }
}
