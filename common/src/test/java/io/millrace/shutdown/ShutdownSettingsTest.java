package io.millrace.shutdown;

import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** millrace.shutdown.grace-period and the waits derived from it. */
class ShutdownSettingsTest {

    @Test
    void thirtySecondsUnlessSetLikeKubernetesTerminationGrace() {
        assertThat(bind(Map.of()).gracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bind(Map.of("millrace.shutdown.grace-period", "2m")).gracePeriod()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theWaitsOfTheServicesAreSharesOfIt() {
        ShutdownSettings settings = bind(Map.of("millrace.shutdown.grace-period", "60s"));

        assertThat(settings.streamsCloseTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.webRequestsWait()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aGracePeriodOfNothingIsRefused() {
        assertThatThrownBy(() -> new ShutdownSettings(Duration.ZERO)).hasMessageContaining("millrace.shutdown.grace-period");
    }

    @Test
    void springsShutdownPhaseTimeoutFollowsTheGracePeriodUnlessSet() {
        assertThat(phaseTimeout(Map.of())).isEqualTo("3000ms");
        assertThat(phaseTimeout(Map.of("millrace.shutdown.grace-period", "50s"))).isEqualTo("5000ms");
        assertThat(phaseTimeout(Map.of("spring.lifecycle.timeout-per-shutdown-phase", "12s"))).isEqualTo("12s");
    }

    @Test
    void everySpringBootApplicationWithMillraceRunsTheDerivation() {
        SpringApplication app = new SpringApplication(NoBeans.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);

        try (ConfigurableApplicationContext context = app.run("--millrace.shutdown.grace-period=50s")) {
            assertThat(context.getEnvironment().getProperty(WebShutdownTimeout.KEY)).isEqualTo("5000ms");
        }
    }

    /** An application with nothing in it but Spring Boot's own start-up. */
    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    private static String phaseTimeout(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new WebShutdownTimeout().postProcessEnvironment(environment, null);
        return environment.getProperty(WebShutdownTimeout.KEY);
    }

    private static ShutdownSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
            .bindOrCreate("millrace.shutdown", ShutdownSettings.class);
    }
}
