package io.millrace.runtime;

import io.millrace.model.trigger.TriggerContext;
import io.millrace.model.trigger.TriggerEvaluation;
import io.millrace.secrets.SecretMasks;
import io.millrace.storage.InternalStorage;
import io.millrace.template.TemplateEngine;
import io.millrace.template.ValueRenderer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link TriggerContext} of one evaluation on a worker: templates see {@code flow} (id, namespace,
 * revision), {@code trigger} (id, date: when the evaluation was due) and the worker's {@code envs}; every
 * secret value rendered is remembered so that {@link #mask} hides it in the answer's error.
 */
public final class DefaultTriggerContext implements TriggerContext {

    static final String MASK = SecretMasks.MASK;

    private final TriggerEvaluation evaluation;
    private final TemplateEngine engine;
    private final RunnerSettings settings;
    private final Map<String, Object> variables;
    private final SecretMasks secrets = new SecretMasks();

    public DefaultTriggerContext(TriggerEvaluation evaluation, TemplateEngine engine, RunnerSettings settings) {
        this.evaluation = evaluation;
        this.engine = engine;
        this.settings = settings;
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("id", evaluation.flowId());
        flow.put("namespace", evaluation.namespace());
        flow.put("revision", evaluation.flowRevision());
        vars.put("flow", flow);
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("id", evaluation.triggerId());
        if (evaluation.scheduledAt() != null) {
            trigger.put("date", evaluation.scheduledAt().toString());
        }
        vars.put("trigger", trigger);
        vars.put("envs", settings.envs());
        this.variables = Map.copyOf(vars);
    }

    @Override
    public String render(String template) {
        return engine.render(template, variables, secrets);
    }

    @Override
    public String render(String template, Map<String, Object> extra) {
        Map<String, Object> scope = new HashMap<>(variables);
        scope.putAll(extra);
        return engine.render(template, scope, secrets);
    }

    @Override
    public Object renderValue(Object value) {
        return ValueRenderer.render(value, this::render);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> renderMap(Map<String, ?> value) {
        return value == null ? Map.of() : (Map<String, Object>) renderValue(value);
    }

    @Override
    public TriggerEvaluation evaluation() {
        return evaluation;
    }

    @Override
    public InstantSource clock() {
        return settings.clock();
    }

    @Override
    public URI storeFile(String name, InputStream content) throws IOException {
        InternalStorage storage = settings.storage();
        if (storage == null) {
            throw new IOException("this worker has no internal storage to keep the trigger's file in");
        }
        return storage.put(fileUri(evaluation, name), content);
    }

    /**
     * Where an evaluation's file goes: {@code millrace:///<namespace as folders>/<flowId>/triggers/<triggerId>/
     * <evaluationId>/<name>}, inside the namespace's folder so that the executions it starts may read it.
     */
    static URI fileUri(TriggerEvaluation e, String name) {
        String path = "/" + e.namespace().replace('.', '/') + "/" + e.flowId() + "/triggers/" + e.triggerId() + "/"
            + e.evaluationId() + "/" + name;
        try {
            return new URI(InternalStorage.SCHEME, "", path, null);
        } catch (URISyntaxException ex) {
            throw new IllegalArgumentException("not a storage path: " + path, ex);
        }
    }

    /** {@code text} with every secret value rendered so far, and its derived forms, replaced by a mask. */
    public String mask(String text) {
        return secrets.mask(text);
    }
}
