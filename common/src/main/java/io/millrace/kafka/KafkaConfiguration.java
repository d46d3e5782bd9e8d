package io.millrace.kafka;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka beans every service shares: settings, client configurations, and the topics created
 * before anything uses them. Each service imports it, so several services in one process share
 * one set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
public class KafkaConfiguration {

    @Bean
    KafkaClients kafkaClients(KafkaSettings settings) {
        return new KafkaClients(settings);
    }

    @Bean
    TopicsReady topicsReady(KafkaClients kafka) {
        return TopicsReady.ensure(kafka);
    }
}
