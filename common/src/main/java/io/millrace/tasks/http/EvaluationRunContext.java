package io.millrace.tasks.http;

import io.millrace.model.LogLevel;
import io.millrace.model.trigger.TriggerContext;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.TaskLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@link RunContext} an {@link HttpTrigger} hands to the {@link Request} it sends: rendering goes to the
 * trigger's context; log lines go to the worker's own log at DEBUG (an evaluation belongs to no execution
 * whose logs could hold them); there are no files, metrics or task run.
 */
final class EvaluationRunContext implements RunContext {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTrigger.class);

    private final TriggerContext trigger;
    private final TaskLogger logger;

    EvaluationRunContext(TriggerContext trigger) {
        this.trigger = trigger;
        String key = trigger.evaluation().key();
        this.logger = (LogLevel level, String message) -> LOG.debug("trigger {}: {}", key, message);
    }

    @Override
    public String render(String template) {
        return trigger.render(template);
    }

    @Override
    public Object renderValue(Object value) {
        return trigger.renderValue(value);
    }

    @Override
    public Map<String, Object> renderMap(Map<String, ?> value) {
        return trigger.renderMap(value);
    }

    @Override
    public Map<String, Object> variables() {
        return Map.of();
    }

    @Override
    public TaskLogger logger() {
        return logger;
    }

    @Override
    public void metric(String name, MetricKind kind, double value, Map<String, String> tags) {
        // an evaluation has no task run to hold metrics
    }

    @Override
    public Path workingDirectory() throws IOException {
        throw new IOException("a trigger evaluation has no working directory");
    }

    @Override
    public InputStream openFile(URI uri) throws IOException {
        throw new IOException("a trigger evaluation reads no internal storage file");
    }

    @Override
    public TaskRunInfo taskRun() {
        return new TaskRunInfo(null, trigger.evaluation().namespace(), trigger.evaluation().flowId(),
            trigger.evaluation().triggerId(), null, null, 1);
    }
}
