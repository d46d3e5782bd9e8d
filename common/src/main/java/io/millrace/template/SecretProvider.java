package io.millrace.template;

import java.util.Optional;

/** Where {@code secret('NAME')} reads secret values from. Values must never be logged or returned by an API. */
public interface SecretProvider {

    /** The secret {@code key} as seen from flows of {@code namespace}, if it exists. */
    Optional<String> secret(String namespace, String key);

    /** A provider with no secrets. */
    static SecretProvider none() {
        return (namespace, key) -> Optional.empty();
    }
}
