package io.millrace.kafka;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.millrace.kafka.embedded.BootstrapServers;
import io.millrace.kafka.embedded.KafkaBrokerExtension;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service's start against a wrong bootstrap address: one sentence saying why, within the connect timeout. */
@ExtendWith(KafkaBrokerExtension.class)
class BootstrapCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Logger kafkaClientLog = (Logger) LoggerFactory.getLogger("org.apache.kafka.clients");
    private final ListAppender<ILoggingEvent> clientLines = new ListAppender<>();

    @BeforeEach
    void captureClientLogs() {
        clientLines.start();
        kafkaClientLog.addAppender(clientLines);
    }

    @AfterEach
    void releaseClientLogs() {
        kafkaClientLog.detachAppender(clientLines);
    }

    @Test
    void aPortNothingListensOnIsRefusedInWords() throws Exception {
        String address = "127.0.0.1:" + closedPort();

        assertThatThrownBy(() -> createTopics(address))
            .isInstanceOf(KafkaUnreachableException.class)
            .hasMessage("cannot reach Kafka at " + address + " within 2 s (millrace.kafka.connect-timeout): "
                + "nothing listens on " + address + " (connection refused)");
        assertThat(clientLines.list).as("the Kafka client's warnings").isEmpty();
    }

    @Test
    void aHostThatDoesNotResolveIsNamed() {
        assertThatThrownBy(() -> createTopics("no-such-host.invalid:9092"))
            .isInstanceOf(KafkaUnreachableException.class)
            .hasMessageEndingWith("within 2 s (millrace.kafka.connect-timeout): the host no-such-host.invalid does not resolve");
    }

    @Test
    void aServerThatIsNotKafkaIsToldApartFromNoServer() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.start();
        try {
            String address = "127.0.0.1:" + http.getAddress().getPort();
            long start = System.nanoTime();

            assertThatThrownBy(() -> createTopics(address))
                .isInstanceOf(KafkaUnreachableException.class)
                .hasMessageStartingWith("cannot reach Kafka at " + address + " within 2 s")
                .hasMessageContaining(address + " accepts connections but does not answer Kafka's requests");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(3));
            assertThat(clientLines.list).as("the Kafka client's warnings").hasSizeLessThan(3);
        } finally {
            http.stop(0);
        }
    }

    @Test
    void anAddressThatIsNotOneIsNamed() {
        assertThatThrownBy(() -> createTopics("kafka"))
            .isInstanceOf(KafkaUnreachableException.class)
            .hasMessageContaining("'kafka' is not an address");
    }

    @Test
    void oneAnsweringBrokerAmongTheBootstrapServersIsEnough(@BootstrapServers String bootstrap) {
        KafkaClients clients = clients(bootstrap + ",127.0.0.1:1");

        assertThatCode(() -> {
            BootstrapCheck check = BootstrapCheck.of(clients);
            check.awaitListening();
            try (Admin admin = Admin.create(clients.admin())) {
                check.awaitAnswer(admin);
            }
        }).doesNotThrowAnyException();
    }

    private static void createTopics(String bootstrap) {
        new TopicCreator(clients(bootstrap)).createMissing();
    }

    private static KafkaClients clients(String bootstrap) {
        return new KafkaClients(new Binder(new MapConfigurationPropertySource(Map.of(
            "millrace.kafka.client.properties.bootstrap.servers", bootstrap,
            "millrace.kafka.connect-timeout", TIMEOUT.toMillis() + "ms",
            "millrace.kafka.defaults.topic-prefix", "bootstrap_check_")))
            .bindOrCreate("millrace.kafka", KafkaSettings.class));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
