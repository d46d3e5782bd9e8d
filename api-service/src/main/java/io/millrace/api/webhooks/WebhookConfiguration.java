package io.millrace.api.webhooks;

import io.millrace.api.executions.ExecutionService;
import io.millrace.api.flows.FlowView;
import io.millrace.api.web.webhooks.WebhookController;
import io.millrace.template.EnvironmentSecrets;
import io.millrace.template.TemplateEngine;
import io.millrace.template.TemplateSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.filter.FormContentFilter;

/** The webhook endpoint's beans: its settings, the service behind it and its controller. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WebhookSettings.class, TemplateSettings.class})
@Import(WebhookController.class)
public class WebhookConfiguration {

    @Bean
    WebhookService webhookService(FlowView flows, ExecutionService executions, WebhookSettings settings,
                                  TemplateSettings templates) {
        TemplateEngine engine = new TemplateEngine(new EnvironmentSecrets(), templates.limits());
        return new WebhookService(flows, executions, new WebhookDecision(engine), settings);
    }

    /**
     * Spring's form filter, except on webhook URLs: it would read a PUT form body into request
     * parameters, and the flow wants that body, as sent, in {@code trigger.body}.
     */
    @Bean
    FormContentFilter formContentFilter() {
        return new OrderedFormContentFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return path.startsWith("/api/v1/executions/webhook/") || path.startsWith("/api/v1/main/executions/webhook/");
            }
        };
    }
}
