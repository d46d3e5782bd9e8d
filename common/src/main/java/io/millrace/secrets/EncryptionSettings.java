package io.millrace.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The key SECRET input values are encrypted with ({@code millrace.encryption.key*}); the
 * api, the executor and the workers must share it. See {@code docs/configuration.md}.
 *
 * @param key          base64 of 32 random bytes
 * @param keyFile      a file holding that base64 text, read when {@code key} is not given
 * @param previousKeys older keys, still accepted to open values sealed before a rotation
 */
@ConfigurationProperties("millrace.encryption")
public record EncryptionSettings(String key, Path keyFile, List<String> previousKeys) {

    public EncryptionSettings {
        previousKeys = previousKeys == null ? List.of() : List.copyOf(previousKeys);
    }

    /** No key: SECRET inputs are refused. */
    public static final EncryptionSettings NONE = new EncryptionSettings(null, null, List.of());

    /**
     * The cipher these settings describe ({@link SecretCipher#none()} without a key).
     *
     * @throws IllegalStateException naming the setting when a key is not valid or its file cannot be read
     */
    public SecretCipher cipher() {
        byte[] current;
        if (key != null && !key.isBlank()) {
            current = decode(key, SecretCipher.KEY_SETTING);
        } else if (keyFile != null) {
            current = read(keyFile);
        } else {
            return SecretCipher.none();
        }
        List<byte[]> previous = new ArrayList<>();
        for (int i = 0; i < previousKeys.size(); i++) {
            previous.add(decode(previousKeys.get(i), "millrace.encryption.previous-keys[" + i + "]"));
        }
        try {
            return SecretCipher.of(current, previous);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("millrace.encryption: " + e.getMessage());
        }
    }

    /** The key in {@code file} (base64 text, surrounding blanks ignored). */
    static byte[] read(Path file) {
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII), SecretCipher.KEY_SETTING + "-file " + file);
        } catch (IOException e) {
            throw new IllegalStateException(SecretCipher.KEY_SETTING + "-file: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String base64, String where) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // never the value in the message: it is the key
            throw new IllegalStateException(where + " is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(where + " must be the base64 of 32 bytes, not of " + key.length
                + " (make one with `openssl rand -base64 32`)");
        }
        return key;
    }
}
