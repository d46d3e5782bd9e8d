package io.millrace.api.security;

import io.millrace.serde.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Keeps the web pages a user visits from using the API through the user's browser, in every
 * deployment and whether or not credentials are configured. A page of another site can send a
 * browser to the API (a form post, a {@code fetch} in {@code no-cors} mode) without asking first; it
 * cannot set headers other than a few, nor hide where it comes from. So, before any controller and
 * before authentication:
 * <ul>
 *   <li>a request whose {@code Host} is a name the API does not know is refused with 421 when it listens on
 *       loopback only, or when {@code millrace.security.allowed-hosts} is set: a page that renamed
 *       itself onto 127.0.0.1 (DNS rebinding) sends its own name;</li>
 *   <li>a request that changes something (any method but GET, HEAD, OPTIONS, TRACE) is refused with 403 when
 *       the browser says it comes from another origin ({@code Origin}) or another site
 *       ({@code Sec-Fetch-Site}), unless that origin is in {@code millrace.security.allowed-origins};</li>
 *   <li>such a request with a body a page may send cross-site without a preflight ({@code text/plain},
 *       a form, a multipart form) is refused with 415 unless its handler is marked
 *       {@link AcceptsSimpleBodies} (uploads, webhooks).</li>
 * </ul>
 * Callers that are not browsers (curl, the CLI, GitHub) send none of these headers and are let through.
 */
public final class BrowserDefences extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(BrowserDefences.class);

    /** Bodies a page may send to any site without a CORS preflight (the Fetch standard's safelist). */
    static final Set<String> SIMPLE_BODIES = Set.of("text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Open whatever the Host: Kubernetes probes name the pod by its address, load balancers by theirs. */
    private static final String HEALTH = "/api/v1/health";

    private final Set<String> allowedOrigins = new HashSet<>();
    private final Set<String> allowedHosts = new HashSet<>();
    private final boolean loopbackOnly;
    private final boolean checkHost;
    private final Supplier<HandlerMapping> handlers;

    /**
     * @param loopbackOnly whether the API listens on a loopback address only ({@code server.address})
     * @param handlers     Spring MVC's request mappings, to find a request's handler
     */
    public BrowserDefences(BrowserSettings settings, boolean loopbackOnly, Supplier<HandlerMapping> handlers) {
        for (int i = 0; i < settings.allowedOrigins().size(); i++) {
            String origin = settings.allowedOrigins().get(i);
            String normal = normalOrigin(origin);
            if (normal == null) {
                throw new IllegalArgumentException("millrace.security.allowed-origins[" + i + "] '" + origin
                    + "' is not an origin such as https://ui.example.com (scheme, host and optional port, no path)");
            }
            allowedOrigins.add(normal);
        }
        for (String host : settings.allowedHosts()) {
            allowedHosts.add(hostName(host.trim()));
        }
        this.loopbackOnly = loopbackOnly;
        this.checkHost = loopbackOnly || !allowedHosts.isEmpty();
        this.handlers = handlers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        String refusal = hostRefusal(request);
        if (refusal != null) {
            refuse(request, response, 421, refusal);
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            refusal = originRefusal(request);
            if (refusal != null) {
                refuse(request, response, 403, refusal);
                return;
            }
            String type = essence(request.getContentType());
            if (SIMPLE_BODIES.contains(type) && !acceptsSimpleBodies(request)) {
                refuse(request, response, 415, "Content-Type " + type + " is not taken here: send "
                    + "application/x-yaml (a flow) or application/json. Only uploads and webhooks take text/plain, "
                    + "form and multipart bodies, which a web page of any site can send through a browser");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private String hostRefusal(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.HOST);
        if (!checkHost || header == null || HEALTH.equals(path(request))) {
            return null;
        }
        String name = hostName(header);
        // a page renamed onto this address sends its own name; an address in Host cannot come from a rebinding
        if (name.equals("localhost") || isAddress(name) || allowedHosts.contains(name)) {
            return null;
        }
        return "Host '" + name + "' is not a name of this server" + (loopbackOnly
            ? ": it listens on this machine only (loopback), where a web page may reach it by DNS rebinding. Call it as "
            + "localhost or 127.0.0.1, or add the name to millrace.security.allowed-hosts"
            : "; add it to millrace.security.allowed-hosts if it is");
    }

    private String originRefusal(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && allowedOrigins.contains(normalOrigin(origin))) {
            return null;
        }
        String own = origin(request.getScheme(), request.getServerName(), request.getServerPort());
        if (origin != null && !own.equals(normalOrigin(origin))) {
            return "cross-origin request refused: Origin '" + origin + "' is neither this server's (" + own
                + ") nor in millrace.security.allowed-origins; a web page of another site may not change anything here";
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site)) {
            return "request refused: the browser says it comes from a page of another " + ("cross-site"
                .equalsIgnoreCase(site) ? "site" : "origin") + " (Sec-Fetch-Site: " + site + "); add that page's origin "
                + "to millrace.security.allowed-origins if it is trusted";
        }
        return null;
    }

    /** Whether the handler of the request is marked {@link AcceptsSimpleBodies}; false when none takes it. */
    private boolean acceptsSimpleBodies(HttpServletRequest request) {
        // looked up on a copy of the attributes: the dispatcher does the lookup again on the request itself
        HttpServletRequest probe = new AttributeOverlay(request);
        try {
            ServletRequestPathUtils.parseAndCache(probe);
            HandlerExecutionChain chain = handlers.get().getHandler(probe);
            return chain != null && chain.getHandler() instanceof HandlerMethod method
                && method.hasMethodAnnotation(AcceptsSimpleBodies.class);
        } catch (Exception noHandler) {
            // no handler takes this method or type at this path: nothing here takes a simple body
            return false;
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message)
        throws IOException {
        LOG.debug("{} {} refused ({}): {}", request.getMethod(), request.getRequestURI(), status, message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("status", status);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** The media type without its parameters, in lower case ({@code text/plain; charset=utf-8} → {@code text/plain}). */
    static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The host name of a Host header or an allowed-hosts entry: no port, lower case, no trailing dot. */
    static String hostName(String host) {
        String name = host;
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            name = end < 0 ? name : name.substring(0, end + 1);
        } else if (name.indexOf(':') >= 0 && name.indexOf(':') == name.lastIndexOf(':')) {
            name = name.substring(0, name.indexOf(':'));
        }
        name = name.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static boolean isAddress(String name) {
        return IPV4.matcher(name).matches() || name.startsWith("[");
    }

    /** {@code scheme://host[:port]} in lower case, without the scheme's default port; null when not an origin. */
    static String normalOrigin(String text) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return null;
            }
            return origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** The request with attributes of its own on top of the request's, which it leaves as they are. */
    private static final class AttributeOverlay extends HttpServletRequestWrapper {

        private final Map<String, Object> set = new HashMap<>();
        private final Set<String> removed = new HashSet<>();

        AttributeOverlay(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            if (set.containsKey(name)) {
                return set.get(name);
            }
            return removed.contains(name) ? null : super.getAttribute(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            Set<String> names = new HashSet<>(Collections.list(super.getAttributeNames()));
            names.removeAll(removed);
            names.addAll(set.keySet());
            return Collections.enumeration(List.copyOf(names));
        }

        @Override
        public void setAttribute(String name, Object value) {
            if (value == null) {
                removeAttribute(name);
                return;
            }
            set.put(name, value);
            removed.remove(name);
        }

        @Override
        public void removeAttribute(String name) {
            set.remove(name);
            removed.add(name);
        }
    }
}
