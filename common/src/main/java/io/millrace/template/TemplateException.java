package io.millrace.template;

/**
 * A template that cannot be parsed or rendered: an undefined variable, a syntax error, a function
 * misused. The message is meant for the user and names the expression; it never carries a stack trace.
 */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
