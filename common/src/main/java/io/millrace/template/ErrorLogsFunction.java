package io.millrace.template;

import java.util.List;

/** {@code errorLogs()}: the summaries of the failed task runs of the execution ({@code taskId}, {@code message}…). */
final class ErrorLogsFunction {

    /** The variable the runtime puts the summaries in. */
    static final String VARIABLE = TemplateEngine.ERROR_LOGS_VARIABLE;

    private ErrorLogsFunction() {
    }

    static TemplateFunction of() {
        return new TemplateFunction("errorLogs", List.of(), call -> {
            Object logs = call.context().getVariable(VARIABLE);
            return logs == null ? List.of() : logs;
        });
    }
}
