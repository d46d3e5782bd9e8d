package io.millrace.api.security;

import io.millrace.api.store.ExecutionStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The role and namespace check of every endpoint ({@link Permission}), and its 403 answer. */
@Configuration(proxyBeanMethods = false)
@Import(AccessDeniedAnswer.class)
public class ApiPermissions implements WebMvcConfigurer {

    private final SecuritySettings settings;
    private final ExecutionStore executions;

    public ApiPermissions(SecuritySettings settings, ExecutionStore executions) {
        this.settings = settings;
        this.executions = executions;
    }

    @Bean
    Access access() {
        return new Access(settings.enabled());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PermissionInterceptor(new Access(settings.enabled()), executions));
    }
}
