package io.millrace.api.flows;

import io.millrace.api.web.ApiError;
import io.millrace.api.web.ApiException;
import io.millrace.kafka.KafkaClients;
import io.millrace.model.Flow;
import io.millrace.model.FlowRecord;
import io.millrace.serde.FlowParser;
import io.millrace.serde.FlowProblem;
import io.millrace.serde.ParseResult;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import io.millrace.util.Ids;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The api's flow write path: validates a source, gives it its revision and writes it to
 * {@code flows} (the newest revision) and {@code flow_revisions} (every revision) in one Kafka
 * transaction, then waits until {@link FlowView} has read it, so a read right after a write sees it.
 *
 * <p>Revisions: a source identical to the newest revision keeps that revision; any change, and a
 * deletion, make the next one. Sources are measured ({@code millrace.api.max-flow-size}) and parsed
 * outside any lock, so a slow parse holds up no other write; only the write itself is serialised per
 * flow (newest revision read, transaction, wait for the view), and the transaction alone across flows,
 * as one transactional producer allows one transaction at a time. Two api processes updating the same
 * flow at the same instant may both write the same revision number; the later record then wins on
 * {@code flows} and on {@code flow_revisions} (compacted by key). Run flow deployments through one api
 * instance, or one GitOps job, when that matters.
 */
public final class FlowService implements AutoCloseable {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final KafkaClients kafka;
    private final FlowView view;
    private final FlowParser parser;
    private final InstantSource clock;
    private final long maxFlowSize;
    private final Producer<String, byte[]> producer;
    private final VersionedJsonSerde<FlowRecord> serde = VersionedJsonSerde.of(Topic.FLOWS);
    /** Serialises the writes of one flow: read its newest revision, write the next, wait until it is readable. */
    private final FlowLocks locks = new FlowLocks();
    /** One transaction at a time on the one producer. */
    private final Object transaction = new Object();

    public FlowService(KafkaClients kafka, FlowView view, FlowParser parser, InstantSource clock, long maxFlowSize) {
        this.kafka = kafka;
        this.view = view;
        this.parser = parser;
        this.clock = clock;
        this.maxFlowSize = maxFlowSize;
        Map<String, Object> props = kafka.producer("millrace-api-flows");
        // each api process has its own transactional id: processes never fence each other
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.group("api-flows-" + Ids.random()));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /**
     * Validates a source without deploying it; 413 when it is larger than a flow may be.
     *
     * @param document its 1-based place in a multi-document body, for the message; 0 when alone
     */
    public ParseResult validate(String source, int document) {
        checkSize(source, document);
        return parser.validate(source);
    }

    /** Deploys a new flow; 409 when it exists, 422 when the source is not a valid flow. */
    public FlowRecord create(String source) {
        return create(source, namespace -> { });
    }

    /**
     * Deploys a new flow once {@code allowed} accepts its namespace (it throws to refuse); 409 when it
     * exists, 422 when the source is not a valid flow.
     */
    public FlowRecord create(String source, Consumer<String> allowed) {
        Flow flow = parse(source);
        allowed.accept(flow.namespace());
        return locks.locked(flow.namespace(), flow.id(), () -> {
            if (view.latest(flow.namespace(), flow.id()).isPresent()) {
                throw ApiException.conflict("flow " + flow.namespace() + "." + flow.id()
                    + " already exists; update it with PUT /api/v1/flows/" + flow.namespace() + "/" + flow.id());
            }
            return write(flow, source);
        });
    }

    /** Updates a flow; 404 when it does not exist, 422 when the source is invalid or names another flow. */
    public FlowRecord update(String namespace, String id, String source) {
        Flow flow = parse(source);
        if (!flow.namespace().equals(namespace) || !flow.id().equals(id)) {
            throw ApiException.invalid("the source defines flow " + flow.namespace() + "." + flow.id()
                + ", not " + namespace + "." + id + " (a flow's namespace and id cannot change)");
        }
        return locks.locked(namespace, id, () -> {
            if (view.latest(namespace, id).isEmpty()) {
                throw ApiException.notFound("flow " + namespace + "." + id + " does not exist");
            }
            return write(flow, source);
        });
    }

    /** Deploys a flow whether it exists or not (GitOps, a flow directory). */
    public FlowRecord deploy(String source) {
        Flow flow = parse(source);
        return locks.locked(flow.namespace(), flow.id(), () -> write(flow, source));
    }

    /** Deletes a flow (a new, deleted revision); 404 when it does not exist. */
    public FlowRecord delete(String namespace, String id) {
        return locks.locked(namespace, id, () -> {
            FlowRecord latest = view.latest(namespace, id)
                .orElseThrow(() -> ApiException.notFound("flow " + namespace + "." + id + " does not exist"));
            FlowRecord deleted = new FlowRecord(namespace, id, latest.revision() + 1, latest.source(), true,
                clock.instant());
            send(deleted);
            return deleted;
        });
    }

    /**
     * Makes a namespace hold exactly {@code sources}: each is deployed (a new revision only where it
     * changed), and with {@code deleteAbsent} the namespace's other flows are deleted. Every source is
     * checked before anything is written: one invalid source and nothing changes.
     */
    public List<FlowRecord> replaceNamespace(String namespace, List<String> sources, boolean deleteAbsent) {
        for (int i = 0; i < sources.size(); i++) {
            checkSize(sources.get(i), i + 1);
        }
        List<Flow> flows = new ArrayList<>();
        List<ApiError.Detail> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            ParseResult result = parser.validate(sources.get(i));
            String where = "source " + (i + 1) + ": ";
            if (!result.isValid()) {
                for (FlowProblem p : result.problems()) {
                    problems.add(new ApiError.Detail(where + p.message(), p.path(), p.line(), p.column()));
                }
                continue;
            }
            Flow flow = result.flow();
            if (!flow.namespace().equals(namespace)) {
                problems.add(new ApiError.Detail(where + "flow " + flow.id() + " is in namespace " + flow.namespace()
                    + ", not " + namespace, "namespace", null, null));
            } else if (!ids.add(flow.id())) {
                problems.add(new ApiError.Detail(where + "flow " + flow.id() + " is given twice", "id", null, null));
            }
            flows.add(flow);
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "the flows of namespace " + namespace
                + " were not updated: " + problems.size() + " problem(s)", problems);
        }
        List<FlowRecord> written = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) {
            Flow flow = flows.get(i);
            String source = sources.get(i);
            written.add(locks.locked(flow.namespace(), flow.id(), () -> write(flow, source)));
        }
        if (deleteAbsent) {
            for (FlowRecord f : view.all()) {
                if (f.namespace().equals(namespace) && !ids.contains(f.id())) {
                    delete(f.namespace(), f.id());
                }
            }
        }
        return written;
    }

    private Flow parse(String source) {
        if (source == null || source.isBlank()) {
            throw ApiException.invalid("the request has no flow source (send the YAML as the body, "
                + "with Content-Type: application/x-yaml)");
        }
        checkSize(source, 0);
        ParseResult result = parser.validate(source);
        if (!result.isValid()) {
            throw invalid(result.problems());
        }
        return result.flow();
    }

    /** The 422 answer for an invalid flow source, with each problem's line and column. */
    public static ApiException invalid(List<FlowProblem> problems) {
        List<ApiError.Detail> details = problems.stream()
            .map(p -> new ApiError.Detail(p.message(), p.path(), p.line(), p.column())).toList();
        FlowProblem first = problems.getFirst();
        String summary = "invalid flow: line " + first.line() + ", column " + first.column() + ": " + first.message()
            + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, summary, details);
    }

    /** 413 for a source larger than {@code millrace.api.max-flow-size}, before anything parses it. */
    private void checkSize(String source, int document) {
        if (source == null || (long) source.length() * 3 <= maxFlowSize) {
            return; // at most 3 UTF-8 bytes a char: small enough without counting
        }
        long bytes = source.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxFlowSize) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, (document > 0 ? "flow source " + document : "the flow source")
                + " is " + bytes + " bytes: a flow source may have at most " + maxFlowSize
                + " bytes (millrace.api.max-flow-size)");
        }
    }

    /** Writes the next revision; call it holding the flow's lock. */
    private FlowRecord write(Flow flow, String source) {
        FlowRecord newest = view.newest(flow.namespace(), flow.id()).orElse(null);
        if (newest != null && !newest.deleted() && Objects.equals(newest.source(), source)) {
            return newest; // unchanged: same revision, nothing written
        }
        int revision = newest == null ? 1 : newest.revision() + 1;
        FlowRecord record = new FlowRecord(flow.namespace(), flow.id(), revision, source, false, clock.instant());
        send(record);
        return record;
    }

    private void send(FlowRecord record) {
        String flowsTopic = kafka.topic(Topic.FLOWS);
        String revisionsTopic = kafka.topic(Topic.FLOW_REVISIONS);
        byte[] value = serde.serialize(flowsTopic, record);
        RecordMetadata flows;
        RecordMetadata revision;
        try {
            Future<RecordMetadata> f;
            Future<RecordMetadata> r;
            synchronized (transaction) {
                try {
                    producer.beginTransaction();
                    f = producer.send(new ProducerRecord<>(flowsTopic, record.key(), value));
                    r = producer.send(new ProducerRecord<>(revisionsTopic, record.key() + "/" + record.revision(), value));
                    producer.commitTransaction();
                } catch (KafkaException e) {
                    abort();
                    throw e;
                }
            }
            flows = f.get();
            revision = r.get();
        } catch (KafkaException e) {
            throw new IllegalStateException("the flow could not be written to Kafka: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the flow", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the flow could not be written to Kafka: " + e.getCause().getMessage(), e);
        }
        try {
            view.awaitPast(Map.of(
                new TopicPartition(flows.topic(), flows.partition()), flows.offset() + 1,
                new TopicPartition(revision.topic(), revision.partition()), revision.offset() + 1), CATCH_UP);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the flow was written but is not readable yet: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the flow to be readable", e);
        }
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            // the producer is fenced or broken: the next begin fails with a clear message
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
