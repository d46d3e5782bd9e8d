package io.millrace.kafka.embedded;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker inside a Spring Boot application, as the standalone server runs it. */
class SpringBootEmbeddingTest {

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    static class ApplicationWithBroker {

        @Bean(initMethod = "start", destroyMethod = "close")
        EmbeddedKafka kafka(@Value("${test.kafka-dir}") Path dir) {
            return new EmbeddedKafka(dir);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EmptyApplication {
    }

    @Test
    void a_spring_boot_application_starts_with_the_broker_inside_and_kafka_quiet() throws Exception {
        try (ConfigurableApplicationContext app = application(ApplicationWithBroker.class,
            "logging.level.org.apache.kafka.controller=INFO")) {
            EmbeddedKafka kafka = app.getBean(EmbeddedKafka.class);
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }

            assertThat(LoggingSystem.get(getClass().getClassLoader())).isInstanceOf(LogbackLoggingSystem.class);
            assertThat(LoggerFactory.getLogger("kafka.server.BrokerServer").isInfoEnabled()).isFalse();
            assertThat(LoggerFactory.getLogger("kafka.server.BrokerServer").isWarnEnabled()).isTrue();
            assertThat(LoggerFactory.getLogger("org.apache.kafka.clients.producer.internals.Sender").isWarnEnabled()).isFalse();
            assertThat(LoggerFactory.getLogger("org.apache.kafka.controller.QuorumController").isInfoEnabled())
                .as("a level the application sets wins").isTrue();
        }
    }

    @Test
    void the_quiet_levels_survive_a_reload_of_the_logging_configuration() throws Exception {
        try (ConfigurableApplicationContext app = application(ApplicationWithBroker.class)) {
            LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(logback);
            logback.reset();
            configurator.doConfigure(getClass().getResource("/logback-test.xml"));

            assertThat(LoggerFactory.getLogger("kafka.server.BrokerServer").isInfoEnabled()).isFalse();
            assertThat(LoggerFactory.getLogger("org.apache.kafka.raft.KafkaRaftClient").isInfoEnabled()).isFalse();
        }
    }

    private ConfigurableApplicationContext application(Class<?> configuration, String... properties) {
        return new SpringApplicationBuilder(configuration)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "test.kafka-dir=" + dir.resolve("kafka"))
            .properties(properties)
            .run();
    }
}
