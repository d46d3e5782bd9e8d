package io.millrace.tasks.http;

import io.millrace.plugin.Prop;

import java.time.Duration;
import java.util.List;

/**
 * The {@code options} of an HTTP {@link Request}: timeouts, redirects, which status codes count as
 * success, basic authentication and the largest response body kept.
 */
public record RequestOptions(
    @Prop("Longest time to establish the connection (no limit by default).")
    Duration connectTimeout,

    @Prop("Longest time to wait for the response headers once the request is sent (default PT10S).")
    Duration readTimeout,

    @Prop("Follow 3xx redirects, except from https to http (default true).")
    Boolean followRedirects,

    @Prop("Succeed whatever the status code (default false).")
    Boolean allowFailed,

    @Prop("Status codes that count as success; when set, any other code fails (default: any 2xx).")
    List<Integer> allowedResponseCodes,

    @Prop(value = "User name for HTTP basic authentication.", dynamic = true)
    String basicAuthUser,

    @Prop(value = "Password for HTTP basic authentication; never logged.", dynamic = true)
    String basicAuthPassword,

    @Prop("Largest response body kept, in bytes (default 10 MiB); a larger one fails the task.")
    Integer maxContentLength
) {

    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_CONTENT_LENGTH = 10 * 1024 * 1024;

    /** No options set: every default applies. */
    static final RequestOptions DEFAULTS = new RequestOptions(null, null, null, null, null, null, null, null);

    Duration effectiveReadTimeout() {
        return readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
    }

    boolean effectiveFollowRedirects() {
        return followRedirects == null || followRedirects;
    }

    int effectiveMaxContentLength() {
        return maxContentLength == null ? DEFAULT_MAX_CONTENT_LENGTH : maxContentLength;
    }
}
