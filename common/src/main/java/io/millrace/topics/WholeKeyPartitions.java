package io.millrace.topics;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * Where Kafka's default partitioner puts a keyed record: the partition of its whole key. Topics not keyed by
 * execution ({@code flows}, {@code flow_revisions}, {@code trigger_commands}…) are written this way by the api,
 * and the scheduler relies on it to find a flow's commands on the flow's partition; a client that uses
 * {@link ExecutionIdPartitioner} for every topic must place these records itself.
 */
public final class WholeKeyPartitions {

    private WholeKeyPartitions() {
    }

    /** The partition of {@code key} among {@code partitions}. */
    public static int of(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
