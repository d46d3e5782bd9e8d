package io.millrace.template;

import io.pebbletemplates.pebble.extension.Filter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/** Text hashed to lower-case hex ({@code md5}, {@code sha1}, {@code sha256}, {@code sha512}); Base64 both ways. */
final class EncodingFilters {

    private EncodingFilters() {
    }

    static Map<String, Filter> filters() {
        return Map.of(
            "md5", hash("md5", "MD5"),
            "sha1", hash("sha1", "SHA-1"),
            "sha256", hash("sha256", "SHA-256"),
            "sha512", hash("sha512", "SHA-512"),
            "base64encode", TemplateFilter.of("base64encode", input -> input == null ? null
                : Base64.getEncoder().encodeToString(Values.text(input).getBytes(StandardCharsets.UTF_8))),
            "base64decode", TemplateFilter.of("base64decode",
                input -> input == null ? null : decode(Values.text(input))));
    }

    private static TemplateFilter hash(String name, String algorithm) {
        return TemplateFilter.of(name, input -> {
            if (input == null) {
                return null;
            }
            try {
                byte[] text = Values.text(input).getBytes(StandardCharsets.UTF_8);
                return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM lacks " + algorithm, e);
            }
        });
    }

    private static String decode(String base64) {
        try {
            // line breaks are common in pasted Base64; anything else that is not Base64 is an error
            return new String(Base64.getDecoder().decode(base64.replaceAll("\\s+", "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not valid Base64: " + e.getMessage(), e);
        }
    }
}
