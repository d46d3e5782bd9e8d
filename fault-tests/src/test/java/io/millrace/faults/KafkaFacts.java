package io.millrace.faults;

import io.millrace.kafka.KafkaClients;
import io.millrace.topics.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

/**
 * What the Kafka cluster knows about one installation, asked through the admin API: which
 * executor or scheduler process owns which partitions, which broker leads which partition and controls the
 * quorum, how the topics are replicated.
 */
final class KafkaFacts {

    private static final String EXECUTOR_GROUP = "executor";
    private static final String SCHEDULER_GROUP = "scheduler";

    private final KafkaClients kafka;
    private final String prefix;

    /** Facts about the installation whose topics and groups start with {@code prefix}. */
    KafkaFacts(KafkaClients kafka, String prefix) {
        this.kafka = kafka;
        this.prefix = prefix;
    }

    /**
     * The partitions of {@code execution_commands} each executor process owns, by process (Kafka
     * Streams names each thread's consumer {@code <application id>-<process id>-StreamThread-<n>-consumer});
     * empty while the group rebalances.
     */
    Map<String, Set<Integer>> executorOwners() {
        return streamsOwners(EXECUTOR_GROUP, Topic.EXECUTION_COMMANDS);
    }

    /** The partitions of {@code flows} each scheduler process owns, by process; empty while the group rebalances. */
    Map<String, Set<Integer>> schedulerOwners() {
        return streamsOwners(SCHEDULER_GROUP, Topic.FLOWS);
    }

    /** The partitions of {@code topic} each process of the Kafka Streams application {@code application} owns. */
    private Map<String, Set<Integer>> streamsOwners(String application, Topic topic) {
        String group = kafka.group(application);
        String source = kafka.topic(topic);
        Optional<ConsumerGroupDescription> described = ask("describe the " + application + " group", admin -> {
            try {
                return Optional.of(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return Optional.empty();
                }
                throw e;
            }
        });
        Map<String, Set<Integer>> owners = new HashMap<>();
        if (described.isEmpty() || described.get().groupState() != GroupState.STABLE) {
            return owners;
        }
        ConsumerGroupDescription d = described.get();
        for (MemberDescription m : d.members()) {
            String process = m.clientId().replaceAll("-StreamThread-\\d+-consumer$", "");
            m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(source))
                .forEach(tp -> owners.computeIfAbsent(process, k -> new TreeSet<>()).add(tp.partition()));
        }
        return owners;
    }

    /** The node id of the active controller of the cluster. */
    int quorumLeader() {
        return ask("describe the quorum", admin -> admin.describeMetadataQuorum().quorumInfo().get().leaderId());
    }

    /** The partitions of {@code topic} whose leader is the node {@code nodeId}. */
    Set<Integer> partitionsLedBy(int nodeId, Topic topic) {
        String name = kafka.topic(topic);
        Set<Integer> led = new TreeSet<>();
        ask("describe " + name, admin -> admin.describeTopics(List.of(name)).allTopicNames().get().get(name))
            .partitions().stream().filter(p -> p.leader() != null && p.leader().id() == nodeId)
            .forEach(p -> led.add(p.partition()));
        return led;
    }

    /**
     * Every topic of this installation (Millrace's and Kafka Streams') and Kafka's own offsets and
     * transaction-state topics whose replication factor is not {@code replicas} or whose effective
     * {@code min.insync.replicas} is not {@code minInSync}, with what they have.
     */
    List<String> replicationProblems(int expectedReplicas, int minInSync) {
        List<String> topics = ask("list the topics", admin -> admin.listTopics(new ListTopicsOptions().listInternal(true))
            .names().get()).stream()
            .filter(t -> t.startsWith(prefix) || t.equals("__consumer_offsets") || t.equals("__transaction_state"))
            .sorted().toList();
        Map<String, TopicDescription> described = ask("describe the topics",
            admin -> admin.describeTopics(topics).allTopicNames().get());
        Map<ConfigResource, Config> configs = ask("describe the topic configs", admin -> admin.describeConfigs(
            topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get());
        List<String> problems = new ArrayList<>();
        for (String t : topics) {
            int rf = described.get(t).partitions().getFirst().replicas().size();
            String isr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t)).get("min.insync.replicas").value();
            if (rf != expectedReplicas || !String.valueOf(minInSync).equals(isr)) {
                problems.add(t + ": replication factor " + rf + ", min.insync.replicas " + isr);
            }
        }
        if (!topics.contains("__transaction_state") || !topics.contains("__consumer_offsets")) {
            problems.add("Kafka's offsets and transaction-state topics are not both there: " + topics);
        }
        return problems;
    }

    /** A question to Kafka's admin API. */
    private interface AdminQuery<T> {
        T ask(Admin admin) throws ExecutionException, InterruptedException;
    }

    private <T> T ask(String what, AdminQuery<T> query) {
        try (Admin admin = Admin.create(kafka.admin())) {
            return query.ask(admin);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }
}
