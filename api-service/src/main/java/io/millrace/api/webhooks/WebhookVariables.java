package io.millrace.api.webhooks;

import io.millrace.serde.Json;
import tools.jackson.core.JacksonException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code trigger.*} variables of an execution a webhook starts, as Kestra exposes them:
 * {@code body} (a JSON object or array parsed, any other text as it is, bytes that are not text in
 * Base64), {@code headers} and {@code parameters} (each name with the list of its values), and for
 * a multipart form {@code formFields}. Credentials sent with the request are dropped: they would
 * otherwise be stored with the execution and shown in every answer about it.
 */
public final class WebhookVariables {

    /** Headers never kept (compared without case): they carry the caller's credentials. */
    static final Set<String> DROPPED_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private WebhookVariables() {
    }

    /** The variables of {@code request}. */
    public static Map<String, Object> of(WebhookRequest request) {
        Map<String, Object> variables = new LinkedHashMap<>();
        if (request.body().length > 0) {
            variables.put("body", body(request.contentType(), request.body()));
        }
        variables.put("headers", headers(request.headers()));
        variables.put("parameters", request.parameters());
        if (!request.formFields().isEmpty()) {
            variables.put("formFields", request.formFields());
        }
        return variables;
    }

    private static Map<String, List<String>> headers(Map<String, List<String>> all) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        all.forEach((name, values) -> {
            if (!DROPPED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name, values);
            }
        });
        return kept;
    }

    /** A JSON object or array parsed; other text as it is; bytes that are not text in Base64. */
    static Object body(String contentType, byte[] bytes) {
        String text = binary(contentType) ? null : utf8(bytes);
        if (text == null) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (Json.looksLikeJson(text)) {
            try {
                return Json.parse(text);
            } catch (JacksonException e) {
                // not JSON after all: the flow gets the text
            }
        }
        return text;
    }

    /** Whether the media type says the body is not text (missing or unknown types are tried as text). */
    private static boolean binary(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        if (type.startsWith("text/") || type.endsWith("json") || type.endsWith("xml") || type.endsWith("yaml")
            || type.endsWith("csv") || type.equals("application/x-www-form-urlencoded")
            || type.equals("application/javascript") || type.equals("application/graphql")) {
            return false;
        }
        return type.startsWith("application/") || type.startsWith("image/") || type.startsWith("audio/")
            || type.startsWith("video/") || type.startsWith("font/");
    }

    /** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
