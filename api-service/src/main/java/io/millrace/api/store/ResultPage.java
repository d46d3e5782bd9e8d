package io.millrace.api.store;

import java.util.List;

/** One page of search results and how many match in all (Kestra's {@code {results, total}}). */
public record ResultPage<T>(List<T> results, long total) {

    public ResultPage {
        results = List.copyOf(results);
    }

    public static <T> ResultPage<T> empty() {
        return new ResultPage<>(List.of(), 0);
    }
}
