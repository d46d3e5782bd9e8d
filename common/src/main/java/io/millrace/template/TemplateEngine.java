package io.millrace.template;

import io.millrace.secrets.SecretMasks;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.ExtensionRegistry;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Renders Pebble templates the way Kestra flows expect: strict (an undefined variable is an error,
 * except where {@code is defined}, {@code ??} or {@code default} ask about it), maps and lists
 * printed as JSON, Kestra's functions and filters; and sandboxed: no method call on any Java object,
 * no access to other templates or files, bounded output size and {@code render()} depth; and
 * budgeted ({@link TemplateLimits}): each render has a deadline, a number of steps and a size limit
 * for every text it builds, so that no template holds a request, stream or worker thread.
 */
public final class TemplateEngine {

    /** The longest text one render may produce (characters) unless the limits say otherwise. */
    public static final int MAX_RENDERED_CHARS = TemplateLimits.DEFAULT_MAX_CHARS;

    /** How deep {@code render()} may nest, and how many passes a recursive {@code render()} may make. */
    public static final int MAX_RENDER_DEPTH = 10;

    /** The variable holding the failed task runs' summaries that {@code errorLogs()} returns. */
    public static final String ERROR_LOGS_VARIABLE = "__errorLogs";

    private static final int CACHED_TEMPLATES = 5_000;

    private static final String TOO_DEEP =
        "the template recurses too deeply (does a macro call itself, or are expressions nested thousands deep?)";

    private final PebbleEngine pebble;
    private final TemplateLimits limits;

    /** An engine without secrets. */
    public TemplateEngine() {
        this(SecretProvider.none());
    }

    /** An engine whose {@code secret()} function reads from {@code secrets}. */
    public TemplateEngine(SecretProvider secrets) {
        this(secrets, InstantSource.system());
    }

    /** An engine whose {@code secret()} reads from {@code secrets} and whose {@code now()} reads {@code clock}. */
    public TemplateEngine(SecretProvider secrets, InstantSource clock) {
        this(secrets, clock, TemplateLimits.DEFAULTS);
    }

    /** An engine whose {@code secret()} reads from {@code secrets}, with the given budget for each render. */
    public TemplateEngine(SecretProvider secrets, TemplateLimits limits) {
        this(secrets, InstantSource.system(), limits);
    }

    /** An engine whose {@code secret()} reads {@code secrets}, {@code now()} reads {@code clock}, within {@code limits}. */
    public TemplateEngine(SecretProvider secrets, InstantSource clock, TemplateLimits limits) {
        this.limits = limits;
        // the parse-time name check needs the registry, which exists only once the engine is built
        AtomicReference<ExtensionRegistry> registry = new AtomicReference<>();
        this.pebble = new PebbleEngine.Builder()
            .loader(new NoTemplateLoader())
            .registerExtensionCustomizer(SandboxCustomizer::new)
            .extension(new MillraceExtension(secrets, clock, registry::get))
            // for '~', which must print values as {{ }} does and stay bounded
            .allowOverrideCoreOperators(true)
            .strictVariables(true)
            .autoEscaping(false)
            // a newline after a tag is content: scripts and YAML built by templates keep their lines
            .newLineTrimming(false)
            .defaultLocale(Locale.ENGLISH)
            .maxRenderedSize(limits.maxChars())
            .templateCache(new BoundedTemplateCache(CACHED_TEMPLATES))
            .methodAccessValidator((object, method) -> false)
            .build();
        registry.set(pebble.getExtensionRegistry());
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
    public String render(String template, Map<String, Object> variables, Consumer<String> secretSeen) {
        return render(template, variables, new SecretMasks(secretSeen));
    }

    /**
     * Renders like {@link #render(String, Map)}, adding to {@code secrets} every secret value the
     * template read and the output of every filter applied to a value holding one of {@code secrets}
     * ({@code inputs.pw | base64encode}), so that callers can mask them in logs.
     */
    public String render(String template, Map<String, Object> variables, SecretMasks secrets) {
        if (template == null || !isTemplate(template)) {
            return template;
        }
        RenderSession session = new RenderSession(this::evaluate, secrets, namespaceOf(variables), MAX_RENDER_DEPTH);
        Map<String, Object> scope = variables == null ? new HashMap<>() : new HashMap<>(variables);
        scope.put(RenderSession.VARIABLE, session);
        RenderBudget outer = RenderBudget.enter(limits);
        try {
            return evaluate(template, scope);
        } catch (PebbleException e) {
            throw TemplateErrors.toException(template, e);
        } catch (StackOverflowError e) {
            // a macro calling itself, an expression nested thousands deep: Pebble has no depth limit of its own
            throw new TemplateException(TOO_DEEP);
        } catch (OutOfMemoryError e) {
            // what the render built is garbage once it unwinds: the caller's thread and record go on
            throw new TemplateException("the template needs more memory than this process has");
        } catch (ClassCastException e) {
            // a core filter given the wrong kind of value ([1, 'a'] | sort): Pebble does not check first
            throw new TemplateException("a value has the wrong type for an operation of the template", e);
        } catch (RuntimeException e) {
            throw new TemplateException("the template failed: " + e.getMessage(), e);
        } finally {
            RenderBudget.leave(outer);
        }
    }

    /** {@code flow.namespace} of the variables given, or null. */
    private static String namespaceOf(Map<String, Object> variables) {
        return variables != null && variables.get("flow") instanceof Map<?, ?> flow
            && flow.get("namespace") instanceof String namespace ? namespace : null;
    }

    /** The budget of each render of this engine. */
    public TemplateLimits limits() {
        return limits;
    }

    /** Parses {@code template} without rendering it; fails on a syntax error or an unknown function, filter or test. */
    public void check(String template) {
        if (template == null || !isTemplate(template)) {
            return;
        }
        try {
            pebble.getLiteralTemplate(template);
        } catch (PebbleException e) {
            throw TemplateErrors.toException(template, e);
        } catch (StackOverflowError e) {
            throw new TemplateException(TOO_DEEP);
        }
    }

    /** Compiles (or takes from the cache) and evaluates a template; Pebble's exceptions pass through. */
    private String evaluate(String template, Map<String, Object> scope) {
        PebbleTemplate compiled = pebble.getLiteralTemplate(template);
        StringWriter out = new StringWriter();
        try {
            compiled.evaluate(out, scope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
