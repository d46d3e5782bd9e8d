package io.millrace.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaConfiguration;
import io.millrace.kafka.TopicsReady;
import io.millrace.secrets.EncryptionConfiguration;
import io.millrace.secrets.SecretCipher;
import io.millrace.shutdown.ShutdownSettings;
import io.millrace.storage.InternalStorage;
import io.millrace.storage.StorageConfiguration;
import io.millrace.template.TemplateSettings;
import io.millrace.util.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;

/**
 * The worker's Spring wiring: binds {@code millrace.kafka.*}, {@code millrace.worker.*} and
 * {@code millrace.shutdown.*}, builds the {@link Worker} and starts and stops it with the application
 * context. Another application (the standalone server) imports it with
 * {@code @Import(WorkerConfiguration.class)}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WorkerSettings.class, ShutdownSettings.class, TemplateSettings.class})
@Import({KafkaConfiguration.class, StorageConfiguration.class, EncryptionConfiguration.class})
public class WorkerConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerConfiguration.class);

    /** The worker; its meters go to the application's {@link MeterRegistry} if it has one. */
    @Bean
    public Worker millraceWorker(WorkerSettings settings, ShutdownSettings shutdown, KafkaClients kafka, TopicsReady topics,
                                 ObjectProvider<MeterRegistry> registry, InternalStorage storage,
                                 SecretCipher cipher, TemplateSettings templates) {
        Duration attemptWait = settings.attemptWait(shutdown.gracePeriod());
        Duration stop = attemptWait.plus(WorkerSettings.interruptWait(attemptWait));
        if (stop.compareTo(shutdown.gracePeriod()) >= 0) {
            LOG.warn("millrace.worker.shutdown-grace ({}) and the wait for interrupted attempts after it ({}) do not fit "
                    + "in millrace.shutdown.grace-period ({}): a worker stopped while attempts run exits before it "
                    + "reports them, and they wait for dead-worker detection", Durations.seconds(attemptWait),
                Durations.seconds(WorkerSettings.interruptWait(attemptWait)), Durations.seconds(shutdown.gracePeriod()));
        }
        return new Worker(kafka, settings.withShutdownGrace(attemptWait), registry.getIfAvailable(), storage, cipher,
            templates.taskLimits());
    }

    /** Starts the worker once the context is refreshed and stops it gracefully when the context closes. */
    @Bean
    public WorkerLifecycle millraceWorkerLifecycle(Worker worker) {
        return new WorkerLifecycle(worker);
    }
}
