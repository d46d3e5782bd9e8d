package io.millrace.template;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The budgets of template renders ({@code millrace.templates.*}); see {@code docs/configuration.md}.
 *
 * @param timeout     how long a render on the api or the executor may take (inputs' defaults, runIf,
 *                    flow outputs, webhook conditions)
 * @param taskTimeout how long a render of a task's properties on a worker may take
 * @param maxSteps    loop iterations, macro, filter and function calls of one render
 * @param maxChars    the longest text a render may produce or build
 */
@ConfigurationProperties("millrace.templates")
public record TemplateSettings(@DefaultValue("2s") Duration timeout, @DefaultValue("30s") Duration taskTimeout,
                               @DefaultValue("10000000") long maxSteps, @DefaultValue("10485760") int maxChars) {

    /** The settings of a process that sets nothing. */
    public static final TemplateSettings DEFAULTS = new TemplateSettings(TemplateLimits.DEFAULT_TIMEOUT,
        TemplateLimits.DEFAULT_TASK_TIMEOUT, TemplateLimits.DEFAULT_MAX_STEPS, TemplateLimits.DEFAULT_MAX_CHARS);

    public TemplateSettings {
        if (timeout == null) {
            timeout = TemplateLimits.DEFAULT_TIMEOUT;
        }
        if (taskTimeout == null) {
            taskTimeout = TemplateLimits.DEFAULT_TASK_TIMEOUT;
        }
        // checked here, so that a bad value stops the process at start with the setting's name
        check(timeout, maxSteps, maxChars);
        check(taskTimeout, maxSteps, maxChars);
    }

    /** The limits of renders on the api and the executor. */
    public TemplateLimits limits() {
        return new TemplateLimits(timeout, maxSteps, maxChars);
    }

    /** The limits of a task's renders on a worker. */
    public TemplateLimits taskLimits() {
        return new TemplateLimits(taskTimeout, maxSteps, maxChars);
    }

    private static void check(Duration timeout, long maxSteps, int maxChars) {
        try {
            new TemplateLimits(timeout, maxSteps, maxChars);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("millrace.templates: " + e.getMessage(), e);
        }
    }
}
