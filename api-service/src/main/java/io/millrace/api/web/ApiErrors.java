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
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** A qualified Java class name with its type arguments, or a Jackson token name. */
    private static final Pattern JAVA_TYPE = Pattern.compile(
        "((?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:\\[\\])?(?:<[^>]*>)?|JsonToken\\.[A-Z_]+)");

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
        return badRequest("the request body cannot be read: " + short_(withoutJavaTypes(reason)));
    }

    /** A query parameter or path variable that is not of its type ({@code size=abc}): 400 naming it. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mistyped(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String wanted = type == null ? "of another type"
            : Number.class.isAssignableFrom(type) || type == int.class || type == long.class ? "a whole number"
            : type == boolean.class || type == Boolean.class ? "true or false"
            : "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
        return badRequest("parameter '" + e.getName() + "' must be " + wanted + ", not '"
            + short_(String.valueOf(e.getValue())) + "'");
    }

    private static ResponseEntity<ApiError> badRequest(String message) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON)
            .body(new ApiError(message, List.of()));
    }

    private static String short_(String text) {
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text;
    }

    /**
     * A JSON reader's message in the caller's words: Java types ({@code java.util.LinkedHashMap<…>},
     * {@code JsonToken.START_ARRAY}) become the JSON kinds they stand for.
     */
    static String withoutJavaTypes(String reason) {
        Matcher m = JAVA_TYPE.matcher(reason);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String kind = name.contains("ARRAY") || name.endsWith("List") || name.endsWith("[]") ? "array"
                : name.contains("OBJECT") || name.endsWith("Map") ? "object"
                : name.endsWith("String") ? "string"
                : name.endsWith("Integer") || name.endsWith("Long") || name.endsWith("Double") ? "number"
                : name.endsWith("Boolean") ? "boolean"
                : "value";
            m.appendReplacement(out, kind);
        }
        m.appendTail(out);
        return out.toString().replace("`", "");
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
