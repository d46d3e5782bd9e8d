package io.millrace.api;

import io.millrace.api.executions.ExecutionService;
import io.millrace.api.executions.LiveExecutions;
import io.millrace.api.executions.LiveLogs;
import io.millrace.api.flows.FlowService;
import io.millrace.api.flows.FlowView;
import io.millrace.api.limits.ApiLimits;
import io.millrace.api.limits.LimitsConfiguration;
import io.millrace.api.search.SearchConfiguration;
import io.millrace.api.web.ApiErrors;
import io.millrace.api.web.ErrorPage;
import io.millrace.api.web.executions.ExecutionController;
import io.millrace.api.web.flows.FlowController;
import io.millrace.api.web.health.HealthController;
import io.millrace.api.web.logs.LogController;
import io.millrace.api.store.TriggerStore;
import io.millrace.api.triggers.TriggerCommandSender;
import io.millrace.api.triggers.TriggerService;
import io.millrace.api.web.triggers.TriggerCommandController;
import io.millrace.api.web.triggers.TriggerController;
import io.millrace.api.security.ApiSecurity;
import io.millrace.api.security.BrowserDefencesConfiguration;
import io.millrace.api.web.plugins.PluginController;
import io.millrace.api.web.OpenApiDocs;
import io.millrace.api.webhooks.WebhookConfiguration;
import io.millrace.storage.InternalStorage;
import io.millrace.storage.StorageConfiguration;
import io.millrace.kafka.KafkaClients;
import io.millrace.kafka.KafkaConfiguration;
import io.millrace.kafka.TopicsReady;
import io.millrace.serde.FlowParser;
import io.millrace.secrets.EncryptionConfiguration;
import io.millrace.secrets.SecretCipher;
import io.millrace.template.EnvironmentSecrets;
import io.millrace.template.TemplateEngine;
import io.millrace.template.TemplateSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The api's beans, importable by any Spring application (the api on its own, or every service in
 * one process): the REST controllers and what they read and write.
 */
@Configuration(proxyBeanMethods = false)
@Import({KafkaConfiguration.class, SearchConfiguration.class, ApiErrors.class, FlowController.class,
    ExecutionController.class, LogController.class, HealthController.class,
    TriggerController.class, TriggerCommandController.class, PluginController.class, ErrorPage.class, ApiSecurity.class,
    BrowserDefencesConfiguration.class,
    OpenApiDocs.class, StorageConfiguration.class, WebhookConfiguration.class, EncryptionConfiguration.class, LimitsConfiguration.class})
@EnableConfigurationProperties(TemplateSettings.class)
public class ApiConfiguration {

    /** The api's copy of the flows, read before the api answers its first request. */
    @Bean(destroyMethod = "close")
    FlowView flowView(KafkaClients kafka, TopicsReady topics) throws TimeoutException, InterruptedException {
        return new FlowView(kafka).start(Duration.ofMinutes(2));
    }

    @Bean(destroyMethod = "close")
    FlowService flowService(KafkaClients kafka, FlowView view, ApiLimits limits) {
        return new FlowService(kafka, view, new FlowParser(), Clock.systemUTC(), limits.maxFlowSize().toBytes());
    }

    @Bean(destroyMethod = "close")
    LiveExecutions liveExecutions(KafkaClients kafka, TopicsReady topics) {
        return new LiveExecutions(kafka).start();
    }

    @Bean(destroyMethod = "close")
    LiveLogs liveLogs(KafkaClients kafka, TopicsReady topics) {
        return new LiveLogs(kafka).start();
    }

    @Bean(destroyMethod = "close")
    ExecutionService executionService(KafkaClients kafka, FlowView flows, LiveExecutions live, InternalStorage storage,
                                      SecretCipher cipher, TemplateSettings templates) {
        return new ExecutionService(kafka, flows, live, new TemplateEngine(new EnvironmentSecrets(), templates.limits()),
            storage, Clock.systemUTC(), cipher);
    }

    @Bean(destroyMethod = "close")
    TriggerCommandSender triggerCommandSender(KafkaClients kafka, TopicsReady topics) {
        return new TriggerCommandSender(kafka);
    }

    @Bean
    TriggerService triggerService(FlowView flows, TriggerStore store, TriggerCommandSender commands) {
        return new TriggerService(flows, store, commands, Clock.systemUTC());
    }
}
