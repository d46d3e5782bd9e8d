package io.millrace.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Which web origins and host names the API trusts beyond its own ({@code millrace.security.*}, next
 * to {@link SecuritySettings}); see {@code docs/configuration.md} and {@link BrowserDefences}.
 *
 * @param allowedOrigins origins ({@code https://ui.example.com}) whose pages may change things here,
 *                       besides the API's own origin
 * @param allowedHosts   host names the API answers to besides localhost and IP addresses; when set,
 *                       checked whatever address the API listens on
 */
@ConfigurationProperties("millrace.security")
public record BrowserSettings(
    @DefaultValue List<String> allowedOrigins,
    @DefaultValue List<String> allowedHosts
) {
}
