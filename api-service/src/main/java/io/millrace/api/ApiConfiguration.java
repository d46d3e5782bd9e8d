package io.millrace.api;

import io.millrace.kafka.KafkaConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The api's beans, importable by any Spring application (the api on its own, or every service in
 * one process): the REST controllers, the indexer and the search store.
 */
@Configuration(proxyBeanMethods = false)
@Import(KafkaConfiguration.class)
public class ApiConfiguration {
}
