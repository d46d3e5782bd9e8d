package io.millrace.topics;

import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Partitions a key of the form {@code executionId[/…]} by its execution id alone, with Kafka's
 * own hash of keyed records: a composite key lands on the same partition as the plain execution
 * id would, so every record of one execution meets on one partition (and one executor task).
 */
public final class ExecutionIdPartitioner implements Partitioner {

    /** The partition of {@code key} among {@code partitions}. */
    public static int partition(String key, int partitions) {
        byte[] id = Keys.executionId(key).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(id)) % partitions;
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (key == null) {
            throw new IllegalArgumentException("a record of " + topic + " needs a key");
        }
        return partition(key.toString(), cluster.partitionCountForTopic(topic));
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
