package io.millrace.template;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets from {@code SECRET_<KEY>} environment variables holding Base64 values (the convention of
 * Kestra's open-source edition), plus values given explicitly, which win. The same for every namespace.
 */
public final class EnvironmentSecrets implements SecretProvider {

    static final String PREFIX = "SECRET_";

    private final Map<String, String> environment;
    private final Map<String, String> explicit;

    /** Secrets from this process's environment only. */
    public EnvironmentSecrets() {
        this(System.getenv(), Map.of());
    }

    /** Secrets from this process's environment and from {@code explicit} (plain values, not Base64). */
    public EnvironmentSecrets(Map<String, String> explicit) {
        this(System.getenv(), explicit);
    }

    /** Secrets from the given environment variables and from {@code explicit}; lets tests inject an environment. */
    public EnvironmentSecrets(Map<String, String> environment, Map<String, String> explicit) {
        this.environment = Map.copyOf(environment);
        this.explicit = Map.copyOf(explicit);
    }

    /**
     * {@code key} as given, else in upper case ({@code secret('api_token')} finds {@code SECRET_API_TOKEN},
     * since environment variables are upper case by custom).
     */
    @Override
    public Optional<String> secret(String namespace, String key) {
        String value = explicit.get(key);
        if (value != null) {
            return Optional.of(value);
        }
        String name = PREFIX + key;
        String encoded = environment.get(name);
        if (encoded == null) {
            name = PREFIX + key.toUpperCase(Locale.ROOT);
            encoded = environment.get(name);
        }
        return encoded == null ? Optional.empty() : Optional.of(decode(name, encoded));
    }

    private static String decode(String variable, String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded.replaceAll("\\s+", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // never the value itself in the message: it is a secret, even when malformed
            throw new IllegalStateException("environment variable " + variable + " is not valid Base64", e);
        }
    }
}
