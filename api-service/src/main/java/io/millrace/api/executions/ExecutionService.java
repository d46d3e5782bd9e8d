package io.millrace.api.executions;

import io.millrace.api.flows.FlowView;
import io.millrace.api.templates.RenderThreads;
import io.millrace.api.web.ApiError;
import io.millrace.api.web.ApiException;
import io.millrace.kafka.KafkaClients;
import io.millrace.model.Flow;
import io.millrace.model.FlowRecord;
import io.millrace.model.Label;
import io.millrace.model.command.CreateExecution;
import io.millrace.model.command.ExecutionCommand;
import io.millrace.model.command.DeleteExecution;
import io.millrace.model.command.KillExecution;
import io.millrace.model.command.ReplayExecution;
import io.millrace.model.command.RestartExecution;
import io.millrace.model.command.ResumeExecution;
import io.millrace.model.execution.Execution;
import io.millrace.model.execution.ExecutionHeader;
import io.millrace.model.execution.ExecutionStatus;
import io.millrace.model.execution.ExecutionTrigger;
import io.millrace.model.execution.State;
import io.millrace.model.input.Input;
import io.millrace.model.input.InputException;
import io.millrace.model.input.InputType;
import io.millrace.model.input.InputProblem;
import io.millrace.model.input.InputValues;
import io.millrace.model.input.UploadedFiles;
import io.millrace.secrets.SecretCipher;
import io.millrace.secrets.SecretInputs;
import io.millrace.serde.FlowParser;
import io.millrace.storage.InternalStorage;
import io.millrace.template.TemplateEngine;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.util.Ids;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The api's execution write path: checks a trigger against the flow (it exists, is enabled, and
 * every input value fits its declaration, or a 422 names the input), then sends commands to
 * {@code execution_commands}, which only the executor reads. Waiting for an end uses
 * {@link LiveExecutions}.
 */
public final class ExecutionService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionService.class);

    /** What stands in for a secret value in every answer. */
    public static final String MASK = SecretInputs.MASK;

    private final KafkaClients kafka;
    private final FlowView flows;
    private final LiveExecutions live;
    private final TemplateEngine engine;
    private final InstantSource clock;
    private final InternalStorage storage;
    private final SecretCipher cipher;
    private final FlowParser parser = new FlowParser();
    private final Producer<String, byte[]> producer;
    private final VersionedJsonSerde<ExecutionCommand> commands = VersionedJsonSerde.of(Topic.EXECUTION_COMMANDS);

    public ExecutionService(KafkaClients kafka, FlowView flows, LiveExecutions live, TemplateEngine engine,
                            InternalStorage storage, InstantSource clock) {
        this(kafka, flows, live, engine, storage, clock, SecretCipher.none());
    }

    /**
     * @param cipher seals the values of SECRET inputs before they go into a command; without a key,
     *               a run given a SECRET value is refused (422) rather than stored in clear
     */
    public ExecutionService(KafkaClients kafka, FlowView flows, LiveExecutions live, TemplateEngine engine,
                            InternalStorage storage, InstantSource clock, SecretCipher cipher) {
        this.kafka = kafka;
        this.cipher = cipher;
        this.storage = storage;
        this.flows = flows;
        this.live = live;
        this.engine = engine;
        this.clock = clock;
        this.producer = new KafkaProducer<>(kafka.producer("millrace-api-commands"), new StringSerializer(),
            new ByteArraySerializer());
    }

    /**
     * A request to run a flow.
     *
     * @param trigger what started it ({@code trigger.*} in the flow), or null for a manual run
     */
    public record Trigger(String namespace, String flowId, Map<String, Object> inputs, Map<String, Upload> files,
                          List<Label> labels, Instant scheduleDate, ExecutionTrigger trigger) {

        /** A manual run. */
        public Trigger(String namespace, String flowId, Map<String, Object> inputs, Map<String, Upload> files,
                       List<Label> labels, Instant scheduleDate) {
            this(namespace, flowId, inputs, files, labels, scheduleDate, null);
        }
    }

    /** A file given for a FILE input: its name as the client sent it, and its bytes, read once. */
    public record Upload(String fileName, Content content) {
    }

    /** The bytes of an upload. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /**
     * Creates an execution of the flow's newest revision and answers it as created; with
     * {@code waitFor}, waits (up to that long) for its end and answers the ended execution.
     */
    public Map<String, Object> trigger(Trigger t, Duration waitFor) {
        FlowRecord record = flows.latest(t.namespace(), t.flowId()).orElseThrow(() ->
            ApiException.notFound("flow " + t.namespace() + "." + t.flowId() + " does not exist"));
        Flow flow = parser.parse(record.source());
        if (flow.isDisabled()) {
            throw ApiException.conflict("flow " + t.namespace() + "." + t.flowId() + " is disabled");
        }
        return json(start(record, flow, t, waitFor));
    }

    /**
     * Creates an execution of {@code flow} (revision {@code record}, already looked up and known to be
     * enabled) and answers it as created; with {@code waitFor}, waits (up to that long) for its end and
     * answers the ended execution, or a 504 after that.
     */
    public Execution start(FlowRecord record, Flow flow, Trigger t, Duration waitFor) {
        String id = Ids.random();
        Map<String, Object> raw = new LinkedHashMap<>(t.inputs());
        List<URI> stored = new ArrayList<>();
        Map<String, Object> inputs;
        try {
            for (Map.Entry<String, Upload> file : t.files().entrySet()) {
                URI uri = store(flow, id, file.getKey(), file.getValue());
                stored.add(uri);
                raw.put(file.getKey(), uri.toString());
            }
            inputs = checkInputs(flow, id, raw);
            for (Input input : flow.inputs()) {
                // the command carries the sealed value, never the clear one the client sent
                if (input.effectiveType() == InputType.SECRET && raw.containsKey(input.id())) {
                    raw.put(input.id(), inputs.get(input.id()));
                }
            }
        } catch (RuntimeException e) {
            forget(stored);
            throw e;
        }
        CreateExecution create = new CreateExecution(id, t.namespace(), t.flowId(), record.revision(), raw,
            t.labels(), t.trigger(), t.scheduleDate(), null, null, 1);
        if (waitFor == null) {
            send(id, create);
            ExecutionHeader header = new ExecutionHeader(id, t.namespace(), t.flowId(), record.revision(),
                State.of(ExecutionStatus.CREATED, clock.instant()), inputs, t.labels(), null, create.trigger(), null,
                null, 1, t.scheduleDate(), null, 0);
            return new Execution(header, List.of());
        }
        CompletableFuture<Execution> ended = new CompletableFuture<>();
        try (LiveExecutions.Watch watch = live.watch(id, null, e -> {
            if (e.status().isTerminal()) {
                ended.complete(e);
            }
        })) {
            send(id, create);
            return ended.get(waitFor.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, "execution " + id + " did not end within " + waitFor
                + "; it goes on running");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for execution " + id, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Keeps an uploaded file in internal storage under the execution's folder; 422 unless its input is a FILE. */
    private URI store(Flow flow, String executionId, String inputId, Upload upload) {
        Input declared = flow.inputs() == null ? null
            : flow.inputs().stream().filter(i -> inputId.equals(i.id())).findFirst().orElse(null);
        if (declared == null) {
            throw ApiException.invalid("input " + inputId + ": flow " + flow.namespace() + "." + flow.id()
                + " has no such input");
        }
        if (declared.effectiveType() != InputType.FILE) {
            throw ApiException.invalid("input " + inputId + " is of type " + declared.effectiveType()
                + ", not FILE: give it as a form field, not a file");
        }
        URI uri = InternalStorage.inputFile(flow.namespace(), flow.id(), executionId, inputId, upload.fileName());
        try (InputStream in = upload.content().open()) {
            return storage.put(uri, in);
        } catch (IOException e) {
            throw new IllegalStateException("input " + inputId + ": the file could not be stored: " + e.getMessage(), e);
        }
    }

    private void forget(List<URI> stored) {
        for (URI uri : stored) {
            try {
                storage.delete(uri);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not remove {} of a refused execution: {}", uri, e.getMessage());
            }
        }
    }

    /** Restarts a failed or killed execution from its failed task runs, keeping its id; 404 when unknown. */
    public void restart(Execution execution) {
        send(execution.id(), new RestartExecution(execution.id(), execution));
    }

    /**
     * Replays an execution as a new one, from {@code taskRunId} (or from the start when null);
     * answers the new execution's id.
     */
    public String replay(Execution execution, String taskRunId) {
        if (taskRunId != null && execution.taskRuns().stream().noneMatch(r -> r.id().equals(taskRunId))) {
            throw ApiException.invalid("execution " + execution.id() + " has no task run " + taskRunId);
        }
        String newId = Ids.random();
        send(execution.id(), new ReplayExecution(execution.id(), newId, taskRunId, execution));
        return newId;
    }

    /** Asks the executor to delete an ended execution (its header and task runs). */
    public void delete(Execution execution) {
        send(execution.id(), new DeleteExecution(execution.id(), execution.taskRuns().stream().map(r -> r.id()).toList()));
    }

    /** Asks the executor to kill an execution (and its running tasks). */
    public void kill(String executionId) {
        send(executionId, new KillExecution(executionId));
    }

    /** Asks the executor to resume a paused execution. */
    public void resume(String executionId) {
        send(executionId, new ResumeExecution(executionId));
    }

    private Map<String, Object> checkInputs(Flow flow, String executionId, Map<String, Object> raw) {
        Map<String, Object> basics = Map.of("flow", Map.of("id", flow.id(), "namespace", flow.namespace()),
            "execution", Map.of("id", executionId));
        try {
            List<InputProblem> forged = SecretInputs.forged(raw);
            if (!forged.isEmpty()) {
                throw new InputException(forged);
            }
            Map<String, Object> typed = InputValues.resolve(flow.inputs(), raw,
                text -> RenderThreads.call(() -> engine.render(text, basics)));
            // a FILE value given as text must be this execution's own upload, never another one's stored file
            URI uploads = InternalStorage.executionFolder(flow.namespace(), flow.id(), executionId).resolve("inputs/");
            List<InputProblem> refused = UploadedFiles.problems(flow.inputs(), typed, uploads, flow.namespace());
            if (!refused.isEmpty()) {
                throw new InputException(refused);
            }
            return SecretInputs.seal(flow.inputs(), typed, cipher);
        } catch (InputException e) {
            List<ApiError.Detail> details = e.problems().stream()
                .map(p -> new ApiError.Detail(p.message(), p.inputId() == null ? null : "inputs." + p.inputId(), null, null))
                .toList();
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid inputs: " + e.getMessage(), details);
        }
    }

    /**
     * Kestra's JSON of an execution, SECRET inputs masked: those its flow revision declares, and any
     * sealed value (even when the revision is gone).
     */
    public Map<String, Object> json(Execution execution) {
        Map<String, Object> json = execution.toApiJson();
        Object inputs = json.get("inputs");
        if (inputs instanceof Map<?, ?> values && !values.isEmpty()) {
            ExecutionHeader h = execution.header();
            List<Input> declared = flows.revision(h.namespace(), h.flowId(), h.flowRevision())
                .map(record -> parser.parse(record.source()).inputs())
                .orElse(null);
            Map<String, Object> given = new LinkedHashMap<>();
            values.forEach((k, v) -> given.put(String.valueOf(k), v));
            json.put("inputs", SecretInputs.masked(declared, given));
        }
        json.replaceAll((key, value) -> SecretInputs.maskSealed(value));
        return json;
    }

    private void send(String executionId, ExecutionCommand command) {
        String topic = kafka.topic(Topic.EXECUTION_COMMANDS);
        try {
            producer.send(new ProducerRecord<>(topic, executionId, commands.serialize(topic, command)))
                .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a command", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the command could not be written to Kafka: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
