package io.millrace.scheduler;

import io.micrometer.core.instrument.MeterRegistry;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaConfiguration;
import io.millrace.kafka.TopicsReady;
import io.millrace.kafka.streams.ManagedStreams;
import io.millrace.schedule.FireCalendars;
import io.millrace.scheduler.kafka.SchedulerMetrics;
import io.millrace.scheduler.kafka.SchedulerTopology;
import io.millrace.scheduler.schedule.TriggerRules;
import io.millrace.shutdown.ShutdownSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The scheduler's beans, importable by any Spring application (the scheduler on its own, or every service
 * in one process): its rules and its Kafka Streams application.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SchedulerSettings.class, ShutdownSettings.class})
@Import(KafkaConfiguration.class)
public class SchedulerConfiguration {

    @Bean
    TriggerRules triggerRules(SchedulerSettings settings) {
        return new TriggerRules(new FireCalendars(settings.timezone()), settings);
    }

    @Bean
    ManagedStreams schedulerStreams(KafkaClients kafka, TopicsReady topics, TriggerRules rules,
                                    SchedulerSettings settings, ShutdownSettings shutdown,
                                    ObjectProvider<MeterRegistry> registry) {
        SchedulerPartitions.check(kafka);
        MeterRegistry meters = registry.getIfAvailable();
        SchedulerMetrics metrics = meters == null ? SchedulerMetrics.none() : new SchedulerMetrics(meters);
        return new ManagedStreams(SchedulerTopology.APPLICATION,
            () -> SchedulerTopology.build(kafka, rules, settings, metrics),
            SchedulerTopology.properties(kafka, settings), shutdown.streamsCloseTimeout());
    }
}
