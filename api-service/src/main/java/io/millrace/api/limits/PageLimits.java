package io.millrace.api.limits;

import io.millrace.api.store.Paging;
import io.millrace.api.web.ApiException;

import java.util.List;

/**
 * Checks the {@code page}, {@code size} and {@code sort} parameters of every search and list endpoint
 * against {@code millrace.api.max-page-size} and {@code millrace.api.max-result-window}: a caller
 * cannot make the api build a huge page, nor ask the search store for results past its window (which
 * it would refuse with an error), and page arithmetic cannot overflow.
 */
public final class PageLimits {

    private final int maxPageSize;
    private final int maxResultWindow;

    public PageLimits(ApiLimits limits) {
        this.maxPageSize = limits.maxPageSize();
        this.maxResultWindow = limits.maxResultWindow();
    }

    /**
     * The paging asked for, or a 422 naming the parameter at fault.
     *
     * @param sort {@code field} or {@code field:asc|desc} each, or null
     */
    public Paging paging(int page, int size, List<String> sort) {
        if (page < 1) {
            throw ApiException.invalid("page must be 1 or more, got " + page);
        }
        if (size < 1) {
            throw ApiException.invalid("size must be 1 or more, got " + size);
        }
        if (size > maxPageSize) {
            throw ApiException.invalid("size " + size + " is more than " + maxPageSize
                + ", the largest page (millrace.api.max-page-size)");
        }
        long reach = (long) page * size;
        if (reach > maxResultWindow) {
            throw ApiException.invalid("page " + page + " of size " + size + " reaches result " + reach
                + ", past the first " + maxResultWindow + " that paging can reach (millrace.api.max-result-window);"
                + " narrow the search (a namespace, a state, a date range) instead");
        }
        try {
            return new Paging(page, size, sort == null ? List.of() : sort.stream().map(Paging.SortField::parse).toList());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
    }
}
