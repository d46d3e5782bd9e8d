package io.millrace.api.limits;

import io.millrace.api.web.webhooks.WebhookController;
import io.millrace.serde.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses a request body over its limit with a 413 before anything reads it: on its Content-Length
 * alone when it has one, else (a chunked body) after reading one byte more than the limit. Single-flow
 * endpoints take {@code millrace.api.max-flow-size}, every other body {@code millrace.api.max-request-size};
 * multipart uploads, URL-encoded forms and webhooks keep their own limits (Spring's multipart sizes,
 * Tomcat's form size, {@code millrace.webhook.max-body-size}).
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

    /** {@code PUT /api/v1/flows/{namespace}/{id}}. */
    private static final Pattern FLOW_UPDATE = Pattern.compile("/api/v1/flows/[^/]+/[^/]+/?");
    private static final AntPathMatcher PATHS = new AntPathMatcher();
    private static final Set<String> MAY_HAVE_BODY = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ApiLimits limits;

    RequestBodyLimitFilter(ApiLimits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/") || type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            return true;
        }
        String path = path(request);
        for (String webhook : WebhookController.PATHS) {
            if (PATHS.match(webhook, path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        boolean flow = isFlowSource(request);
        long max = flow ? limits.maxFlowSize().toBytes() : limits.maxRequestSize().toBytes();
        long length = request.getContentLengthLong();
        if (length > max) {
            refuse(response, "the body is " + length + " bytes", max, flow);
            return;
        }
        if (length < 0 && MAY_HAVE_BODY.contains(request.getMethod())) {
            // no length announced (chunked): read at most one byte past the limit, then hand the bytes on
            byte[] body;
            try (InputStream in = request.getInputStream()) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            }
            if (body.length > max) {
                refuse(response, "the body is larger than that", max, flow);
                return;
            }
            chain.doFilter(new ReadBody(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the request carries a single flow source: creating or updating one flow. */
    private static boolean isFlowSource(HttpServletRequest request) {
        String path = path(request);
        return switch (request.getMethod()) {
            case "POST" -> path.equals("/api/v1/flows") || path.equals("/api/v1/flows/");
            case "PUT" -> FLOW_UPDATE.matcher(path).matches();
            default -> false;
        };
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static void refuse(HttpServletResponse response, String what, long max, boolean flow) throws IOException {
        String message = flow
            ? what + ": a flow source may have at most " + max + " bytes (millrace.api.max-flow-size)"
            : what + ": a request body may have at most " + max + " bytes (millrace.api.max-request-size)";
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        // the rest of the body is not read: the connection cannot carry another request
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Json.write(Map.of("message", message)));
    }

    /** The request with its body already read. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
