package io.millrace.api.triggers;

import io.millrace.kafka.KafkaClients;
import io.millrace.model.trigger.command.TriggerCommand;
import io.millrace.topics.Topic;
import io.millrace.topics.VersionedJsonSerde;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes trigger commands to {@code trigger_commands}, keyed {@code namespace/flowId} so that each reaches the
 * scheduler instance owning the flow; a send returns once the broker has the command.
 */
public final class TriggerCommandSender implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final VersionedJsonSerde<TriggerCommand> serde = VersionedJsonSerde.of(Topic.TRIGGER_COMMANDS);

    public TriggerCommandSender(KafkaClients kafka) {
        this.topic = kafka.topic(Topic.TRIGGER_COMMANDS);
        this.producer = new KafkaProducer<>(kafka.producer("millrace-api-trigger-commands"), new StringSerializer(),
            new ByteArraySerializer());
    }

    /** Sends {@code command} and waits for the broker's acknowledgement. */
    public void send(TriggerCommand command) {
        try {
            producer.send(new ProducerRecord<>(topic, command.key(), serde.serialize(topic, command)))
                .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a trigger command", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the trigger command could not be written to Kafka: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
