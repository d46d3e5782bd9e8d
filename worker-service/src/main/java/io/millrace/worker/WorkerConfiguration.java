package io.millrace.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaConfiguration;
import io.millrace.kafka.TopicsReady;
import io.millrace.storage.InternalStorage;
import io.millrace.storage.StorageConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The worker's Spring wiring: binds {@code millrace.kafka.*} and {@code millrace.worker.*}, builds the
 * {@link Worker} and starts and stops it with the application context. Another application (the
 * standalone server) imports it with {@code @Import(WorkerConfiguration.class)}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerSettings.class)
@Import({KafkaConfiguration.class, StorageConfiguration.class})
public class WorkerConfiguration {

    /** The worker; its meters go to the application's {@link MeterRegistry} if it has one. */
    @Bean
    public Worker millraceWorker(KafkaClients kafka, TopicsReady topics, WorkerSettings settings,
                                 ObjectProvider<MeterRegistry> registry, InternalStorage storage) {
        return new Worker(kafka, settings, registry.getIfAvailable(), storage);
    }

    /** Starts the worker once the context is refreshed and stops it gracefully when the context closes. */
    @Bean
    public WorkerLifecycle millraceWorkerLifecycle(Worker worker) {
        return new WorkerLifecycle(worker);
    }
}
