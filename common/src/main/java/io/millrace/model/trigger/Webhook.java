package io.millrace.model.trigger;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

import java.util.Map;

/** Starts an execution when an HTTP request reaches the flow's webhook URL. */
@Plugin(id = "io.millrace.core.trigger.Webhook",
    aliases = {"io.kestra.plugin.core.trigger.Webhook", "io.kestra.core.models.triggers.types.Webhook"},
    title = "Start an execution from an HTTP request to /api/v1/executions/webhook/{namespace}/{flowId}/{key}.",
    example = """
        id: on-push
        type: io.millrace.core.trigger.Webhook
        key: 4wjtkzwVGBM9yKnjm3yv8r
        conditions:
          - type: io.millrace.core.condition.Expression
            expression: "{{ trigger.body.ref == 'refs/heads/main' }}"
        """)
public final class Webhook extends Trigger {

    /** The content type that makes a {@code returnOutputs} answer plain text. */
    public static final String TEXT_PLAIN = "text/plain";

    /** The default content type of an answer. */
    public static final String APPLICATION_JSON = "application/json";

    @Prop(value = "Secret part of the webhook URL; treat it as a password. May be a template over flow.* and"
        + " secret(), rendered when a request comes.", required = true, dynamic = true)
    private String key;

    @Prop(value = "Inputs of the started execution, rendered over trigger.* (body, headers, parameters) and flow.*.",
        dynamic = true)
    private Map<String, Object> inputs;

    @Prop("Answer only when the execution ends (bounded by millrace.webhook.wait-timeout), with the ended execution.")
    private Boolean wait;

    @Prop("With wait: answer the flow's outputs instead of the execution.")
    private Boolean returnOutputs;

    @Prop("With returnOutputs: application/json (default) or text/plain (a string output as it is).")
    private String responseContentType;

    public String key() {
        return key;
    }

    public Map<String, Object> inputs() {
        return inputs == null ? Map.of() : inputs;
    }

    public boolean isWait() {
        return Boolean.TRUE.equals(wait);
    }

    public boolean isReturnOutputs() {
        return Boolean.TRUE.equals(returnOutputs);
    }

    /** The content type of a {@code returnOutputs} answer. */
    public String responseContentType() {
        return responseContentType == null ? APPLICATION_JSON : responseContentType;
    }
}
