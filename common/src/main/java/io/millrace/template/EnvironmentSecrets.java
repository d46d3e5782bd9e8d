package io.millrace.template;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets from {@code SECRET_<KEY>} environment variables holding Base64 values (the convention of
 * Kestra's open-source edition) and values given explicitly, which win: both global, seen from every
 * namespace. Plus namespace-scoped values, keyed {@code <namespace>.<KEY>}: a flow of {@code a.b.c}
 * sees those of {@code a.b.c}, {@code a.b} and {@code a} (the nearest wins over farther ones and over
 * global ones), never those of a sibling ({@code a.b.d}) or a child.
 */
public final class EnvironmentSecrets implements SecretProvider {

    static final String PREFIX = "SECRET_";

    private final Map<String, String> environment;
    private final Map<String, String> explicit;
    private final Map<String, String> namespaced;

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
        this(environment, explicit, Map.of());
    }

    /**
     * Secrets from the given environment, global {@code explicit} values, and {@code namespaced} values
     * keyed {@code <namespace>.<KEY>} (plain, not Base64).
     */
    public EnvironmentSecrets(Map<String, String> environment, Map<String, String> explicit,
                              Map<String, String> namespaced) {
        this.environment = Map.copyOf(environment);
        this.explicit = Map.copyOf(explicit);
        this.namespaced = Map.copyOf(namespaced);
    }

    /**
     * {@code key} as given, else in upper case ({@code secret('api_token')} finds {@code SECRET_API_TOKEN},
     * since environment variables are upper case by custom).
     */
    @Override
    public Optional<String> secret(String namespace, String key) {
        Optional<String> scoped = scoped(namespace, key);
        if (scoped.isPresent()) {
            return scoped;
        }
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

    /**
     * The value of the nearest of {@code namespace} and its parents that has one. A key with a dot is
     * never looked up here: {@code secret('c.KEY')} from {@code a.b} must not reach {@code a.b.c}'s KEY.
     */
    private Optional<String> scoped(String namespace, String key) {
        if (namespaced.isEmpty() || namespace == null || key.contains(".")) {
            return Optional.empty();
        }
        for (String scope = namespace; !scope.isEmpty(); scope = parent(scope)) {
            String value = namespaced.get(scope + "." + key);
            if (value == null) {
                value = namespaced.get(scope + "." + key.toUpperCase(Locale.ROOT));
            }
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static String parent(String namespace) {
        int dot = namespace.lastIndexOf('.');
        return dot < 0 ? "" : namespace.substring(0, dot);
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
