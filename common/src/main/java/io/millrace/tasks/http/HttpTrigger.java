package io.millrace.tasks.http;

import io.millrace.model.trigger.PollResult;
import io.millrace.model.trigger.PollingTrigger;
import io.millrace.model.trigger.TriggerContext;
import io.millrace.model.trigger.TriggerFailure;
import io.millrace.plugin.Plugin;
import io.millrace.plugin.Prop;
import io.millrace.tasks.TaskFailure;
import io.millrace.tasks.TaskOutcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Calls an HTTP endpoint every {@code interval} and starts one execution when {@code responseCondition} holds
 * for the response, with the response as {@code trigger.uri}, {@code trigger.code}, {@code trigger.headers} and
 * {@code trigger.body}. The request goes through the HTTP {@link Request} task's client, so both accept the same
 * properties and options; any status reaches the condition (none fails the evaluation by itself).
 */
@Plugin(id = "io.millrace.core.http.Trigger",
    aliases = {"io.kestra.plugin.core.http.Trigger", "io.kestra.plugin.fs.http.Trigger"},
    title = "Call an HTTP endpoint every interval and start an execution when the response matches a condition.",
    example = """
        id: price-drop
        type: io.millrace.core.http.Trigger
        uri: https://api.example.com/products/1
        responseCondition: "{{ json(response.body).price <= 110 }}"
        interval: PT30S
        stopAfter:
          - SUCCESS
        """)
public final class HttpTrigger extends PollingTrigger {

    /** The condition when the flow sets none, as in Kestra: any status below 400. */
    public static final String DEFAULT_CONDITION = "{{ response.statusCode < 400 }}";

    private static final Set<String> FALSE = Set.of("", "false", "0", "-0", "0.0", "null");

    @Prop(value = "The URL to call (http or https).", required = true, dynamic = true)
    private String uri;

    @Prop(value = "The HTTP method (default GET).", dynamic = true)
    private String method;

    @Prop(value = "Request headers; a list value sends the header once per item. Values are never logged.", dynamic = true)
    private Map<String, Object> headers;

    @Prop(value = "The request body, sent as is.", dynamic = true)
    private String body;

    @Prop(value = "Form fields sent as the body: URL-encoded, or multipart when contentType is multipart/form-data.",
        dynamic = true)
    private Map<String, Object> formData;

    @Prop(value = "Content-Type of the body (default application/json for body).", dynamic = true)
    private String contentType;

    @Prop("Timeouts (connectTimeout, readTimeout), redirects, basic authentication and response size limit, as for "
        + "the HTTP Request task; allowFailed and allowedResponseCodes are ignored: every status reaches "
        + "responseCondition.")
    private RequestOptions options;

    @Prop(value = "Expression over the response (response.statusCode, response.body, response.headers); the "
        + "trigger fires when it renders anything but '', false, 0, -0 or null. Default: a status below 400.",
        dynamic = true)
    private String responseCondition;

    @Override
    public PollResult evaluate(TriggerContext context) throws Exception {
        Map<String, Object> outputs = send(context);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", outputs.get("code"));
        response.put("body", outputs.get("body"));
        response.put("headers", outputs.get("headers"));
        String condition = responseCondition == null ? DEFAULT_CONDITION : responseCondition;
        String verdict = context.render(condition, Map.of("response", response));
        if (!isTrue(verdict)) {
            return PollResult.none();
        }
        Map<String, Object> fire = new LinkedHashMap<>();
        fire.put("uri", outputs.get("uri"));
        fire.put("code", outputs.get("code"));
        fire.put("headers", outputs.get("headers"));
        fire.put("body", outputs.get("body"));
        return PollResult.of(List.of(fire));
    }

    private Map<String, Object> send(TriggerContext context) throws Exception {
        RequestOptions o = options == null ? RequestOptions.DEFAULTS : options;
        // every status goes to the condition, which decides
        RequestOptions accepting = new RequestOptions(o.connectTimeout(), o.readTimeout(), o.followRedirects(), true,
            null, o.basicAuthUser(), o.basicAuthPassword(), o.maxContentLength());
        Request request = new Request(uri, method, headers, body, formData, contentType, accepting);
        try {
            TaskOutcome outcome = request.run(new EvaluationRunContext(context));
            return outcome.outputs();
        } catch (TaskFailure e) {
            throw new TriggerFailure(e.getMessage());
        }
    }

    /** Whether a rendered condition counts as true (Pebble's truthiness, as Kestra reads it). */
    static boolean isTrue(String rendered) {
        return rendered != null && !FALSE.contains(rendered.strip().toLowerCase(Locale.ROOT));
    }

    public String uri() {
        return uri;
    }

    public String responseCondition() {
        return responseCondition;
    }
}
