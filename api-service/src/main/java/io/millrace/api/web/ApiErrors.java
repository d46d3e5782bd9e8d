package io.millrace.api.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

import java.util.List;

/**
 * Turns every failure of a request into an {@link ApiError} JSON answer. A caller's mistake keeps
 * its status and message; anything else is a 500 whose body says only that it failed (the stack
 * trace goes to the log, never to the caller). Always JSON, whatever the request accepts: a refused
 * follow ({@code Accept: text/event-stream}) still gets its status and message.
 */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final int MAX_REASON = 300;

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
            .body(new ApiError(e.getMessage(), e.details()));
    }

    /**
     * A body that cannot be read as the endpoint wants it: not JSON, the wrong shape, or past the JSON
     * reader's limits (nesting deeper than 500 levels). The caller's fault: 400.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON) + "...";
        }
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON)
            .body(new ApiError("the request body cannot be read: " + reason, List.of()));
    }

    /** A client that went away in the middle of a stream (a follow): nobody to answer, nothing wrong to log. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        LOG.debug("the client went away: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> failed(Exception e) {
        if (e instanceof ErrorResponse response) {
            // Spring MVC's own refusals: unknown path, wrong method, unreadable body, bad parameter type
            String detail = response.getBody().getDetail();
            return ResponseEntity.status(response.getStatusCode()).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(detail == null ? response.getStatusCode().toString() : detail, List.of()));
        }
        LOG.error("request failed", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
            .body(new ApiError("internal error: the request failed, see the api log", List.of()));
    }
}
