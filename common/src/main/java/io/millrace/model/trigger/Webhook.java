package io.millrace.model.trigger;

import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;

/** Starts an execution when an HTTP request reaches the flow's webhook URL. */
@Plugin(id = "io.millrace.core.trigger.Webhook",
    aliases = {"io.kestra.plugin.core.trigger.Webhook", "io.kestra.core.models.triggers.types.Webhook"},
    title = "Start an execution from an HTTP request to /api/v1/executions/webhook/{namespace}/{flowId}/{key}.",
    example = """
        id: on-push
        type: io.millrace.core.trigger.Webhook
        key: 4wjtkzwVGBM9yKnjm3yv8r
        """)
public final class Webhook extends Trigger {

    @Prop(value = "Secret part of the webhook URL.", required = true)
    private String key;

    public String key() {
        return key;
    }
}
