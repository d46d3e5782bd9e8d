package io.millrace.api.web;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A request the API refuses, with the status and the message the caller sees; {@link ApiErrors}
 * renders it as JSON. Throw it from controllers and services of the api for anything a caller can
 * cause (404 not found, 422 invalid input, 409 conflict, 400 where Kestra answers 400).
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final transient List<ApiError.Detail> details;

    public ApiException(HttpStatus status, String message) {
        this(status, message, List.of());
    }

    public ApiException(HttpStatus status, String message, List<ApiError.Detail> details) {
        super(message);
        this.status = status;
        this.details = List.copyOf(details);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    /** A request Kestra answers with 400 (a trigger's backfill or state change that cannot apply). */
    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException invalid(String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message);
    }

    public HttpStatus status() {
        return status;
    }

    public List<ApiError.Detail> details() {
        return details;
    }
}
