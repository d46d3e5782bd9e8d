package io.millrace.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Bearer API tokens known by their SHA-256 only. Tokens are long random values (not passwords a
 * person picks), so a fast hash is enough: nobody can guess one from its hash, and checking costs
 * nothing per request. Every configured hash is compared in constant time.
 */
public final class ApiTokens {

    /** How a token hash is written in configuration. */
    public static final String PREFIX = "sha256:";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Known> known;

    private record Known(Caller caller, byte[] hash) {
    }

    /** @throws IllegalArgumentException naming the token whose hash is not {@code sha256:<64 hex digits>} */
    public ApiTokens(List<SecuritySettings.Token> tokens) {
        List<Known> list = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            SecuritySettings.Token t = tokens.get(i);
            String where = "millrace.security.tokens[" + i + "]";
            if (t.name() == null || t.name().isBlank()) {
                throw new IllegalArgumentException(where + ".name is missing");
            }
            String hash = t.hash() == null ? "" : t.hash().trim().toLowerCase(Locale.ROOT);
            if (!hash.startsWith(PREFIX) || !hash.substring(PREFIX.length()).matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(where + ".hash (token '" + t.name()
                    + "') must be sha256:<64 hex digits>, the hash of the token, never the token itself"
                    + " (make one with: millrace security new-token)");
            }
            list.add(new Known(Caller.configured("token:" + t.name(), t.roles(), t.namespaces(), where),
                HexFormat.of().parseHex(hash.substring(PREFIX.length()))));
        }
        this.known = List.copyOf(list);
    }

    /** The name of the token {@code value} is, if any. */
    public Optional<String> match(String value) {
        return caller(value).map(c -> c.name().substring("token:".length()));
    }

    /** The caller (name {@code token:<name>}, role and namespaces) of the token {@code value} is, if any. */
    public Optional<Caller> caller(String value) {
        byte[] hash = sha256(value);
        Caller found = null;
        for (Known k : known) {
            if (MessageDigest.isEqual(k.hash(), hash) && found == null) {
                found = k.caller(); // no early return: the time taken does not tell which entry matched
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return known.isEmpty();
    }

    /** A new random token (256 bits, URL-safe) with the configuration hash of it. */
    public static String[] newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "mr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new String[]{token, hash(token)};
    }

    /** The configuration form of the hash of {@code token}. */
    public static String hash(String token) {
        return PREFIX + HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
