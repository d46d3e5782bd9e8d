package io.millrace.model.trigger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.InstantSource;
import java.util.Map;

/**
 * What a {@link PollingTrigger} sees while a worker evaluates it: rendering of its dynamic properties (with
 * {@code flow}, {@code envs} and {@code secret()}), the evaluation it answers, a clock, and internal storage
 * for what its executions will read. One per evaluation.
 */
public interface TriggerContext {

    /** Renders a template string (strict: an undefined variable is an error). Null stays null. */
    String render(String template);

    /** Renders a template string with {@code extra} variables besides the usual ones (a response to test…). */
    String render(String template, Map<String, Object> extra);

    /** Renders every string inside a JSON-like value, keeping the structure. */
    Object renderValue(Object value);

    /** Renders a map of templates. Null gives an empty map. */
    Map<String, Object> renderMap(Map<String, ?> value);

    /** The evaluation being answered (flow, trigger, evaluation ids). */
    TriggerEvaluation evaluation();

    InstantSource clock();

    /**
     * Stores {@code content} in internal storage under this trigger's folder of its flow's namespace (readable by
     * the executions of that namespace) and returns its {@code millrace:///} URI.
     *
     * @throws IOException when the worker has no internal storage or the write fails
     */
    URI storeFile(String name, InputStream content) throws IOException;
}
