package io.millrace.kafka.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerExtensionTest {

    private static EmbeddedKafka first;

    @BeforeAll
    static void remember(EmbeddedKafka kafka) {
        first = kafka;
    }

    @Test
    void resolves_a_running_broker_and_its_address(EmbeddedKafka kafka, @BootstrapServers String bootstrap) throws Exception {
        assertThat(kafka.isRunning()).isTrue();
        assertThat(bootstrap).isEqualTo(kafka.bootstrapServers()).startsWith("127.0.0.1:");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

    @Test
    void publishes_the_address_for_spring_boot_tests(@BootstrapServers String bootstrap) {
        assertThat(System.getProperty(KafkaBrokerExtension.BOOTSTRAP_PROPERTY)).isEqualTo(bootstrap);
    }

    @Nested
    @ExtendWith(KafkaBrokerExtension.class)
    class AnotherClassUsingTheExtension {

        @Test
        void shares_the_same_broker(EmbeddedKafka kafka) {
            assertThat(kafka).isSameAs(first);
        }
    }
}
