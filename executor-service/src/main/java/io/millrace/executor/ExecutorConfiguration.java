package io.millrace.executor;

import io.millrace.executor.kafka.ExecutorSettings;
import io.millrace.executor.kafka.ExecutorStreams;
import io.millrace.executor.kafka.FlowCache;
import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaSettings;
import io.millrace.template.EnvironmentSecrets;
import io.millrace.template.TemplateEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The executor's beans, importable by any Spring application (the executor on its own, or every
 * service in one process): the orchestrator, the flow cache and the Kafka Streams applications.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaSettings.class, ExecutorSettings.class})
public class ExecutorConfiguration {

    @Bean
    KafkaClients kafkaClients(KafkaSettings settings) {
        return new KafkaClients(settings);
    }

    @Bean
    FlowCache flowCache() {
        return new FlowCache();
    }

    @Bean
    Orchestrator orchestrator() {
        return new Orchestrator(new TemplateEngine(new EnvironmentSecrets()));
    }

    @Bean
    ExecutorStreams executorStreams(KafkaClients kafka, Orchestrator orchestrator, FlowCache flows,
                                    ExecutorSettings settings) {
        return new ExecutorStreams(kafka, orchestrator, flows, settings);
    }
}
