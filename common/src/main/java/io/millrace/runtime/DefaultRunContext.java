package io.millrace.runtime;

import io.millrace.storage.InternalStorage;
import java.io.InputStream;
import java.net.URI;

import io.millrace.model.LogLevel;
import io.millrace.model.execution.LogEntry;
import io.millrace.model.execution.MetricEntry;
import io.millrace.model.execution.TaskRun;
import io.millrace.model.worker.WorkerTask;
import io.millrace.secrets.SecretCipher;
import io.millrace.secrets.SecretInputs;
import io.millrace.secrets.SecretMasks;
import io.millrace.tasks.RunContext;
import io.millrace.tasks.Task;
import io.millrace.tasks.TaskFailure;
import io.millrace.tasks.TaskLogger;
import io.millrace.template.TemplateEngine;
import io.millrace.template.ValueRenderer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link RunContext} of one attempt on a worker: renders with the task's variables plus the
 * worker's {@code envs}, opens the SECRET input values the task received sealed, masks every secret
 * value (and what a filter made of it) in the log lines it writes, and owns a private working
 * directory removed when the attempt ends.
 */
public final class DefaultRunContext implements RunContext, AutoCloseable {

    static final String MASK = SecretMasks.MASK;

    private final WorkerTask workerTask;
    private final TemplateEngine engine;
    private final RunnerSettings settings;
    private final TaskEvents events;
    private final Map<String, Object> variables;
    private final SecretMasks secrets = new SecretMasks();
    private final String unopened;
    private final TaskLogger logger;
    private volatile Path workDir;

    public DefaultRunContext(WorkerTask workerTask, TemplateEngine engine, RunnerSettings settings, TaskEvents events) {
        this.workerTask = workerTask;
        this.engine = engine;
        this.settings = settings;
        this.events = events;
        Map<String, Object> vars = new LinkedHashMap<>(workerTask.variables());
        String problem = null;
        try {
            // only inputs hold sealed values Millrace made: opening any sealed text found elsewhere (a webhook
            // body, an HTTP answer) would let whoever got hold of one read it through a task
            vars.computeIfPresent("inputs", (name, value) -> SecretInputs.open(value, settings.cipher(), secrets::add));
        } catch (SecretCipher.CannotOpen e) {
            problem = e.getMessage();
        }
        this.unopened = problem;
        vars.put("envs", settings.envs());
        this.variables = vars;
        this.logger = this::log;
    }

    @Override
    public String render(String template) {
        return engine.render(template, variables, secrets);
    }

    /**
     * Fails when a SECRET value the task received could not be opened (no key, an unknown key id, an
     * altered value): the task must not run with the sealed text in place of the value.
     */
    void checkSecretsOpened() {
        if (unopened != null) {
            throw new TaskFailure(unopened);
        }
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
    public InputStream openFile(URI uri) throws IOException {
        InternalStorage storage = settings.storage();
        if (storage == null) {
            throw new IOException("this worker has no internal storage to read " + uri + " from");
        }
        if (!InternalStorage.SCHEME.equals(uri.getScheme()) || uri.getPath() == null) {
            throw new IOException(uri + " is not an internal storage file (millrace:///…)");
        }
        String path = uri.normalize().getPath();
        String namespaceFolder = "/" + workerTask.taskRun().namespace().replace('.', '/') + "/";
        if (!path.startsWith(namespaceFolder) || path.contains("/../")) {
            throw new IOException(uri + " belongs to another namespace than " + workerTask.taskRun().namespace());
        }
        return storage.get(uri).orElseThrow(() -> new java.io.FileNotFoundException("no file " + uri));
    }

    @Override
    public Map<String, Object> variables() {
        return variables;
    }

    @Override
    public TaskLogger logger() {
        return logger;
    }

    @Override
    public void metric(String name, MetricKind kind, double value, Map<String, String> tags) {
        TaskRun r = workerTask.taskRun();
        events.metric(new MetricEntry(r.namespace(), r.flowId(), r.executionId(), r.taskId(), r.id(), name,
            kind.name().toLowerCase(), value, tags == null ? Map.of() : Map.copyOf(tags), settings.clock().instant()));
    }

    @Override
    public Path workingDirectory() throws IOException {
        Path dir = workDir;
        if (dir == null) {
            synchronized (this) {
                if (workDir == null) {
                    Files.createDirectories(settings.workRoot());
                    workDir = Files.createTempDirectory(settings.workRoot(), workerTask.taskRun().id() + "-");
                }
                dir = workDir;
            }
        }
        return dir;
    }

    @Override
    public String commandsRunAs() {
        return settings.commandsRunAs();
    }

    @Override
    public boolean commandsPidNamespace() {
        return settings.commandsPidNamespace();
    }

    @Override
    public TaskRunInfo taskRun() {
        TaskRun r = workerTask.taskRun();
        return new TaskRunInfo(r.executionId(), r.namespace(), r.flowId(), r.taskId(), r.id(), r.value(),
            r.attemptNumber());
    }

    /** Writes a log line unless the task's logLevel filters it; secret values are masked. */
    void log(LogLevel level, String message) {
        Task task = workerTask.task();
        if (!level.isAtLeast(task.logLevel())) {
            return;
        }
        TaskRun r = workerTask.taskRun();
        events.log(new LogEntry(r.namespace(), r.flowId(), r.executionId(), r.taskId(), r.id(), r.attemptNumber(),
            settings.clock().instant(), level, mask(message), Thread.currentThread().getName()));
    }

    /** Replaces every secret value seen so far, and its derived forms, by a mask. */
    String mask(String message) {
        return secrets.mask(message);
    }

    @Override
    public void close() {
        Path dir = workDir;
        if (dir == null) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a leftover temp directory is not worth failing the task for
            log(LogLevel.DEBUG, "could not remove working directory " + dir + ": " + e.getMessage());
        }
    }
}
