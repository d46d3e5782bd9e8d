package io.millrace.serde;

import io.millrace.model.condition.ExpressionCondition;
import io.millrace.model.trigger.Webhook;
import io.millrace.plugin.PluginKind;
import tools.jackson.databind.JsonNode;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Webhook trigger asks only what a request can answer: its conditions are Expressions (the
 * execution conditions speak of an ended execution, which a request has not), {@code returnOutputs}
 * comes with {@code wait}, and the answer's content type is one Millrace can write.
 */
final class WebhookRule implements FlowRule {

    private static final Set<String> CONTENT_TYPES = Set.of(Webhook.APPLICATION_JSON, Webhook.TEXT_PLAIN);

    @Override
    public void check(CheckedFlow flow, Problems problems) {
        for (PluginNode webhook : flow.ofType(Webhook.class)) {
            // the trigger's own conditions, not those nested in them (each is reported once)
            Pattern own = Pattern.compile(Pattern.quote(Paths.property(webhook.path(), "conditions")) + "\\[\\d+]");
            for (PluginNode condition : flow.all(PluginKind.CONDITION)) {
                if (condition.descriptor() != null && own.matcher(condition.path()).matches()
                    && !condition.is(ExpressionCondition.class)) {
                    problems.atValue(Paths.property(condition.path(), "type"), "a Webhook trigger cannot use condition "
                        + condition.descriptor().id() + " (it tests an ended execution); use "
                        + "io.millrace.core.condition.Expression over trigger.body, trigger.headers or trigger.parameters");
                }
            }
            JsonNode wait = webhook.node().get("wait");
            JsonNode returnOutputs = webhook.node().get("returnOutputs");
            if (returnOutputs != null && returnOutputs.asBoolean(false) && (wait == null || !wait.asBoolean(false))) {
                problems.atValue(Paths.property(webhook.path(), "returnOutputs"),
                    "returnOutputs needs wait: true (outputs exist only once the execution ends)");
            }
            JsonNode contentType = webhook.node().get("responseContentType");
            if (contentType != null && contentType.isString() && !CONTENT_TYPES.contains(contentType.asString())) {
                problems.atValue(Paths.property(webhook.path(), "responseContentType"),
                    "'" + contentType.asString() + "' is not one of application/json, text/plain");
            }
        }
    }
}
