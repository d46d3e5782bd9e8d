package io.millrace.kafka;

import io.millrace.util.Durations;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Utils;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Waits, when a service starts, until Kafka answers at the bootstrap servers, for at most
 * {@code millrace.kafka.connect-timeout}; past that it fails with one sentence that says why in words.
 *
 * <p>Two steps. First a plain TCP connection to each bootstrap server — does the name resolve, does
 * anything listen — retried until the timeout, since the broker may be starting at the same time; while
 * nothing listens no Kafka client exists yet, so none logs a warning per attempt. Then one Kafka request
 * through the admin client: a server that accepts connections but does not answer as a broker (an HTTP
 * server, a TLS listener reached without TLS settings, a broker advertising an address this machine
 * cannot reach) is found there.
 */
public final class BootstrapCheck {

    private static final Duration CONNECT_ATTEMPT = Duration.ofSeconds(3);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final String servers;
    private final Duration timeout;
    private final long deadline;

    private BootstrapCheck(String servers, Duration timeout) {
        this.servers = servers;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /** Starts the clock of a check of the bootstrap servers {@code clients} use. */
    public static BootstrapCheck of(KafkaClients clients) {
        Object servers = clients.admin().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        String list = servers instanceof Collection<?> c
            ? c.stream().map(String::valueOf).collect(Collectors.joining(","))
            : servers == null ? "" : servers.toString().strip();
        if (list.isEmpty()) {
            throw new KafkaUnreachableException("no Kafka bootstrap servers are configured: give --bootstrap HOST:PORT "
                + "or set millrace.kafka.client.properties.bootstrap.servers");
        }
        return new BootstrapCheck(list, clients.settings().connectTimeout());
    }

    /**
     * Returns once a TCP connection to one of the bootstrap servers succeeds.
     *
     * @throws KafkaUnreachableException when none accepts one before the timeout
     */
    public void awaitListening() {
        Map<String, InetSocketAddress> addresses = addresses();
        while (true) {
            Map<String, String> problems = new LinkedHashMap<>();
            for (Map.Entry<String, InetSocketAddress> server : addresses.entrySet()) {
                String problem = connect(server.getValue());
                if (problem == null) {
                    return;
                }
                problems.put(server.getKey(), problem);
            }
            if (remaining().isZero()) {
                throw unreachable(problems.values().stream().distinct().collect(Collectors.joining("; ")), null);
            }
            pause();
        }
    }

    /**
     * Returns once Kafka answers a request of {@code admin} (made with the same bootstrap servers).
     *
     * @throws KafkaUnreachableException when it does not answer before the timeout, or refuses this client
     */
    public void awaitAnswer(Admin admin) {
        long ms = Math.max(1_000, remaining().toMillis());
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, ms)))
                .nodes().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                throw unreachable(servers + " accepts connections but does not answer Kafka's requests: another kind "
                    + "of server on that port (HTTP?), security settings (security.protocol, ssl.*, sasl.*) that do "
                    + "not match the broker's listener, or a broker advertising an address this machine cannot reach",
                    cause);
            }
            throw unreachable("Kafka refused this client: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException("interrupted while waiting for Kafka at " + servers, e);
        }
    }

    /** Every configured server by its text, with its host still unresolved (resolved at each attempt). */
    private Map<String, InetSocketAddress> addresses() {
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        for (String server : Arrays.stream(servers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            String host = Utils.getHost(server);
            Integer port = Utils.getPort(server);
            if (host == null || port == null) {
                throw new KafkaUnreachableException("the Kafka bootstrap server '" + server + "' is not an address: "
                    + "write HOST:PORT, e.g. 127.0.0.1:9092");
            }
            addresses.put(server, InetSocketAddress.createUnresolved(host, port));
        }
        return addresses;
    }

    /** Null once a connection succeeds, else what went wrong, in words. */
    private String connect(InetSocketAddress server) {
        String where = server.getHostString() + ":" + server.getPort();
        InetAddress[] ips;
        try {
            ips = InetAddress.getAllByName(server.getHostString());
        } catch (UnknownHostException e) {
            return "the host " + server.getHostString() + " does not resolve";
        }
        List<String> problems = new ArrayList<>();
        for (InetAddress ip : ips) {
            try (Socket socket = new Socket()) {
                int ms = (int) Math.max(100, Math.min(CONNECT_ATTEMPT.toMillis(), remaining().toMillis()));
                socket.connect(new InetSocketAddress(ip, server.getPort()), ms);
                return null;
            } catch (ConnectException e) {
                problems.add("nothing listens on " + where + " (connection refused)");
            } catch (SocketTimeoutException e) {
                problems.add(where + " does not answer (connection timed out)");
            } catch (NoRouteToHostException e) {
                problems.add("no route to " + where);
            } catch (IOException e) {
                problems.add("cannot connect to " + where + ": " + e.getMessage());
            }
        }
        return problems.stream().distinct().collect(Collectors.joining(", "));
    }

    private KafkaUnreachableException unreachable(String why, Throwable cause) {
        return new KafkaUnreachableException("cannot reach Kafka at " + servers + " within " + Durations.seconds(timeout)
            + " (millrace.kafka.connect-timeout): " + why, cause);
    }

    private Duration remaining() {
        long nanos = deadline - System.nanoTime();
        return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(nanos);
    }

    private void pause() {
        try {
            Thread.sleep(Math.min(RETRY_PAUSE.toMillis(), Math.max(1, remaining().toMillis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException("interrupted while waiting for Kafka at " + servers, e);
        }
    }
}
