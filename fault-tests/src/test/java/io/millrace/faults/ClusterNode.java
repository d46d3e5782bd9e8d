package io.millrace.faults;

import io.millrace.kafka.embedded.EmbeddedKafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One node (broker and controller in one) of a replicated KRaft cluster, run as its own JVM by the
 * fault tests: a static quorum of every node, three replicas and two in sync for every topic,
 * including the consumer offsets and the transaction state.
 *
 * <p>Arguments: {@code nodeId clusterId logDir brokerPort controllerPort voters}, where voters is
 * Kafka's {@code controller.quorum.voters} ({@code 1@127.0.0.1:port,2@…}).
 */
public final class ClusterNode {

    /** What a node prints once it serves clients. */
    static final String READY = "Kafka cluster node listening on ";

    private ClusterNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 6) {
            System.err.println("usage: ClusterNode nodeId clusterId logDir brokerPort controllerPort voters");
            System.exit(2);
        }
        int nodeId = Integer.parseInt(args[0]);
        int brokerPort = Integer.parseInt(args[3]);
        int controllerPort = Integer.parseInt(args[4]);
        EmbeddedKafka node = new EmbeddedKafka(Path.of(args[2]), brokerPort,
            config(nodeId, brokerPort, controllerPort, args[5]), args[1]);
        node.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "cluster-node-stop"));
        System.out.println(READY + node.bootstrapServers());
        stopped.await();
    }

    static Map<String, String> config(int nodeId, int brokerPort, int controllerPort, String voters) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("node.id", String.valueOf(nodeId));
        c.put("controller.quorum.voters", voters);
        c.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        c.put("default.replication.factor", "3");
        c.put("min.insync.replicas", "2");
        c.put("offsets.topic.replication.factor", "3");
        c.put("transaction.state.log.replication.factor", "3");
        c.put("transaction.state.log.min.isr", "2");
        c.put("share.coordinator.state.topic.replication.factor", "3");
        c.put("share.coordinator.state.topic.min.isr", "2");
        return c;
    }
}
