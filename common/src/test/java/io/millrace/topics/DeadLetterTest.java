package io.millrace.topics;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead letters keep what they can of a record, and never more than their budget. */
class DeadLetterTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final VersionedJsonSerde<DeadLetter> SERDE = VersionedJsonSerde.of(Topic.DEAD_LETTERS);
    private static final int BUDGET = 64 * 1024;

    @Test
    void aSmallRecordIsKeptWhole() {
        DeadLetter d = letter("{\"v\":9}".getBytes(StandardCharsets.UTF_8), "schema version 9", BUDGET);

        assertThat(d.value()).isEqualTo("{\"v\":9}");
        assertThat(d.base64()).isFalse();
        assertThat(d.truncated()).isFalse();
        assertThat(d.valueBytes()).isEqualTo(7);
        assertThat(SERDE.deserialize("t", SERDE.serialize("t", d))).isEqualTo(d);
    }

    @Test
    void aLargeTextIsCutToFitTheBudget() {
        String text = "abc\"\\".repeat(200_000); // quotes and backslashes double when written as JSON
        DeadLetter d = letter(text.getBytes(StandardCharsets.UTF_8), "not a task", BUDGET);

        assertThat(written(d)).isLessThanOrEqualTo(BUDGET).isGreaterThan(BUDGET * 9 / 10);
        assertThat(d.truncated()).isTrue();
        assertThat(d.valueBytes()).isEqualTo(1_000_000);
        assertThat(text).startsWith(d.value());
        assertThat(d.error()).isEqualTo("not a task");
    }

    @Test
    void textThatGrowsMostWhenWrittenStillFits() {
        String text = "\u0001é€\uD83D\uDE00\"".repeat(50_000);
        DeadLetter d = letter(text.getBytes(StandardCharsets.UTF_8), "why", BUDGET);

        assertThat(written(d)).isLessThanOrEqualTo(BUDGET);
        assertThat(text).startsWith(d.value());
        assertThat(d.value()).isNotEmpty();
    }

    @Test
    void binaryIsCutOnABase64BoundarySoThatItStillDecodes() {
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        bytes[0] = (byte) 0xff; // never valid UTF-8
        DeadLetter d = letter(bytes, "why", BUDGET);

        assertThat(written(d)).isLessThanOrEqualTo(BUDGET);
        assertThat(d.base64()).isTrue();
        byte[] kept = Base64.getDecoder().decode(d.value());
        assertThat(kept).isEqualTo(Arrays.copyOf(bytes, kept.length));
        assertThat(kept.length).isGreaterThan(BUDGET / 2);
    }

    @Test
    void aHugeErrorIsCutToo() {
        DeadLetter d = letter(new byte[] {1, 2, 3}, "e".repeat(1_000_000), BUDGET);

        assertThat(written(d)).isLessThanOrEqualTo(BUDGET);
        assertThat(d.error()).endsWith("… (cut from 1000000 characters)");
        assertThat(d.truncated()).as("the value itself is whole").isFalse();
    }

    @Test
    void theBudgetIsHalfTheProducersRecordLimitAndAtMostTheDefault() {
        assertThat(DeadLetter.budget(Map.of())).isEqualTo(DeadLetter.DEFAULT_BUDGET);
        assertThat(DeadLetter.budget(Map.of("max.request.size", 262_144))).isEqualTo(131_072);
        assertThat(DeadLetter.budget(Map.of("producer.max.request.size", "200000"))).isEqualTo(100_000);
        assertThat(DeadLetter.budget(Map.of("max.request.size", "10485760"))).isEqualTo(DeadLetter.DEFAULT_BUDGET);
        assertThat(DeadLetter.budget(Map.of("max.request.size", "100"))).isEqualTo(DeadLetter.MIN_BUDGET);
    }

    private static DeadLetter letter(byte[] value, String error, int budget) {
        return DeadLetter.of("millrace_worker_tasks", 3, 42L, "exec-1/tr-1", value, error, "worker", AT, budget);
    }

    private static int written(DeadLetter d) {
        return SERDE.serialize("millrace_dead_letters", d).length;
    }
}
