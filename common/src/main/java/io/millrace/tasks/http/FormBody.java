package io.millrace.tasks.http;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The body of a form submission: URL-encoded ({@code a=1&b=2}) or {@code multipart/form-data} with
 * one text part per field. A list value sends the field once per item.
 */
record FormBody(String contentType, byte[] bytes) {

    static final String URL_ENCODED = "application/x-www-form-urlencoded";
    static final String MULTIPART = "multipart/form-data";

    /** The form in the encoding {@code contentType} asks for (URL-encoded unless it is multipart). */
    static FormBody of(Map<String, Object> fields, String contentType) {
        if (contentType != null && contentType.toLowerCase().startsWith(MULTIPART)) {
            return multipart(fields);
        }
        return urlEncoded(fields, contentType == null ? URL_ENCODED : contentType);
    }

    static FormBody urlEncoded(Map<String, Object> fields, String contentType) {
        StringJoiner joiner = new StringJoiner("&");
        fields.forEach((name, value) -> {
            for (Object item : items(value)) {
                joiner.add(encode(name) + "=" + encode(text(item)));
            }
        });
        return new FormBody(contentType, joiner.toString().getBytes(StandardCharsets.UTF_8));
    }

    static FormBody multipart(Map<String, Object> fields) {
        String boundary = "millrace-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            for (Object item : items(value)) {
                write(out, "--" + boundary + "\r\n");
                write(out, "Content-Disposition: form-data; name=\"" + quote(name) + "\"\r\n");
                write(out, "Content-Type: text/plain; charset=UTF-8\r\n\r\n");
                write(out, text(item));
                write(out, "\r\n");
            }
        });
        write(out, "--" + boundary + "--\r\n");
        return new FormBody(MULTIPART + "; boundary=" + boundary, out.toByteArray());
    }

    private static List<?> items(Object value) {
        return value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Escapes a field name for a quoted header parameter (RFC 7578 leaves the rest to the sender). */
    private static String quote(String name) {
        return name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
