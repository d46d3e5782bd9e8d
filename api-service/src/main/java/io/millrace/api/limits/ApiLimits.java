package io.millrace.api.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * What one request may ask of the api ({@code millrace.api.*}); see {@code docs/configuration.md}
 * and the request limits of {@code docs/security.md}.
 *
 * @param maxFlowSize         the largest flow source: a body of a single-flow endpoint, or one document
 *                            of a multi-document body; larger is a 413 before any parsing
 * @param maxRequestSize      the largest body of any other request but multipart uploads and webhooks
 *                            (which have their own limits); larger is a 413
 * @param maxPageSize         the largest {@code size} of a search or list page; larger is a 422
 * @param maxResultWindow     how deep paging may reach ({@code page * size}); the search store's own
 *                            window ({@code index.max_result_window}, 10,000 by default); deeper is a 422
 * @param maxFollowsPerClient live follows (Server-Sent Events) one client may hold open at once; more is a 429
 * @param followHeartbeat     how often an idle follow sends a comment, which is how a client that went
 *                            away is noticed and its follow freed
 */
@ConfigurationProperties("millrace.api")
public record ApiLimits(
    @DefaultValue("1MB") DataSize maxFlowSize,
    @DefaultValue("10MB") DataSize maxRequestSize,
    @DefaultValue("1000") int maxPageSize,
    @DefaultValue("10000") int maxResultWindow,
    @DefaultValue("20") int maxFollowsPerClient,
    @DefaultValue("15s") Duration followHeartbeat
) {

    public ApiLimits {
        if (maxFlowSize.toBytes() < 1 || maxRequestSize.toBytes() < 1) {
            throw new IllegalArgumentException("millrace.api.max-flow-size and max-request-size must be positive");
        }
        if (maxPageSize < 1 || maxResultWindow < maxPageSize) {
            throw new IllegalArgumentException("millrace.api.max-page-size must be at least 1 and at most"
                + " millrace.api.max-result-window (got " + maxPageSize + " and " + maxResultWindow + ")");
        }
        if (maxFollowsPerClient < 1) {
            throw new IllegalArgumentException("millrace.api.max-follows-per-client must be at least 1");
        }
        if (followHeartbeat.isNegative() || followHeartbeat.isZero()) {
            throw new IllegalArgumentException("millrace.api.follow-heartbeat must be positive");
        }
    }

    /** The limits as they are unless configured. */
    public static ApiLimits defaults() {
        return new ApiLimits(DataSize.ofMegabytes(1), DataSize.ofMegabytes(10), 1000, 10_000, 20, Duration.ofSeconds(15));
    }
}
