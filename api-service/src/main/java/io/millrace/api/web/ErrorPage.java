package io.millrace.api.web;

import io.millrace.api.security.OpenEndpoint;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The servlet container's error page ({@code /error}) in the api's own format, {@code {"message", "status"}}:
 * what failed before a controller ran (a filter, the container) says its status and nothing of Millrace's
 * insides; asked for directly, it is a 404 like any unknown path.
 */
@RestController
public class ErrorPage implements ErrorController {

    @RequestMapping("/error")
    @OpenEndpoint("the container's error page: it tells the status of a request that failed, nothing more")
    public ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : null;
        if (status == null) {
            status = HttpStatus.NOT_FOUND;
        }
        String message = status == HttpStatus.NOT_FOUND ? "no such endpoint" : status.getReasonPhrase().toLowerCase();
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ApiError(message, List.of()));
    }
}
