package io.millrace.api.web.webhooks;

import io.millrace.api.security.OpenEndpoint;
import io.millrace.api.security.AcceptsSimpleBodies;
import io.millrace.api.web.ApiError;
import io.millrace.api.web.ApiException;
import io.millrace.api.webhooks.WebhookRequest;
import io.millrace.api.webhooks.WebhookService;
import io.millrace.api.webhooks.WebhookSettings;
import io.millrace.model.execution.Execution;
import io.millrace.model.trigger.Webhook;
import io.millrace.serde.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kestra's webhook URL: {@code GET|POST|PUT /api/v1/executions/webhook/{namespace}/{flowId}/{key}}
 * (and under Kestra's default tenant, {@code /api/v1/main/...}), open without credentials since the
 * key is the secret. An unknown flow, a disabled flow or trigger and a wrong key all answer the same
 * 404. The key is never logged nor put in an answer.
 */
@RestController
public class WebhookController {

    /** The paths of the webhook URL, for the security configuration to open them. */
    public static final String[] PATHS = {"/api/v1/executions/webhook/**", "/api/v1/main/executions/webhook/**"};

    private static final String NOT_FOUND = "no webhook at this URL";

    private final WebhookService webhooks;
    private final WebhookSettings settings;

    public WebhookController(WebhookService webhooks, WebhookSettings settings) {
        this.webhooks = webhooks;
        this.settings = settings;
    }

    /** Starts an execution of the flow when the key is one of its Webhook triggers' and its conditions hold. */
    @RequestMapping(path = {"/api/v1/executions/webhook/{namespace}/{flowId}/{key}",
        "/api/v1/main/executions/webhook/{namespace}/{flowId}/{key}"},
        method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT})
    @OpenEndpoint("the key in the URL is the secret; the caller (GitHub…) has no Millrace credentials")
    @AcceptsSimpleBodies("a webhook's caller (GitHub, a form, a script) sends the body in any type")
    public ResponseEntity<?> webhook(@PathVariable String namespace, @PathVariable String flowId,
                                     @PathVariable String key, HttpServletRequest request) {
        WebhookRequest read = read(request);
        return switch (webhooks.handle(namespace, flowId, key, read)) {
            case WebhookService.Answer.NotFound n ->
                ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(NOT_FOUND, List.of()));
            case WebhookService.Answer.NotStarted n -> ResponseEntity.noContent().build();
            case WebhookService.Answer.Refused r ->
                ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(new ApiError(r.message(), List.of()));
            case WebhookService.Answer.Started s -> started(s);
        };
    }

    /** The created execution; with {@code wait}, the ended one (500 when it failed), or its outputs. */
    private static ResponseEntity<?> started(WebhookService.Answer.Started s) {
        Webhook webhook = s.webhook();
        if (!webhook.isWait()) {
            return ResponseEntity.ok(s.json());
        }
        Execution ended = s.execution();
        HttpStatus status = ended.status().isFailure() ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.OK;
        if (!webhook.isReturnOutputs()) {
            return ResponseEntity.status(status).body(s.json());
        }
        Map<String, Object> outputs = ended.header().outputs() == null ? Map.of() : ended.header().outputs();
        if (Webhook.TEXT_PLAIN.equals(webhook.responseContentType())) {
            // one output is the answer itself (a handshake token, a message); several are JSON
            Object only = outputs.size() == 1 ? outputs.values().iterator().next() : outputs;
            String text = only instanceof String string ? string : Json.write(only);
            return ResponseEntity.status(status).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(text);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(outputs);
    }

    private WebhookRequest read(HttpServletRequest request) {
        long max = settings.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        String contentType = request.getContentType();
        Map<String, List<String>> formFields = new LinkedHashMap<>();
        byte[] body;
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            readParts(request, formFields, max);
            body = new byte[0];
        } else {
            body = readBody(request, max);
        }
        return new WebhookRequest(headers(request), queryParameters(request.getQueryString()), contentType, body,
            formFields);
    }

    /** At most {@code max} bytes of the body; a 413 past that, whatever Content-Length said. */
    private static byte[] readBody(HttpServletRequest request, long max) {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw tooLarge(max);
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.invalid("the body cannot be read: " + e.getMessage());
        }
    }

    /** The text fields of a multipart form; files have no place in trigger variables. */
    private static void readParts(HttpServletRequest request, Map<String, List<String>> fields, long max) {
        long total = 0;
        try {
            for (Part part : request.getParts()) {
                if (part.getSubmittedFileName() != null) {
                    throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "a webhook takes no file parts (part '"
                        + part.getName() + "'); send the content as the body instead");
                }
                total += part.getSize();
                if (total > max) {
                    throw tooLarge(max);
                }
                fields.computeIfAbsent(part.getName(), n -> new ArrayList<>())
                    .add(new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException | ServletException | IllegalStateException e) {
            throw ApiException.invalid("the multipart body cannot be read: " + e.getMessage());
        }
    }

    private static ApiException tooLarge(long max) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + max
            + " bytes (millrace.webhook.max-body-size)");
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, List.copyOf(Collections.list(request.getHeaders(name))));
        }
        return headers;
    }

    /**
     * The query string's parameters. Read from the query string itself: asking the servlet for its
     * parameters would read a form body too, which is the flow's {@code trigger.body}.
     */
    static Map<String, List<String>> queryParameters(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("the query string is not URL-encoded");
        }
    }
}
