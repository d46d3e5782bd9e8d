package io.millrace.api.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Limits of the webhook endpoint ({@code millrace.webhook.*}); see {@code docs/configuration.md}.
 *
 * @param maxBodySize the largest request body accepted; a larger one is a 413
 * @param waitTimeout how long a trigger with {@code wait: true} holds the request open for the end
 *                    of its execution before it answers 504 (the execution goes on)
 */
@ConfigurationProperties("millrace.webhook")
public record WebhookSettings(
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("10m") Duration waitTimeout
) {
}
