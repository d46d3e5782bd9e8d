package io.millrace.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The JSON body of every error answer: a message for people, and for flow sources the problems
 * with their line and column.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String message, List<Detail> details) {

    /** One problem, located in the request's flow source when {@code line} is set (1-based). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String message, String path, Integer line, Integer column) {
    }
}
