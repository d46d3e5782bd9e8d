package io.millrace.executor.triggers;

import io.millrace.topics.ExecutionIdPartitioner;
import org.apache.kafka.streams.processor.StreamPartitioner;

import java.util.Optional;
import java.util.Set;

/** Puts each command on the partition of its execution id, as {@link ExecutionIdPartitioner} does for producers. */
final class CommandPartitioner implements StreamPartitioner<String, Object> {

    static final CommandPartitioner INSTANCE = new CommandPartitioner();

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, Object value, int numPartitions) {
        return Optional.of(Set.of(ExecutionIdPartitioner.partition(key, numPartitions)));
    }
}
