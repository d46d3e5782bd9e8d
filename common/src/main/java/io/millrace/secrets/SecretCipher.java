package io.millrace.secrets;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encrypts the values of SECRET inputs before they go into any record, and decrypts them where a
 * task runs. AES-256-GCM from the JDK, a random 96-bit nonce per value, and the id of the key in
 * clear in front, so that a new key can take over while values sealed with an older one still open.
 *
 * <p>A sealed value is the text {@code millrace:encrypted:v1:<key id>:<base64 of nonce and ciphertext>};
 * the prefix and key id are authenticated with it. It is bound to no execution, so that a replay,
 * a restart or a subflow given {@code {{ inputs.pw }}} carries it on unchanged.
 */
public final class SecretCipher {

    /** What every sealed value starts with. */
    public static final String PREFIX = "millrace:encrypted:v1:";

    /** The setting an operator must give for SECRET inputs to be accepted. */
    public static final String KEY_SETTING = "millrace.encryption.key";

    private static final String ALGORITHM = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SecretCipher NONE = new SecretCipher(null, Map.of());

    private final String currentId;
    private final Map<String, SecretKeySpec> keys;

    private SecretCipher(String currentId, Map<String, SecretKeySpec> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    /** A cipher without a key: it seals nothing and opens nothing, and says which setting is missing. */
    public static SecretCipher none() {
        return NONE;
    }

    /**
     * A cipher sealing with {@code key} and opening values sealed with it or with any of {@code previous}.
     *
     * @throws IllegalArgumentException when a key is not 32 bytes
     */
    public static SecretCipher of(byte[] key, List<byte[]> previous) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        String current = add(keys, key);
        for (byte[] old : previous) {
            add(keys, old);
        }
        return new SecretCipher(current, Map.copyOf(keys));
    }

    /** A cipher with a fresh random key, for one process that keeps nothing (the in-process harness). */
    public static SecretCipher ephemeral() {
        return of(newKey(), List.of());
    }

    /** 32 random bytes, a new key. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    private static String add(Map<String, SecretKeySpec> keys, byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an encryption key must be 32 bytes (base64 of 32 random bytes), not "
                + (key == null ? "empty" : key.length + " bytes"));
        }
        String id = keyId(key);
        keys.putIfAbsent(id, new SecretKeySpec(key, "AES"));
        return id;
    }

    /** Eight hex digits of a hash of the key: names it without revealing it. */
    static String keyId(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("millrace key id:".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Whether this cipher has a key to seal with. */
    public boolean hasKey() {
        return currentId != null;
    }

    /** The id of the key new values are sealed with, or null without a key. */
    public String keyId() {
        return currentId;
    }

    /** Whether {@code value} is a sealed value (of any key). */
    public static boolean isSealed(Object value) {
        return value instanceof String s && s.startsWith(PREFIX);
    }

    /**
     * Seals {@code clear}; a value already sealed is returned unchanged.
     *
     * @throws MissingKey when this cipher has no key
     */
    public String seal(String clear) {
        if (isSealed(clear)) {
            return clear;
        }
        if (currentId == null) {
            throw new MissingKey();
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        String head = PREFIX + currentId + ":";
        try {
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(head.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return head + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * The clear text of a sealed value; any other value is returned unchanged.
     *
     * @throws CannotOpen when the value names a key this cipher lacks, or was altered; never with the value in the message
     */
    public String open(String value) {
        if (!isSealed(value)) {
            return value;
        }
        String rest = value.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new CannotOpen("a sealed value is malformed (no key id)");
        }
        String id = rest.substring(0, colon);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new CannotOpen(currentId == null
                ? "a SECRET value is encrypted, and this process has no encryption key: set " + KEY_SETTING
                    + " (or " + KEY_SETTING + "-file) to the key the api and executor use"
                : "a SECRET value is encrypted with key " + id + ", which this process does not have (its key is "
                    + currentId + "): give the older key in millrace.encryption.previous-keys");
        }
        try {
            byte[] in = Base64.getDecoder().decode(rest.substring(colon + 1));
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new CannotOpen("a sealed value is malformed (too short)");
            }
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD((PREFIX + id + ":").getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new CannotOpen("a SECRET value encrypted with key " + id + " does not authenticate: it was altered");
        } catch (IllegalArgumentException e) {
            throw new CannotOpen("a sealed value is malformed (not base64)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        // never the keys
        return currentId == null ? "secret cipher without key" : "secret cipher, key " + currentId;
    }

    /** No key to seal with: SECRET values are refused rather than stored in clear. */
    public static final class MissingKey extends IllegalStateException {
        MissingKey() {
            super("no encryption key is configured to store SECRET values encrypted: set " + KEY_SETTING
                + " (base64 of 32 random bytes, e.g. `openssl rand -base64 32`) or " + KEY_SETTING
                + "-file, the same on the api, executor and workers");
        }
    }

    /** A sealed value this cipher cannot open. */
    public static final class CannotOpen extends IllegalStateException {
        CannotOpen(String message) {
            super(message);
        }
    }
}
