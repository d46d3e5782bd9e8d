package io.millrace.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The secret values one task attempt (or trigger evaluation) has seen, and what they are masked
 * with in its log lines and error messages. Each value is registered with the forms a template
 * filter or a task commonly turns it into (Base64, URL encoding, upper and lower case, JSON
 * escaping), and a template filter applied to a secret registers its output too.
 */
public final class SecretMasks {

    /** What stands in for a secret value. */
    public static final String MASK = SecretInputs.MASK;

    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private final Consumer<String> listener;

    /** An empty set of secrets. */
    public SecretMasks() {
        this(secret -> { });
    }

    /** An empty set that also tells {@code listener} each secret value added (not its derived forms). */
    public SecretMasks(Consumer<String> listener) {
        this.listener = listener;
    }

    /** Registers a secret value, and its common derived forms, to be masked from now on. */
    public void add(String secret) {
        if (secret == null || secret.isEmpty()) {
            return;
        }
        if (values.addAll(variants(secret))) {
            listener.accept(secret);
        }
    }

    /** Whether no secret has been registered. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Whether {@code value} (text, or maps and lists holding text) contains a registered secret. */
    public boolean touches(Object value) {
        if (values.isEmpty()) {
            return false;
        }
        return switch (value) {
            case String s -> values.stream().anyMatch(s::contains);
            case Map<?, ?> map -> map.values().stream().anyMatch(this::touches)
                || map.keySet().stream().anyMatch(this::touches);
            case Collection<?> list -> list.stream().anyMatch(this::touches);
            case null, default -> false;
        };
    }

    /** {@code text} with every registered value replaced by {@link #MASK}, longest first (so overlaps mask fully). */
    public String mask(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        String out = text;
        for (String s : sorted) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    /** The forms of {@code secret} masked along with it. */
    static Set<String> variants(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        forms.add(secret.toUpperCase(Locale.ROOT));
        forms.add(secret.toLowerCase(Locale.ROOT));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(bytes);
        forms.add(base64);
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getMimeEncoder().encodeToString(bytes));
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(form);
        forms.add(form.replace("+", "%20"));
        forms.add(jsonEscaped(secret));
        forms.remove("");
        return forms;
    }

    /** The text of {@code s} inside a JSON string. */
    private static String jsonEscaped(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
