package io.millrace.scheduler;

import io.millrace.kafka.KafkaClients;
import io.millrace.topics.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The scheduler's inputs must be partitioned alike: a command for a trigger must reach the task that holds
 * the trigger's flow. With different partition counts the same key lands on different partitions, and
 * commands would silently miss their trigger — so the scheduler refuses to start, and says why.
 */
final class SchedulerPartitions {

    static final List<Topic> CO_PARTITIONED = List.of(Topic.FLOWS, Topic.TRIGGER_COMMANDS,
        Topic.TRIGGER_EVALUATION_RESULTS);

    private SchedulerPartitions() {
    }

    static void check(KafkaClients kafka) {
        List<String> names = CO_PARTITIONED.stream().map(kafka::topic).toList();
        Map<String, TopicDescription> found;
        try (Admin admin = Admin.create(kafka.admin())) {
            found = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the scheduler's topics " + names + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the scheduler's topics", e);
        }
        Map<String, Integer> counts = found.values().stream()
            .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
        if (counts.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("the topics " + counts + " must have the same number of partitions for "
                + "the scheduler to route trigger commands to their flows; give them the same count");
        }
    }
}
