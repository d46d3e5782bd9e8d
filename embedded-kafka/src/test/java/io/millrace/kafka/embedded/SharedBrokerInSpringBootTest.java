package io.millrace.kafka.embedded;

import io.millrace.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** How a service's Spring Boot test gets the shared broker: no set-up beyond the extension. */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(classes = SharedBrokerInSpringBootTest.Service.class, properties = "spring.main.banner-mode=off")
class SharedBrokerInSpringBootTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KafkaSettings.class)
    static class Service {
    }

    @Autowired
    KafkaSettings settings;

    @Test
    void the_application_binds_the_brokers_address(@BootstrapServers String bootstrap) {
        assertThat(settings.client().properties()).containsEntry("bootstrap.servers", bootstrap);
    }

    @Test
    void the_broker_stays_quiet_after_spring_boot_configured_the_logging() {
        assertThat(LoggerFactory.getLogger("kafka.server.BrokerServer").isInfoEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("org.apache.kafka.controller.QuorumController").isInfoEnabled()).isFalse();
    }
}
