package io.millrace.kafka;

import io.millrace.kafka.KafkaSettings.RecordLogger;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/** Logs the records a consumer receives that match the record loggers ({@link RecordLoggers}). */
public final class ConsumedRecordLogger implements ConsumerInterceptor<Object, Object> {

    private RecordLoggers loggers;

    @Override
    public void configure(Map<String, ?> configs) {
        loggers = RecordLoggers.fromConfigs(configs, RecordLogger.Type.CONSUMER);
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        for (ConsumerRecord<Object, Object> r : records) {
            loggers.log("received", r.topic(), r.partition(), r.offset(), r.key(), r.value());
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }
}
