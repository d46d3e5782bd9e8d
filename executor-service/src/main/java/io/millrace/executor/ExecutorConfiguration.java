package io.millrace.executor;

import io.millrace.executor.kafka.ExecutorSettings;
import io.millrace.executor.kafka.ExecutorTopology;
import io.millrace.executor.kafka.FlowCache;
import io.millrace.kafka.streams.ManagedStreams;
import io.millrace.executor.kafka.PoisonRecords;
import io.millrace.kafka.RecordLimits;
import org.apache.kafka.streams.StreamsConfig;
import io.millrace.executor.orchestrator.Orchestrator;
import io.millrace.executor.triggers.FlowCatalog;
import io.millrace.executor.workers.DeadWorkerTopology;
import io.millrace.executor.triggers.FlowTriggerSettings;
import io.millrace.executor.triggers.FlowTriggerTopology;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaConfiguration;
import io.millrace.kafka.TopicsReady;
import io.millrace.secrets.EncryptionConfiguration;
import io.millrace.secrets.SecretCipher;
import io.millrace.shutdown.ShutdownSettings;
import io.millrace.template.EnvironmentSecrets;
import io.millrace.template.TemplateEngine;
import io.millrace.template.TemplateSettings;
import io.millrace.triggers.TriggerMatcher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.util.Properties;

/**
 * The executor's beans, importable by any Spring application (the executor on its own, or every
 * service in one process): the orchestrator, the flow cache and the Kafka Streams applications.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ExecutorSettings.class, ShutdownSettings.class, TemplateSettings.class})
@Import({KafkaConfiguration.class, EncryptionConfiguration.class})
public class ExecutorConfiguration {

    @Bean
    FlowCache flowCache() {
        return new FlowCache();
    }

    @Bean
    Orchestrator orchestrator(ExecutorSettings settings, SecretCipher cipher, TemplateSettings templates) {
        return new Orchestrator(new TemplateEngine(new EnvironmentSecrets(), templates.limits()),
            settings.maxSubflowDepth(), cipher);
    }

    @Bean
    ManagedStreams executorStreams(KafkaClients kafka, TopicsReady topics, Orchestrator orchestrator, FlowCache flows,
                                   ExecutorSettings settings, ShutdownSettings shutdown) {
        Properties props = ExecutorTopology.properties(kafka, settings);
        // what each topic takes is read once at start; a limit lowered later is caught by the production handler
        RecordLimits limits = RecordLimits.of(kafka, kafka.streams(ExecutorTopology.APPLICATION));
        PoisonRecords poison = PoisonRecords.of(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        return new ManagedStreams(ExecutorTopology.APPLICATION,
            () -> ExecutorTopology.build(kafka, orchestrator, flows, settings, limits, poison), props,
            shutdown.streamsCloseTimeout());
    }

    /** The dead-worker detector: one active instance among the executors, on one partition. */
    @Bean
    ManagedStreams deadWorkerStreams(KafkaClients kafka, TopicsReady topics, ExecutorSettings settings,
                                     ShutdownSettings shutdown) {
        return new ManagedStreams(DeadWorkerTopology.APPLICATION,
            () -> DeadWorkerTopology.build(kafka, settings.deadWorkers()), DeadWorkerTopology.properties(kafka),
            shutdown.streamsCloseTimeout());
    }

    @Bean
    ManagedStreams flowTriggerStreams(KafkaClients kafka, TopicsReady topics, ShutdownSettings shutdown,
                                      TemplateSettings templates) {
        TemplateEngine engine = new TemplateEngine(new EnvironmentSecrets(), templates.limits());
        return new ManagedStreams(FlowTriggerTopology.APPLICATION, () -> FlowTriggerTopology.build(kafka,
            new FlowCatalog(), new TriggerMatcher(engine), FlowTriggerSettings.DEFAULTS),
            FlowTriggerTopology.properties(kafka), shutdown.streamsCloseTimeout());
    }
}
