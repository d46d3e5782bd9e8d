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
 * The key SECRET input values are encrypted with ({@code millrace.security.encryption-key*}); the
 * api, the executor and the workers must share it. See {@code docs/configuration.md}.
 *
 * @param encryptionKey          base64 of 32 random bytes
 * @param encryptionKeyFile      a file holding that base64 text, read when {@code encryptionKey} is not given
 * @param previousEncryptionKeys older keys, still accepted to open values sealed before a rotation
 */
@ConfigurationProperties("millrace.security")
public record EncryptionSettings(String encryptionKey, Path encryptionKeyFile, List<String> previousEncryptionKeys) {

    public EncryptionSettings {
        previousEncryptionKeys = previousEncryptionKeys == null ? List.of() : List.copyOf(previousEncryptionKeys);
    }

    /** No key: SECRET inputs are refused. */
    public static final EncryptionSettings NONE = new EncryptionSettings(null, null, List.of());

    /**
     * The cipher these settings describe ({@link SecretCipher#none()} without a key).
     *
     * @throws IllegalStateException naming the setting when a key is not valid or its file cannot be read
     */
    public SecretCipher cipher() {
        byte[] key;
        if (encryptionKey != null && !encryptionKey.isBlank()) {
            key = decode(encryptionKey, SecretCipher.KEY_SETTING);
        } else if (encryptionKeyFile != null) {
            key = read(encryptionKeyFile);
        } else {
            return SecretCipher.none();
        }
        List<byte[]> previous = new ArrayList<>();
        for (int i = 0; i < previousEncryptionKeys.size(); i++) {
            previous.add(decode(previousEncryptionKeys.get(i), "millrace.security.previous-encryption-keys[" + i + "]"));
        }
        try {
            return SecretCipher.of(key, previous);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("millrace.security: " + e.getMessage());
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
