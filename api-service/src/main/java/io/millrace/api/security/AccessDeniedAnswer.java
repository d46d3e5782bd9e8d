package io.millrace.api.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.LinkedHashMap;
import java.util.Map;

/** Renders {@link AccessDenied} as {@code {"message": ..., "status": 403}}, as the 401 answer is. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessDeniedAnswer {

    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<Map<String, Object>> denied(AccessDenied e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", e.getMessage());
        body.put("status", e.status().value());
        return ResponseEntity.status(e.status()).body(body);
    }
}
