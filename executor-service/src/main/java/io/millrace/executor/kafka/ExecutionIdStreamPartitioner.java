package io.millrace.executor.kafka;

import io.millrace.topics.ExecutionIdPartitioner;
import org.apache.kafka.streams.processor.StreamPartitioner;

import java.util.Optional;
import java.util.Set;

/** The Kafka Streams side of {@link ExecutionIdPartitioner}: composite keys go where their execution id goes. */
final class ExecutionIdStreamPartitioner implements StreamPartitioner<String, Object> {

    static final ExecutionIdStreamPartitioner INSTANCE = new ExecutionIdStreamPartitioner();

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, Object value, int numPartitions) {
        return Optional.of(Set.of(ExecutionIdPartitioner.partition(key, numPartitions)));
    }
}
