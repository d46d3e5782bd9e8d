package io.millrace.tasks.kafka;

import io.millrace.model.trigger.PollResult;
import io.millrace.model.trigger.TriggerContext;
import io.millrace.plugin.Plugin;
import io.millrace.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the records of Kafka topics that its consumer group has not read yet, every {@code interval}, and
 * starts one execution with the batch: the records go to a JSON Lines file of internal storage
 * ({@code trigger.uri}, one record per line, see {@link KafkaMessages}) and their number is
 * {@code trigger.messagesCount}. Nothing read, nothing started.
 */
@Plugin(id = "io.millrace.kafka.Trigger",
    aliases = {"io.kestra.plugin.kafka.Trigger"},
    title = "Read new Kafka records every interval and start one execution with the batch.",
    example = """
        id: orders
        type: io.millrace.kafka.Trigger
        properties:
          bootstrap.servers: localhost:9092
        topic: orders
        groupId: millrace-orders
        valueDeserializer: JSON
        interval: PT30S
        maxRecords: 1000
        """)
public final class KafkaTrigger extends KafkaPollingTrigger {

    /** The longest read when the flow sets no maxDuration: well within a worker's evaluation timeout. */
    static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(30);
    /** Kestra's default poll duration. */
    static final Duration DEFAULT_POLL_DURATION = Duration.ofSeconds(5);

    @Override
    protected Duration defaultMaxDuration() {
        return DEFAULT_MAX_DURATION;
    }

    @Override
    protected Duration defaultPollDuration() {
        return DEFAULT_POLL_DURATION;
    }

    @Override
    public PollResult evaluate(TriggerContext context) throws Exception {
        KafkaPoll poll = open(context);
        try {
            List<ConsumerRecord<byte[], byte[]>> records = poll.read(limits(false, Long.MAX_VALUE));
            if (records.isEmpty()) {
                poll.close();
                return PollResult.none();
            }
            URI uri = store(context, records);
            Map<String, Object> fire = new LinkedHashMap<>();
            fire.put("uri", uri.toString());
            fire.put("messagesCount", records.size());
            return PollResult.of(List.of(fire), poll::commit, poll);
        } catch (Exception | Error e) {
            poll.close();
            throw e;
        }
    }

    /** Writes the records, one JSON object a line, to internal storage. */
    private URI store(TriggerContext context, List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        Path file = Files.createTempFile("millrace-kafka-", ".jsonl");
        try {
            try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8))) {
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    out.write(Json.write(KafkaMessages.of(r, keyDeserializer(), valueDeserializer())));
                    out.write('\n');
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                return context.storeFile("messages.jsonl", in);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
