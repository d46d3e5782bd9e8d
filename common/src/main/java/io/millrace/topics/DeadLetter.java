package io.millrace.topics;

import io.millrace.serde.Json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A record a stream could not process, kept with the reason instead of stopping the stream. A
 * dead letter is never larger than the budget it was built for: the record it keeps may itself be
 * as large as Kafka allows, so its value (and a very long error) are cut to fit.
 *
 * @param value      the original value, as text when it was UTF-8, else base64; cut when {@code truncated}
 * @param error      the reason, for operators
 * @param valueBytes the size of the original value, in bytes
 * @param truncated  whether {@code value} keeps only the beginning of the original value
 */
public record DeadLetter(String sourceTopic, int partition, long offset, String key, String value,
                         boolean base64, String error, String processor, Instant timestamp,
                         int valueBytes, boolean truncated) {

    /** The budget of a dead letter, in bytes, unless the producer's record limit asks for less. */
    public static final int DEFAULT_BUDGET = 512 * 1024;
    /** The smallest budget: room for the reason and the record's coordinates. */
    static final int MIN_BUDGET = 4 * 1024;
    /** The envelope {@link VersionedJsonSerde} puts around the value, and a margin. */
    private static final int ENVELOPE = 64;

    /**
     * A dead letter keeping {@code value} as text when it is UTF-8, else as base64, no larger than
     * {@code budget} bytes once written: a longer value is cut (and marked {@code truncated}), and
     * so is an error longer than an eighth of the budget.
     */
    public static DeadLetter of(String sourceTopic, int partition, long offset, String key, byte[] value, String error,
                                String processor, Instant timestamp, int budget) {
        int limit = Math.max(budget, MIN_BUDGET);
        String text = value == null ? null : utf8(value);
        boolean base64 = text == null && value != null;
        String kept = base64 ? Base64.getEncoder().encodeToString(value) : text;
        String reason = cut(error, limit / 8);
        int size = value == null ? 0 : value.length;
        DeadLetter whole = new DeadLetter(sourceTopic, partition, offset, key, kept, base64, reason, processor,
            timestamp, size, false);
        if (kept == null || written(whole) <= limit) {
            return whole;
        }
        DeadLetter empty = new DeadLetter(sourceTopic, partition, offset, key, "", base64, reason, processor,
            timestamp, size, true);
        int room = Math.max(0, limit - written(empty));
        String prefix = base64 ? kept.substring(0, Math.min(kept.length(), room / 4 * 4)) : jsonPrefix(kept, room);
        return new DeadLetter(sourceTopic, partition, offset, key, prefix, base64, reason, processor, timestamp, size,
            true);
    }

    /**
     * The budget for dead letters written by a client with this configuration (a producer's, or a
     * Kafka Streams application's, where producer settings may carry the {@code producer.} prefix):
     * half its {@code max.request.size}, at most {@link #DEFAULT_BUDGET}.
     */
    public static int budget(Map<String, ?> clientConfig) {
        int budget = DEFAULT_BUDGET;
        for (String key : new String[] {"max.request.size", "producer.max.request.size"}) {
            Object v = clientConfig.get(key);
            if (v != null) {
                budget = Math.min(budget, Integer.parseInt(v.toString().trim()) / 2);
            }
        }
        return Math.max(budget, MIN_BUDGET);
    }

    private static int written(DeadLetter letter) {
        return Json.write(letter).getBytes(StandardCharsets.UTF_8).length + ENVELOPE;
    }

    private static String cut(String error, int maxChars) {
        if (error == null || error.length() <= maxChars) {
            return error;
        }
        return error.substring(0, maxChars) + "… (cut from " + error.length() + " characters)";
    }

    /** The longest beginning of {@code s} whose JSON string form (UTF-8, escapes) takes at most {@code maxBytes}. */
    private static String jsonPrefix(String s, int maxBytes) {
        int used = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int chars = Character.isHighSurrogate(c) && i + 1 < s.length() ? 2 : 1;
            int cost;
            if (chars == 2) {
                cost = 4;
            } else if (c == '"' || c == '\\') {
                cost = 2;
            } else if (c < 0x20) {
                cost = 6; // an escaped control character
            } else if (c < 0x80) {
                cost = 1;
            } else if (c < 0x800) {
                cost = 2;
            } else {
                cost = 3;
            }
            if (used + cost > maxBytes) {
                break;
            }
            used += cost;
            i += chars;
        }
        return s.substring(0, i);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
