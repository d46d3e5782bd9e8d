package io.millrace.tasks.http;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.RunnableTask;
import io.millrace.tasks.Task;
import io.millrace.tasks.TaskFailure;
import io.millrace.tasks.TaskOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one HTTP request with the JDK's {@link HttpClient} and exposes the response as outputs
 * ({@code uri}, {@code code}, {@code headers}, {@code body}). A status other than 2xx (or than
 * {@code options.allowedResponseCodes}) fails the task unless failures are allowed. Header values
 * are never logged: they often carry credentials.
 */
@Plugin(id = "io.millrace.core.http.Request",
    aliases = {"io.kestra.plugin.core.http.Request", "io.kestra.plugin.fs.http.Request"},
    title = "Send an HTTP request and expose the response code, headers and body as outputs.",
    example = """
        id: create_order
        type: io.millrace.core.http.Request
        uri: "https://api.example.com/orders"
        method: POST
        headers:
          Authorization: "Bearer {{ secret('API_TOKEN') }}"
        body: '{"item": "{{ inputs.item }}"}'
        options:
          readTimeout: PT30S
        """)
public final class Request extends Task implements RunnableTask {

    private static final int EXCERPT_LENGTH = 200;

    @Prop(value = "The URL to call (http or https).", required = true, dynamic = true)
    private String uri;

    @Prop(value = "The HTTP method (default GET); any verb the server accepts, e.g. PATCH or PROPFIND.", dynamic = true)
    private String method;

    @Prop(value = "Request headers; a list value sends the header once per item. Values are never logged.", dynamic = true)
    private Map<String, Object> headers;

    @Prop(value = "The request body, sent as is.", dynamic = true)
    private String body;

    @Prop(value = "Form fields sent as the body: URL-encoded, or multipart when contentType is multipart/form-data.",
        dynamic = true)
    private Map<String, Object> formData;

    @Prop(value = "Content-Type of the body (default application/json for body, "
        + "application/x-www-form-urlencoded for formData).", dynamic = true)
    private String contentType;

    @Prop("Timeouts, redirects, accepted status codes, basic authentication and response size limit.")
    private RequestOptions options;

    @Prop("Succeed whatever the status code (older spelling of options.allowFailed).")
    private Boolean allowFailed;

    public Request() {
    }

    /** A request made of an HTTP trigger's properties: the trigger sends it through this task's client. */
    Request(String uri, String method, Map<String, Object> headers, String body, Map<String, Object> formData,
            String contentType, RequestOptions options) {
        this.uri = uri;
        this.method = method;
        this.headers = headers;
        this.body = body;
        this.formData = formData;
        this.contentType = contentType;
        this.options = options;
    }

    @Override
    public TaskOutcome run(RunContext context) throws IOException, InterruptedException {
        RequestOptions opts = options == null ? RequestOptions.DEFAULTS : options;
        URI target = target(context.render(uri));
        String verb = verb(context.render(method));
        String shown = verb + " " + display(target);
        HttpRequest request = request(context, target, verb, opts);
        context.logger().debug(shown + " with headers " + request.headers().map().keySet());

        long started = System.nanoTime();
        HttpClient client = client(opts);
        try {
            HttpResponse<InputStream> response = send(client, request, shown, opts);
            byte[] bytes = readBody(response, shown, opts.effectiveMaxContentLength());
            String text = new String(bytes, charset(response));
            int code = response.statusCode();
            context.logger().info(shown + " -> " + code + " (" + bytes.length + " bytes in "
                + (System.nanoTime() - started) / 1_000_000 + " ms)");
            if (!isAccepted(code, opts)) {
                throw new TaskFailure("HTTP " + code + " from " + shown + ": " + excerpt(text));
            }
            Map<String, Object> outputs = new LinkedHashMap<>();
            outputs.put("uri", target.toString());
            outputs.put("code", code);
            outputs.put("headers", responseHeaders(response));
            outputs.put("body", text);
            return TaskOutcome.of(outputs);
        } finally {
            // never close(): it waits for pending exchanges, which an interrupted request may still have
            client.shutdownNow();
        }
    }

    private static URI target(String rendered) {
        URI parsed;
        try {
            parsed = URI.create(rendered == null ? "" : rendered.strip());
        } catch (IllegalArgumentException e) {
            throw new TaskFailure("uri '" + rendered + "' is not a valid URL: " + e.getMessage());
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
            throw new TaskFailure("uri '" + rendered + "' must be an absolute http or https URL");
        }
        return parsed;
    }

    private static String verb(String rendered) {
        return rendered == null || rendered.isBlank() ? "GET" : rendered.strip().toUpperCase(Locale.ROOT);
    }

    private HttpRequest request(RunContext context, URI target, String verb, RequestOptions opts) {
        Map<String, Object> renderedHeaders = context.renderMap(headers);
        String type = context.render(contentType);
        BodyPublisher publisher = BodyPublishers.noBody();
        String defaultType = null;
        if (body != null && formData != null) {
            throw new TaskFailure("set either body or formData, not both");
        }
        if (body != null) {
            publisher = BodyPublishers.ofString(context.render(body), StandardCharsets.UTF_8);
            defaultType = "application/json";
        } else if (formData != null) {
            FormBody form = FormBody.of(context.renderMap(formData), type);
            publisher = BodyPublishers.ofByteArray(form.bytes());
            type = form.contentType();
        }

        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(opts.effectiveReadTimeout());
        if (target.getScheme().equalsIgnoreCase("http")) {
            // plain HTTP/2 would mean an h2c upgrade on every request, which some servers mishandle
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        try {
            builder.method(verb, publisher);
        } catch (IllegalArgumentException e) {
            throw new TaskFailure("method '" + verb + "' is not a valid HTTP method");
        }
        boolean typeInHeaders = false;
        for (Map.Entry<String, Object> h : renderedHeaders.entrySet()) {
            typeInHeaders |= h.getKey().equalsIgnoreCase("Content-Type");
            for (Object value : h.getValue() instanceof List<?> list ? list : List.of(String.valueOf(h.getValue()))) {
                addHeader(builder, h.getKey(), String.valueOf(value));
            }
        }
        if (type != null) {
            builder.setHeader("Content-Type", type);
        } else if (defaultType != null && !typeInHeaders) {
            builder.setHeader("Content-Type", defaultType);
        }
        String user = context.render(opts.basicAuthUser());
        if (user != null) {
            String password = context.render(opts.basicAuthPassword());
            String token = user + ":" + (password == null ? "" : password);
            builder.setHeader("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    private static void addHeader(HttpRequest.Builder builder, String name, String value) {
        try {
            builder.header(name, value);
        } catch (IllegalArgumentException e) {
            // the JDK's message may quote the value; only the name is safe to show
            throw new TaskFailure("header '" + name + "' cannot be sent: it is set by the HTTP client, "
                + "or its name or value is not valid");
        }
    }

    private static HttpClient client(RequestOptions opts) {
        HttpClient.Builder builder = HttpClient.newBuilder()
            .followRedirects(opts.effectiveFollowRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (opts.connectTimeout() != null) {
            builder.connectTimeout(opts.connectTimeout());
        }
        return builder.build();
    }

    /** Sends the request; the JDK cancels the exchange when the thread is interrupted (kill, timeout). */
    private static HttpResponse<InputStream> send(HttpClient client, HttpRequest request, String shown,
                                                  RequestOptions opts) throws InterruptedException {
        try {
            return client.send(request, BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new TaskFailure(shown + ": no connection within connectTimeout " + opts.connectTimeout());
        } catch (HttpTimeoutException e) {
            throw new TaskFailure(shown + ": no response within readTimeout " + opts.effectiveReadTimeout());
        } catch (ConnectException e) {
            throw new TaskFailure(shown + ": cannot connect" + detail(e));
        } catch (IOException e) {
            throw new TaskFailure(shown + ": request failed" + detail(e), e);
        }
    }

    private static byte[] readBody(HttpResponse<InputStream> response, String shown, int max) throws IOException {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new TaskFailure(shown + ": response body is larger than options.maxContentLength ("
                    + max + " bytes)");
            }
            return bytes;
        }
    }

    private boolean isAccepted(int code, RequestOptions opts) {
        if (Boolean.TRUE.equals(allowFailed) || Boolean.TRUE.equals(opts.allowFailed())) {
            return true;
        }
        if (opts.allowedResponseCodes() != null) {
            return opts.allowedResponseCodes().contains(code);
        }
        return code >= 200 && code < 300;
    }

    private static Map<String, List<String>> responseHeaders(HttpResponse<?> response) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) { // HTTP/2 pseudo-headers such as :status
                result.put(name, List.copyOf(values));
            }
        });
        return result;
    }

    private static Charset charset(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        for (String param : type.split(";")) {
            String p = param.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    return Charset.forName(p.substring(8).replace("\"", "").strip());
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The URL without user info and query string, which may carry credentials. */
    static String display(URI target) {
        StringBuilder s = new StringBuilder(target.getScheme()).append("://").append(target.getHost());
        if (target.getPort() >= 0) {
            s.append(':').append(target.getPort());
        }
        s.append(target.getRawPath() == null ? "" : target.getRawPath());
        if (target.getRawQuery() != null) {
            s.append("?…");
        }
        return s.toString();
    }

    private static String excerpt(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return "(empty body)";
        }
        return oneLine.length() <= EXCERPT_LENGTH ? oneLine : oneLine.substring(0, EXCERPT_LENGTH) + "…";
    }

    private static String detail(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? " (" + e.getClass().getSimpleName() + ")"
            : ": " + e.getMessage();
    }
}
