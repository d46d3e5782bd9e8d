package io.millrace.util;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Execution and task-run ids: 22 base62 characters (a UUID's 128 bits), random or derived from
 * stable parts. Derived ids make commands idempotent: a subflow, a retry or a scheduled fire
 * created twice gets the same id and the executor ignores the second.
 */
public final class Ids {

    private static final char[] ALPHABET =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final BigInteger BASE = BigInteger.valueOf(62);
    private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9_.-]+");

    private Ids() {
    }

    /** A new random id. */
    public static String random() {
        UUID u = UUID.randomUUID();
        return encode(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
    }

    /** An id derived from {@code parts}: the same parts always give the same id. */
    public static String derived(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            byte[] digest = md.digest();
            byte[] first = new byte[16];
            System.arraycopy(digest, 0, first, 0, 16);
            return encode(first);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * Whether {@code id} could name something Millrace made: at most 128 letters, digits, {@code _}, {@code -}
     * or {@code .} (its own ids are 22 base-62 digits; imported ones may differ). Anything else is no id at all,
     * and need not reach a store.
     */
    public static boolean isPlausible(String id) {
        return id != null && !id.isEmpty() && id.length() <= 128 && PLAUSIBLE.matcher(id).matches();
    }

    private static String encode(byte[] bytes) {
        BigInteger n = new BigInteger(1, bytes);
        char[] out = new char[22];
        for (int i = 21; i >= 0; i--) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            out[i] = ALPHABET[qr[1].intValue()];
            n = qr[0];
        }
        return new String(out);
    }
}
