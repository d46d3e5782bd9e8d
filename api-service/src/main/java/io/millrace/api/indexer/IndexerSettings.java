package io.millrace.api.indexer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the indexer ({@code millrace.indexer.*}); see {@code docs/configuration.md}.
 *
 * @param enabled       whether this api process indexes (several api processes share the work as one group)
 * @param bulkSize      documents per bulk request at most
 * @param flushInterval how long a document may wait for its bulk
 * @param retryBackoff  the pause before a failed bulk is sent again
 * @param logRetention  how long log lines stay in the store (by their timestamp); 0 keeps them
 * @param metricRetention how long metrics stay in the store (by their timestamp); 0 keeps them
 * @param retentionCheckInterval how often lines and metrics past their retention are deleted
 */
@ConfigurationProperties("millrace.indexer")
public record IndexerSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("500") int bulkSize,
    @DefaultValue("250ms") Duration flushInterval,
    @DefaultValue("1s") Duration retryBackoff,
    @DefaultValue("30d") Duration logRetention,
    @DefaultValue("30d") Duration metricRetention,
    @DefaultValue("1h") Duration retentionCheckInterval
) {
}
