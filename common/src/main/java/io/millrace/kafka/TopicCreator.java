package io.millrace.kafka;

import io.millrace.topics.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Creates the Millrace topics that do not exist yet, with the names, partition counts, replication
 * factors and configs of {@link KafkaClients}, and leaves existing topics as they are. Every
 * service runs it at start; several at once are fine, since a topic another service has just
 * created counts as created.
 *
 * <p>It returns only when the new topics can be produced to: an idempotent producer that writes
 * to a topic the broker has only just created can fail with {@code OUT_OF_ORDER_SEQUENCE_NUMBER}
 * and drop its records at the delivery timeout (KAFKA-15591, fixed after Kafka 4.1.2). Waiting
 * until the broker answers {@code listOffsets} for every partition avoids it.
 */
public final class TopicCreator {

    /** How long new topics may take to become readable before start-up fails. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private final KafkaClients clients;
    private final Duration readyTimeout;

    public TopicCreator(KafkaClients clients) {
        this(clients, DEFAULT_READY_TIMEOUT);
    }

    public TopicCreator(KafkaClients clients, Duration readyTimeout) {
        this.clients = clients;
        this.readyTimeout = readyTimeout;
    }

    /**
     * Waits until Kafka answers (at most {@code millrace.kafka.connect-timeout}), then creates the missing
     * topics with an admin client of its own; returns the names it created.
     *
     * @throws KafkaUnreachableException when Kafka does not answer in time, saying why
     */
    public List<String> createMissing() {
        wanted(); // a mistake in the topic settings is reported at once, not after waiting for Kafka
        BootstrapCheck check = BootstrapCheck.of(clients);
        check.awaitListening();
        try (Admin admin = Admin.create(clients.admin())) {
            check.awaitAnswer(admin);
            return createMissing(admin);
        }
    }

    /**
     * Creates the missing topics and waits until they are readable; returns the names this call
     * created (not those another process created meanwhile).
     *
     * @throws IllegalStateException when Kafka cannot be reached, refuses a topic, or does not
     *                               serve the new topics within the ready timeout
     */
    public List<String> createMissing(Admin admin) {
        Map<String, NewTopic> wanted = wanted();
        Set<String> existing = get(admin.listTopics().names(), "list the topics");
        warnAboutPartitionCounts(admin, wanted, existing);

        List<NewTopic> missing = wanted.values().stream().filter(t -> !existing.contains(t.name())).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        CreateTopicsResult result = admin.createTopics(missing);
        List<String> created = new ArrayList<>();
        Map<String, Integer> toAwait = new LinkedHashMap<>();
        for (NewTopic topic : missing) {
            try {
                result.values().get(topic.name()).get();
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Kafka refused to create the topic " + topic.name() + " ("
                        + topic.numPartitions() + " partitions, replication factor "
                        + topic.replicationFactor() + ", configs " + topic.configs() + "): "
                        + e.getCause().getMessage(), e.getCause());
                }
                // another service created it a moment ago; it may be just as new
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating the Kafka topics", e);
            }
            toAwait.put(topic.name(), topic.numPartitions());
        }
        if (!created.isEmpty()) {
            LOG.info("Created the Kafka topics {}", created);
        }
        awaitReadable(admin, actualPartitions(admin, toAwait));
        return created;
    }

    /** Every Millrace topic by its full name, as it would be created. */
    private Map<String, NewTopic> wanted() {
        Map<String, NewTopic> wanted = new LinkedHashMap<>();
        for (Topic topic : Topic.values()) {
            NewTopic t = newTopic(topic);
            wanted.put(t.name(), t);
        }
        return wanted;
    }

    private NewTopic newTopic(Topic topic) {
        String name = clients.topic(topic);
        int partitions;
        short replicationFactor;
        try {
            partitions = clients.partitions(topic);
            replicationFactor = clients.replicationFactor(topic);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the partitions and replication.factor of the topic " + topic.baseName()
                + " must be whole numbers: " + e.getMessage(), e);
        }
        Map<String, String> configs = new LinkedHashMap<>(clients.topicConfig(topic));
        configs.remove("partitions");
        configs.remove("replication.factor");
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }

    private void warnAboutPartitionCounts(Admin admin, Map<String, NewTopic> wanted, Set<String> existing) {
        List<String> ours = wanted.keySet().stream().filter(existing::contains).toList();
        if (ours.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(ours).allTopicNames(), "describe the topics");
        for (TopicDescription description : descriptions.values()) {
            int expected = wanted.get(description.name()).numPartitions();
            int actual = description.partitions().size();
            if (actual != expected) {
                LOG.warn("The Kafka topic {} has {} partitions where the settings ask for {}; Millrace leaves existing "
                        + "topics as they are (a key keeps its partition only while the count stays the same)",
                    description.name(), actual, expected);
            }
        }
    }

    /** The partition counts of topics another process created, which may differ from ours. */
    private Map<String, Integer> actualPartitions(Admin admin, Map<String, Integer> expected) {
        Map<String, Integer> counts = new LinkedHashMap<>(expected);
        try {
            admin.describeTopics(expected.keySet()).allTopicNames().get()
                .forEach((name, d) -> counts.put(name, d.partitions().size()));
        } catch (ExecutionException e) {
            // not described yet: the counts asked for are the best guess, and awaitReadable retries
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the Kafka topics", e);
        }
        return counts;
    }

    private void awaitReadable(Admin admin, Map<String, Integer> topics) {
        Set<TopicPartition> pending = new LinkedHashSet<>();
        topics.forEach((name, partitions) -> {
            for (int p = 0; p < partitions; p++) {
                pending.add(new TopicPartition(name, p));
            }
        });
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        Throwable lastError = null;
        while (true) {
            long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            pending.forEach(tp -> request.put(tp, OffsetSpec.latest()));
            ListOffsetsResult result = admin.listOffsets(request,
                new ListOffsetsOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, remainingMs)));
            for (TopicPartition tp : List.copyOf(pending)) {
                try {
                    result.partitionResult(tp).get();
                    pending.remove(tp);
                } catch (ExecutionException e) {
                    lastError = e.getCause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the new Kafka topics", e);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("Kafka created the topics " + topics.keySet() + " but did not serve "
                    + pending.size() + " of their partitions within " + readyTimeout.toSeconds() + " s: "
                    + describe(pending) + (lastError == null ? "" : " (last error: " + lastError.getMessage() + ")")
                    + "; check that the brokers are up and have room for the replicas");
            }
            pause();
        }
    }

    private static String describe(Set<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        return byTopic.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the new Kafka topics", e);
        }
    }

    private <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what + " of Kafka at "
                + clients.admin().getOrDefault("bootstrap.servers", "(no bootstrap.servers)") + ": "
                + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what + " of Kafka", e);
        }
    }
}
