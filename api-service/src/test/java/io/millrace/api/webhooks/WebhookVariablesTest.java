package io.millrace.api.webhooks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code trigger.*} variables a request gives its execution. */
class WebhookVariablesTest {

    private static Object body(String contentType, byte[] bytes) {
        return WebhookVariables.body(contentType, bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonObjectsAndArraysAreParsedWhateverTheContentTypeSays() {
        assertThat(body("application/json", utf8("{\"a\": [1, true]}"))).isEqualTo(Map.of("a", List.of(1, true)));
        assertThat(body(null, utf8(" [\"x\"] "))).isEqualTo(List.of("x"));
        assertThat(body("text/plain; charset=utf-8", utf8("{\"a\": 1}"))).isEqualTo(Map.of("a", 1));
    }

    @Test
    void otherTextStaysAsItIsAndBytesBecomeBase64() {
        assertThat(body("application/json", utf8("{broken"))).isEqualTo("{broken");
        assertThat(body("application/json", utf8("42"))).as("only objects and arrays are parsed").isEqualTo("42");
        assertThat(body("application/x-www-form-urlencoded", utf8("a=1&b=%20"))).isEqualTo("a=1&b=%20");
        assertThat(body("application/octet-stream", utf8("abc"))).isEqualTo("YWJj");
        assertThat(body(null, new byte[]{(byte) 0xff, 0x00})).as("not UTF-8").isEqualTo("/wA=");
    }

    @Test
    void credentialsNeverReachTheVariables() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-GitHub-Event", List.of("push"));
        headers.put("AUTHORIZATION", List.of("Bearer s3cret"));
        headers.put("proxy-authorization", List.of("Basic s3cret"));
        headers.put("Cookie", List.of("a=s3cret"));
        Map<String, Object> variables = WebhookVariables.of(new WebhookRequest(headers, Map.of("q", List.of("1")), null,
            new byte[0], Map.of()));

        assertThat(variables).doesNotContainKey("body");
        assertThat(variables.get("headers")).isEqualTo(Map.of("X-GitHub-Event", List.of("push")));
        assertThat(variables.get("parameters")).isEqualTo(Map.of("q", List.of("1")));
        assertThat(variables.toString()).doesNotContain("s3cret");
    }
}
