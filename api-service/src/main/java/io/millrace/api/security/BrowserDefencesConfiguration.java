package io.millrace.api.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.HandlerMapping;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Puts {@link BrowserDefences} in front of everything else that reads a request: Spring Security's
 * chain (so a refused request is refused with or without credentials), form parsing and the controllers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BrowserSettings.class)
public class BrowserDefencesConfiguration {

    @Bean
    FilterRegistrationBean<BrowserDefences> browserDefences(BrowserSettings settings, Environment environment,
                                                            @Qualifier("requestMappingHandlerMapping")
                                                            ObjectProvider<HandlerMapping> handlers) {
        BrowserDefences filter = new BrowserDefences(settings, loopbackOnly(environment.getProperty("server.address")),
            handlers::getObject);
        FilterRegistrationBean<BrowserDefences> registration = new FilterRegistrationBean<>(filter);
        // right after the character encoding filter, which is the first
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Whether {@code server.address} is a loopback address (unset: every interface). */
    static boolean loopbackOnly(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address.trim()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // the server cannot bind it either, and says so
        }
    }
}
