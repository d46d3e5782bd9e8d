package io.millrace.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Services started where they cannot work — a bootstrap address where no Kafka answers, a port already
 * taken — print one line saying why and exit with status 2 within the bound the line names; no stack
 * trace, no Spring Boot failure report, no page of Kafka client warnings.
 */
class StartFailureIT {

    /** A JVM's start and Spring's, on a busy 2-core machine, before the connect timeout starts. */
    private static final Duration START = Duration.ofSeconds(40);
    private static final String TIMEOUT = "--millrace.kafka.connect-timeout=5s";

    @TempDir
    Path dir;

    @RegisterExtension
    final MillraceProcesses processes = new MillraceProcesses();

    @Test
    void servicesGivenABootstrapWhereNoKafkaAnswersSayWhyInOneLine() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.start();
        try {
            String closed = "127.0.0.1:" + MillraceProcesses.freePort();
            String web = "127.0.0.1:" + http.getAddress().getPort();
            // side by side: each waits for its timeout
            MillraceProcess refused = run("refused", "server", "worker", "--bootstrap", closed, TIMEOUT);
            MillraceProcess unresolved = run("unresolved", "server", "executor", "--bootstrap", "no-such-host.invalid:9092",
                TIMEOUT, "--millrace.kafka.stream.state-dir=" + dir);
            MillraceProcess notKafka = run("not-kafka", "server", "worker", "--bootstrap", web, TIMEOUT);

            assertOneLine(refused, "millrace: cannot reach Kafka at " + closed + " within 5 s "
                + "(millrace.kafka.connect-timeout): nothing listens on " + closed + " (connection refused)");
            assertOneLine(unresolved, "millrace: cannot reach Kafka at no-such-host.invalid:9092 within 5 s "
                + "(millrace.kafka.connect-timeout): the host no-such-host.invalid does not resolve");
            assertOneLine(notKafka, "millrace: cannot reach Kafka at " + web + " within 5 s "
                + "(millrace.kafka.connect-timeout): " + web + " accepts connections but does not answer Kafka's "
                + "requests: another kind of server on that port (HTTP?), security settings (security.protocol, "
                + "ssl.*, sasl.*) that do not match the broker's listener, or a broker advertising an address this "
                + "machine cannot reach");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aStandaloneWhoseKafkaPortIsTakenSaysSoInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            MillraceProcess standalone = run("port-taken", "server", "standalone", "--dir", dir.toString(), "--port", "0",
                "--kafka-port", String.valueOf(port));

            assertOneLine(standalone, "millrace: the Kafka port " + port + " on 127.0.0.1 (--kafka-port) is already in "
                + "use: stop what listens there or choose another port");
        }
    }

    @Test
    void aMistakeInTheGracePeriodIsNamedBeforeAnythingWaits() throws Exception {
        MillraceProcess worker = run("bad-grace", "server", "worker", "--bootstrap", "127.0.0.1:" + MillraceProcesses.freePort(),
            "--millrace.shutdown.grace-period=soon");

        assertOneLine(worker, "millrace: invalid setting millrace.shutdown.grace-period=soon: 'soon' is not a valid duration");
    }

    private MillraceProcess run(String name, String... args) {
        return processes.start(name, "256m", args);
    }

    private static void assertOneLine(MillraceProcess process, String line) throws InterruptedException {
        assertThat(process.awaitExit(START.plusSeconds(5))).as("exit status").isEqualTo(2);
        System.out.printf("%s ended after %d ms%n", line, process.runTime().toMillis());
        assertThat(process.stderrLines()).containsExactly(line);
        assertThat(process.stdout()).doesNotContain("\tat ", "Exception", "APPLICATION FAILED TO START");
    }
}
