package io.millrace.kafka;

import io.millrace.kafka.KafkaSettings.RecordLogger;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.Map;

/** Logs the records a producer sends that match the record loggers ({@link RecordLoggers}). */
public final class ProducedRecordLogger implements ProducerInterceptor<Object, Object> {

    private RecordLoggers loggers;

    @Override
    public void configure(Map<String, ?> configs) {
        loggers = RecordLoggers.fromConfigs(configs, RecordLogger.Type.PRODUCER);
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        loggers.log("sent", record.topic(), record.partition(), null, record.key(), record.value());
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
