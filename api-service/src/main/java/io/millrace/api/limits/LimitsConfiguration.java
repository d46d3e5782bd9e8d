package io.millrace.api.limits;

import io.millrace.api.web.follow.FollowStreams;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The api's request limits ({@code millrace.api.*}): body sizes, paging, live follows. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiLimits.class)
public class LimitsConfiguration {

    /**
     * The body size check, right after authentication: a caller without credentials gets its 401
     * without a byte of its body being read, anyone else a 413 before a controller reads it.
     */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ApiLimits limits) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
            new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    @Bean
    PageLimits pageLimits(ApiLimits limits) {
        return new PageLimits(limits);
    }

    @Bean(destroyMethod = "close")
    FollowStreams followStreams(ApiLimits limits) {
        return new FollowStreams(limits);
    }
}
